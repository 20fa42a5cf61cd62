/**
 * The append-only record of who changed what (audit_log, migration 0010; triggers refuse UPDATE
 * and DELETE). Every value passes `auditSafe` first: secret-named fields are dropped to "***" and
 * strings lose URL credentials and every secret the process knows, so no secret is ever stored.
 */
import type { Statement } from 'better-sqlite3';
import type { AuditEntryDto, AuditExportDto } from '../../shared/dto-access';
import type { SqliteDatabase } from '../db/open-database';
import { scrubText } from '../log';
import { isoAt, type Clock } from './clock';

export interface AuditRecord {
  userId: number | null;
  username: string | null;
  action: string;
  target?: string | null;
  outcome?: AuditEntryDto['outcome'];
  address?: string | null;
  before?: unknown;
  after?: unknown;
  details?: unknown;
}

const SECRET_KEY = /pass|secret|token|hash|cipher|authorization|api.?key|cookie/i;
const MAX_DEPTH = 8;
const MAX_JSON = 200_000;

/** A copy of `value` that may be stored in the audit log. */
export function auditSafe(value: unknown, depth = 0): unknown {
  if (value === undefined) return null;
  if (typeof value === 'string') return scrubText(value);
  if (value === null || typeof value !== 'object') return value;
  if (depth >= MAX_DEPTH) return '[nested]';
  if (Buffer.isBuffer(value) || ArrayBuffer.isView(value)) return `[${value.byteLength} bytes]`;
  if (Array.isArray(value)) return value.slice(0, 200).map((v) => auditSafe(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    // hasPassword says whether a secret exists, not what it is.
    out[k] = SECRET_KEY.test(k) && typeof v !== 'boolean' ? '***' : auditSafe(v, depth + 1);
  }
  return out;
}

function json(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  const text = JSON.stringify(auditSafe(value));
  return text.length > MAX_JSON ? JSON.stringify({ truncated: true, bytes: text.length }) : text;
}

interface AuditRow {
  id: number;
  at: string;
  user_id: number | null;
  username: string | null;
  action: string;
  target: string | null;
  outcome: AuditEntryDto['outcome'];
  address: string | null;
  before_json: string | null;
  after_json: string | null;
  details: string | null;
}

const parse = (text: string | null): unknown => (text === null ? null : (JSON.parse(text) as unknown));

function toDto(r: AuditRow): AuditEntryDto {
  return {
    id: r.id,
    at: r.at,
    userId: r.user_id,
    username: r.username,
    action: r.action,
    target: r.target,
    outcome: r.outcome,
    address: r.address,
    before: parse(r.before_json),
    after: parse(r.after_json),
    details: parse(r.details),
  };
}

export class AuditLog {
  private readonly insertStmt: Statement;
  private readonly pageStmt: Statement;
  private readonly allStmt: Statement;

  constructor(
    db: SqliteDatabase,
    private readonly clock: Clock,
  ) {
    this.insertStmt = db.prepare(`
      INSERT INTO audit_log (at, user_id, username, action, target, outcome, address, before_json, after_json, details)
      VALUES (@at, @user_id, @username, @action, @target, @outcome, @address, @before_json, @after_json, @details)`);
    this.pageStmt = db.prepare('SELECT * FROM audit_log WHERE (@before IS NULL OR id < @before) ORDER BY id DESC LIMIT @limit');
    this.allStmt = db.prepare('SELECT * FROM audit_log ORDER BY id');
  }

  append(r: AuditRecord): number {
    const info = this.insertStmt.run({
      at: isoAt(this.clock()),
      user_id: r.userId,
      username: r.username === null ? null : r.username.slice(0, 100),
      action: r.action.slice(0, 100),
      target: r.target === undefined || r.target === null ? null : scrubText(r.target).slice(0, 200),
      outcome: r.outcome ?? 'ok',
      address: r.address ? r.address.slice(0, 100) : null,
      before_json: json(r.before),
      after_json: json(r.after),
      details: json(r.details),
    });
    return Number(info.lastInsertRowid);
  }

  list(limit: number, beforeId?: number): AuditEntryDto[] {
    return (this.pageStmt.all({ before: beforeId ?? null, limit }) as AuditRow[]).map(toDto);
  }

  export(format: 'csv' | 'json'): AuditExportDto {
    const rows = (this.allStmt.all() as AuditRow[]).map(toDto);
    const stamp = isoAt(this.clock()).replace(/[:.]/g, '-');
    if (format === 'json') {
      return { filename: `footfall-audit-${stamp}.json`, mimeType: 'application/json', text: `${JSON.stringify(rows, null, 2)}\n`, count: rows.length };
    }
    const header = ['id', 'at', 'user_id', 'username', 'action', 'target', 'outcome', 'address', 'before', 'after', 'details'];
    const lines = rows.map((r) =>
      [r.id, r.at, r.userId, r.username, r.action, r.target, r.outcome, r.address, jsonCell(r.before), jsonCell(r.after), jsonCell(r.details)]
        .map(csvCell)
        .join(','),
    );
    return { filename: `footfall-audit-${stamp}.csv`, mimeType: 'text/csv', text: `${[header.join(','), ...lines].join('\r\n')}\r\n`, count: rows.length };
  }
}

const jsonCell = (v: unknown): string | null => (v === null ? null : JSON.stringify(v));

/** RFC 4180 quoting, and a leading = + - @ defused so a spreadsheet never runs a cell as a formula. */
function csvCell(v: unknown): string {
  if (v === null || v === undefined) return '';
  let s = String(v);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
