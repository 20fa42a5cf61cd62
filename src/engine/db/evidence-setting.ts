import { DEFAULT_EVIDENCE_LEVEL, EVIDENCE_LEVELS, isOneOf, type EvidenceLevel } from '../../shared/enums';
import type { SqliteDatabase } from './open-database';

/** A stored `storage.evidence` value as a level; `events` for none or one this version does not know. */
export function evidenceLevelOf(value: unknown): EvidenceLevel {
  return isOneOf(EVIDENCE_LEVELS, value) ? value : DEFAULT_EVIDENCE_LEVEL;
}

/** The shop's `storage.evidence` setting (settings hold JSON text). */
export function evidenceSetting(db: SqliteDatabase): EvidenceLevel {
  const raw = db.prepare("SELECT value FROM settings WHERE key = 'storage.evidence'").pluck().get();
  return evidenceLevelOf(typeof raw === 'string' ? JSON.parse(raw) : raw);
}
