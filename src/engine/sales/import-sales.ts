/**
 * `sales import` / `sales:import`: a till's CSV into sales_hourly, all or nothing. Every row is
 * checked (sales-csv.ts) and every stored hour it would touch is checked in the same IMMEDIATE
 * transaction that writes it; one problem anywhere and nothing is written, with every problem
 * reported by line. Hours already imported for the same scope are refused unless `replace` is
 * set, which overwrites them (a till's corrected export); an hour is never held both store-wide
 * and for a camera (the all-cameras Dashboard would count it twice). Afterwards the business rows
 * of model_performance_metrics are computed for each local day the file touched.
 */
import { randomBytes } from 'node:crypto';
import type { SqliteDatabase } from '../db/open-database';
import type { Repositories } from '../db/repositories';
import type { SalesImportDto, SalesRowErrorDto } from '../../shared/requests-sales';
import { AppError } from '../../shared/result';
import { computeBusinessMetrics } from './business-metrics';
import { parseSalesCsv, type SalesCsvOptions } from './sales-csv';
import { salesRepositoryFor } from './sales-repository';

/** At most this many problems are listed (the count says how many there were). */
export const MAX_REPORTED_ERRORS = 1000;

/** A refused file: `rows` has every problem (also as the envelope's `issues`: path = line[.field]). */
export class SalesImportError extends AppError {
  constructor(
    readonly rows: SalesRowErrorDto[],
    sourceFile: string,
  ) {
    const shown = rows.slice(0, MAX_REPORTED_ERRORS);
    const where = (e: SalesRowErrorDto): string => (e.line > 0 && !e.message.startsWith(`line ${e.line}`) ? `line ${e.line}: ${e.message}` : e.message);
    const first = shown.slice(0, 3).map(where).join('; ');
    super(
      'SALES_FILE_REFUSED',
      `${sourceFile} was not imported (nothing was written): ${rows.length === 1 ? 'one problem' : `${rows.length} problems`} — ${first}${rows.length > 3 ? '; …' : ''}`,
      shown.map((e) => ({ path: e.field ? `${e.line}.${e.field}` : String(e.line), message: where(e) })),
    );
  }
}

export interface ImportSalesInput extends SalesCsvOptions {
  filename: string;
  content: string;
  /** The camera (its id) the till belongs to; the whole store when left out. */
  cameraId?: string;
  replace?: boolean;
  /** For tests: the import's time. */
  now?: Date;
}

const shortIso = (iso: string): string => `${iso.slice(0, 16)}Z`;

/** The local days (by the import's offset, else this machine's zone) that hold the hours. */
function daysOf(hours: string[], utcOffsetMinutes: number | undefined): Array<{ from: string; to: string }> {
  const days = new Map<string, { from: string; to: string }>();
  for (const hour of hours) {
    const t = Date.parse(hour);
    let from: number;
    let to: number;
    if (utcOffsetMinutes !== undefined) {
      const shift = utcOffsetMinutes * 60_000;
      from = Math.floor((t + shift) / 86_400_000) * 86_400_000 - shift;
      to = from + 86_400_000;
    } else {
      const d = new Date(t);
      from = new Date(d.getFullYear(), d.getMonth(), d.getDate()).getTime();
      to = new Date(d.getFullYear(), d.getMonth(), d.getDate() + 1).getTime();
    }
    const k = new Date(from).toISOString();
    if (!days.has(k)) days.set(k, { from: k, to: new Date(to).toISOString() });
  }
  return [...days.values()];
}

export function importSales(db: SqliteDatabase, repos: Repositories, input: ImportSalesInput): SalesImportDto {
  const sourceFile = input.filename.replace(/^.*[\\/]/, '').slice(0, 255) || 'sales.csv';
  const cameraId = input.cameraId ?? '';
  if (cameraId !== '' && !repos.cameras.get(cameraId)) throw new AppError('NOT_FOUND', `no camera "${cameraId}": the till's footfall must come from a camera of this shop`);
  const parsed = parseSalesCsv(input.content, input.utcOffsetMinutes !== undefined ? { utcOffsetMinutes: input.utcOffsetMinutes } : {});
  if (parsed.errors.length) throw new SalesImportError(parsed.errors, sourceFile);

  const sales = salesRepositoryFor(db);
  const importId = `sales-${(input.now ?? new Date()).toISOString().replace(/[-:.TZ]/g, '').slice(0, 14)}-${randomBytes(3).toString('hex')}`;
  const importedAt = (input.now ?? new Date()).toISOString();
  const scopeName = cameraId === '' ? 'the whole store' : `camera ${cameraId}`;
  let replaced = 0;
  db.transaction(() => {
    const errors: SalesRowErrorDto[] = [];
    for (const r of parsed.rows) {
      const other = sales.conflictingScope(r.hour, cameraId);
      if (other) {
        const otherName = other.camera_id === '' ? 'the whole store' : `camera ${other.camera_id}`;
        errors.push({
          line: r.line,
          field: 'hour',
          message: `hour ${shortIso(r.hour)} already has sales for ${otherName} (from ${other.source_file}); sales for ${scopeName} in the same hour would be counted twice on the all-cameras Dashboard`,
        });
        continue;
      }
      const existing = sales.get(r.hour, cameraId);
      if (existing) {
        if (!input.replace) {
          errors.push({
            line: r.line,
            field: 'hour',
            message: `hour ${shortIso(r.hour)} already has sales for ${scopeName} (imported from ${existing.source_file} at ${shortIso(existing.imported_at)}); import again with --replace (replace: true) to overwrite those hours`,
          });
          continue;
        }
        replaced++;
      }
    }
    if (errors.length) throw new SalesImportError(errors, sourceFile);
    for (const r of parsed.rows) sales.upsert({ hour: r.hour, cameraId, transactions: r.transactions, revenue: r.revenue, sourceFile, importId, importedAt });
  }).immediate();

  const hours = parsed.rows.map((r) => r.hour).sort();
  const metrics = daysOf(hours, input.utcOffsetMinutes).flatMap((d) => computeBusinessMetrics(db, repos, { ...d, ...(cameraId !== '' ? { cameraId } : {}) }));
  return {
    importId,
    sourceFile,
    cameraId: cameraId === '' ? null : cameraId,
    imported: parsed.rows.length,
    replaced,
    firstHour: hours[0]!,
    lastHour: hours[hours.length - 1]!,
    transactions: parsed.rows.reduce((a, r) => a + r.transactions, 0),
    revenue: Math.round(parsed.rows.reduce((a, r) => a + r.revenue, 0) * 1e4) / 1e4,
    delimiter: parsed.delimiter,
    ignoredColumns: parsed.ignoredColumns,
    timeZone: parsed.timeZone,
    metrics,
  };
}
