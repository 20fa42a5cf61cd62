import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { Command } from 'commander';
import { AccessService } from '../../engine/access/access-service';
import { auditedHandlers } from '../../engine/access/audited-handlers';
import { openMigratedDatabase } from '../../engine/db/open-migrated-database';
import { repositoriesFor } from '../../engine/db/repositories';
import { salesHandlers } from '../../engine/handlers/sales-handlers';
import { decodeSalesFile } from '../../engine/sales/sales-csv';
import type { Handlers } from '../../shared/contract';
import { dispatch } from '../../shared/dispatch';
import type { SalesImportDto, SalesRowErrorDto } from '../../shared/requests-sales';
import { action, CliError, printResult } from '../output';

interface ImportOptions {
  db: string;
  camera?: string;
  replace?: boolean;
  utcOffset?: string;
  json?: boolean;
}

/** `+01:00`, `-05:30`, `+2`, `Z`, or minutes east (`60`, `-300`) → minutes east of UTC. */
export function parseUtcOffset(text: string): number {
  const t = text.trim();
  if (/^(z|utc)$/i.test(t)) return 0;
  const hm = /^(?:utc)?([+-])(\d{1,2})(?::?(\d{2}))?$/i.exec(t);
  if (hm && !(hm[3] === undefined && hm[2]!.length === 2 && Number(hm[2]) > 14)) {
    const minutes = Number(hm[2]) * 60 + Number(hm[3] ?? 0);
    if (minutes <= 14 * 60) return (hm[1] === '-' ? -1 : 1) * minutes;
  }
  if (/^[+-]?\d{1,3}$/.test(t) && Math.abs(Number(t)) <= 840) return Number(t);
  throw new CliError('INVALID_INPUT', `--utc-offset "${text}" is not a UTC offset (write +01:00, -05:00, Z, or minutes east such as 60)`, 2);
}

/** "line 4, revenue: …" from the envelope's issues (path = line[.field]). */
function rowErrors(issues: Array<{ path: string; message: string }> | undefined): SalesRowErrorDto[] {
  return (issues ?? []).map((i) => {
    const [line = '0', field] = i.path.split('.');
    return { line: Number(line) || 0, field: field ?? null, message: i.message.replace(/^line \d+: /, '') };
  });
}

function human(r: SalesImportDto): string {
  const lines = [
    `imported ${r.imported} hour${r.imported === 1 ? '' : 's'} of sales from ${r.sourceFile} (${r.cameraId ? `camera ${r.cameraId}` : 'the whole store'})${r.replaced ? `, ${r.replaced} replaced` : ''}`,
    `${r.firstHour} – ${r.lastHour} (UTC); ${r.transactions} transactions, revenue ${r.revenue}; hours without an offset read in ${r.timeZone}`,
  ];
  if (r.ignoredColumns.length) lines.push(`columns not read: ${r.ignoredColumns.join(', ')}`);
  for (const m of r.metrics) {
    const pct = (v: number | null): string => (v === null ? '—' : `${(v * 100).toFixed(2)} %`);
    lines.push(
      `${m.ref} on ${m.cameraId}, ${m.periodStart.slice(0, 10)}: ${m.visitors} visitors, conversion ${pct(m.conversionRate)}, cost per inference ${m.costPerInference?.toExponential(3) ?? '—'} ${m.currency}, ROI ${m.roiPercentage === null ? '—' : `${m.roiPercentage.toFixed(0)} %`}`,
    );
  }
  return lines.join('\n');
}

/**
 * `sales import --db F FILE`: the till's hourly sales (CSV of hour, transactions, revenue) into
 * the database, all or nothing, through the same request the app uses (`sales:import`, audited as
 * the machine's owner); then the business rows of model_performance_metrics for those days.
 */
export function registerSalesCommands(program: Command): void {
  const sales = program.command('sales').description('sales from the till, conversion and business metrics');
  sales
    .command('import')
    .description('import hourly sales (CSV with the columns hour, transactions, revenue); nothing is imported if any row is wrong')
    .argument('<file>', 'the CSV file (UTF-8; comma or semicolon)')
    .requiredOption('--db <file>', 'SQLite file')
    .option('--camera <name>', 'the camera (name or id) whose footfall the till belongs to; the whole store when left out')
    .option('--replace', 'overwrite hours imported before (default: refuse the file)')
    .option('--utc-offset <offset>', "UTC offset of hours written without one, e.g. +01:00 (default: this machine's time zone, TZ)")
    .option('--json', 'JSON output')
    .action(
      action(async (file: string, opts: ImportOptions) => {
        try {
          await importCommand(file, opts);
        } catch (err) {
          if (!(err instanceof Handled)) throw err;
        }
      }),
    );
}

async function importCommand(file: string, opts: ImportOptions): Promise<void> {
  const offset = opts.utcOffset === undefined ? undefined : parseUtcOffset(opts.utcOffset);
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (err) {
    throw new CliError('NOT_FOUND', `cannot read ${file}: ${(err as Error).message}`);
  }
  const fail = (code: string, message: string, errors: SalesRowErrorDto[]): never => {
    if (opts.json) process.stderr.write(`${JSON.stringify({ error: { code, message, rows: errors } })}\n`);
    else {
      process.stderr.write(`footfall: ${message.split(' — ')[0]} [${code}]\n`);
      for (const e of errors) process.stderr.write(`  ${e.line > 0 && !e.message.startsWith(`line ${e.line} `) ? `line ${e.line}: ` : ''}${e.message}\n`);
    }
    process.exitCode = 1;
    throw new Handled();
  };
  const decoded = decodeSalesFile(bytes);
  if ('error' in decoded) fail('SALES_FILE_REFUSED', `${basename(file)} was not imported (nothing was written): one problem — ${decoded.error.message}`, [decoded.error]);
  const text = (decoded as { text: string }).text;
  const db = openMigratedDatabase(opts.db);
  try {
    const repos = repositoriesFor(db);
    let cameraId: string | undefined;
    if (opts.camera !== undefined) {
      const wanted = opts.camera.trim().toLowerCase();
      const camera = repos.cameras.list().find((c) => c.cameraId === opts.camera || c.name.toLowerCase() === wanted);
      if (!camera) throw new CliError('NOT_FOUND', `no camera named "${opts.camera}"`);
      cameraId = camera.cameraId;
    }
    const access = new AccessService(db, repos);
    const handlers = auditedHandlers(salesHandlers({ db, repos }) as Handlers, access);
    const input = {
      filename: basename(file),
      content: text,
      ...(cameraId !== undefined ? { cameraId } : {}),
      ...(opts.replace ? { replace: true } : {}),
      ...(offset !== undefined ? { utcOffsetMinutes: offset } : {}),
    };
    const r = await dispatch(handlers, 'sales:import', input, access.ownerCaller());
    if (!r.ok) fail(r.error.code, r.error.message, rowErrors(r.error.issues));
    else printResult(!!opts.json, r.value, () => human(r.value as SalesImportDto));
  } finally {
    db.close();
  }
}

/** A failure already printed in full (every row), so the generic one-line handler stays quiet. */
class Handled extends Error {}
