import fs from 'node:fs';
import type { Command } from 'commander';
import { checkDatabase } from '../../engine/db/db-check';
import { databaseStats } from '../../engine/db/db-stats';
import { openDatabase } from '../../engine/db/open-database';
import { openMigratedDatabase, openMigratedDatabaseWithResult } from '../../engine/db/open-migrated-database';
import { runRetentionChunked, storedRetentionOverrides } from '../../engine/db/retention';
import { isoTimeSchema } from '../../shared/request-spec';
import { action, CliError, printResult } from '../output';

interface DbOptions {
  db: string;
  json?: boolean;
}

export function registerDbCommands(program: Command): void {
  const db = program.command('db').description('database maintenance');

  db.command('migrate')
    .description('create or upgrade a database file to the full schema')
    .requiredOption('--db <file>', 'SQLite file')
    .option('--json', 'JSON output')
    .action(
      action((opts: DbOptions) => {
        const { db: conn, migration: r } = openMigratedDatabaseWithResult(opts.db);
        try {
          printResult(!!opts.json, { db: opts.db, applied: r.applied, version: r.version }, () =>
            r.applied.length ? `migrated ${opts.db} to schema v${r.version} (applied ${r.applied.join(', ')})` : `${opts.db} is already at schema v${r.version}`,
          );
        } finally {
          conn.close();
        }
      }),
    );

  db.command('check')
    .description('integrity_check, foreign_key_check and schema version')
    .requiredOption('--db <file>', 'SQLite file')
    .option('--json', 'JSON output')
    .action(
      action((opts: DbOptions) => {
        const conn = openDatabase(opts.db, { readonly: true });
        try {
          const r = checkDatabase(conn);
          printResult(!!opts.json, { db: opts.db, ...r }, () =>
            [
              `${opts.db}: ${r.ok ? 'ok' : 'PROBLEMS FOUND'}`,
              `schema v${r.schemaVersion} of v${r.latestVersion}, ${r.tables.length} tables`,
              `integrity: ${r.integrity.join('; ')}`,
              `foreign key violations: ${r.foreignKeyViolations.length}`,
            ].join('\n'),
          );
          if (!r.ok) throw new CliError('DB_CHECK_FAILED', `${opts.db} failed its checks`);
        } finally {
          conn.close();
        }
      }),
    );

  db.command('stats')
    .description('file size, rows and bytes per table, growth per day')
    .requiredOption('--db <file>', 'SQLite file')
    .option('--json', 'JSON output')
    .action(
      action((opts: DbOptions) => {
        const conn = openDatabase(opts.db, { readonly: true });
        try {
          const r = databaseStats(conn, opts.db);
          const mb = (n: number): string => `${(n / 1048576).toFixed(1)} MB`;
          printResult(!!opts.json, r, () =>
            [
              `${opts.db}: ${mb(r.sizeBytes)} (+ WAL ${mb(r.walBytes)}), ${r.pageCount} pages of ${r.pageSize} bytes, ${r.freePages} free`,
              ...r.tables.filter((t) => t.rows > 0).map((t) => `  ${t.name}: ${t.rows} rows, ${mb(t.bytes)}${r.bytesExact ? '' : ' (estimated)'}`),
              `growth: ${mb(r.growth.bytesPerDay)} per day (${r.growth.method})`,
            ].join('\n'),
          );
        } finally {
          conn.close();
        }
      }),
    );

  db.command('vacuum')
    .description('rewrite the file with auto_vacuum=INCREMENTAL (once, for files made before it was the default), so retention can shrink it')
    .requiredOption('--db <file>', 'SQLite file')
    .option('--json', 'JSON output')
    .action(
      action((opts: DbOptions) => {
        mustExist(opts.db);
        const conn = openDatabase(opts.db);
        try {
          const before = fileBytes(opts.db);
          // VACUUM takes the write lock for as long as it rewrites the file: run it while Footfall is closed.
          conn.pragma('auto_vacuum = INCREMENTAL');
          conn.exec('VACUUM');
          conn.pragma('wal_checkpoint(TRUNCATE)');
          const r = { db: opts.db, autoVacuum: conn.pragma('auto_vacuum', { simple: true }) === 2 ? 'incremental' : 'none', bytesBefore: before, bytesAfter: fileBytes(opts.db) };
          printResult(!!opts.json, r, () => `${opts.db}: auto_vacuum ${r.autoVacuum}, ${r.bytesBefore} → ${r.bytesAfter} bytes`);
        } finally {
          conn.close();
        }
      }),
    );

  registerRetentionCommand(program);
}

interface RetentionOptions extends DbOptions {
  now?: string;
}

function mustExist(file: string): void {
  if (!fs.existsSync(file)) throw new CliError('DB_NOT_FOUND', `there is no database file ${file}`);
}

const fileBytes = (file: string): number => fs.statSync(file).size + (fs.existsSync(`${file}-wal`) ? fs.statSync(`${file}-wal`).size : 0);

/** `--now`: an ISO 8601 time with its zone; the run's logical time (cut-offs are measured from it). */
function nowOption(text: string | undefined): Date {
  if (text === undefined) return new Date();
  const ok = isoTimeSchema.safeParse(text).success;
  const d = new Date(text);
  if (!ok || Number.isNaN(d.getTime())) {
    throw new CliError('VALIDATION', `--now must be an ISO 8601 time with its time zone, such as 2026-12-01T03:00:00Z, got "${text}"`, 2);
  }
  return d;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
const mb = (n: number): string => `${(n / 1_048_576).toFixed(1)} MB`;
const plural = (n: number, one: string): string => `${n} ${n === 1 ? one : `${one}s`}`;

/** `retention run --db F [--now ISO] --json`: the nightly job, now (src/engine/db/retention.ts). */
function registerRetentionCommand(program: Command): void {
  program
    .command('retention')
    .description('data retention')
    .command('run')
    .description('archive and delete old results now (the nightly job), with the periods stored in Settings')
    .requiredOption('--db <file>', 'SQLite file')
    .option('--now <iso>', 'the run\'s logical time (default: now), e.g. 2026-12-01T03:00:00Z')
    .option('--json', 'JSON output')
    .action(
      action(async (opts: RetentionOptions) => {
        const now = nowOption(opts.now);
        mustExist(opts.db);
        const conn = openMigratedDatabase(opts.db);
        try {
          // Another process (the app) may be counting on this file: after each chunk, pause as long
          // as it took, so its writer (retrying on its busy timeout) gets the lock in between.
          const r = await runRetentionChunked(conn, now, { overrides: storedRetentionOverrides(conn), pause: (ms) => sleep(Math.max(1, Math.ceil(ms))) });
          printResult(!!opts.json, r, () =>
            [
              `retention run ${r.runId} at ${r.now}: ${r.status}`,
              `  inference results before ${r.cutoffs.inferenceResults} (${plural(r.periods.inferenceResultsDays, 'day')}): ${r.archived.inferenceResults} archived; ` +
                `${r.deleted.detectionResults} detections and ${r.deleted.trackingResults} tracks deleted with them; ${r.countingResultsDetached} counting events kept`,
              `  performance metrics before ${r.cutoffs.performanceMetrics} (${plural(r.periods.performanceMetricsYears, 'year')}): ${r.archived.performanceMetrics} archived`,
              `  A/B results before ${r.cutoffs.abResults} (${plural(r.periods.abResultsYears, 'year')}): ${r.archived.abResults} archived`,
              `  camera health samples before ${r.cutoffs.healthSamples}: ${r.deleted.healthSamples} deleted`,
              `  ${r.chunks} chunks in ${r.durationMs} ms, longest lock ${r.longestLockMs} ms`,
              `  file ${mb(r.file.bytesBefore + r.file.walBytesBefore)} → ${mb(r.file.bytesAfter + r.file.walBytesAfter)} (auto_vacuum ${r.file.autoVacuum}${r.file.converted ? ', converted now' : ''}, checkpoint ${r.file.checkpoint})` +
                (r.file.autoVacuum === 'incremental' ? '' : `; the file does not shrink until \`footfall db vacuum --db ${opts.db}\` (while Footfall is closed)`),
            ].join('\n'),
          );
        } finally {
          conn.close();
        }
      }),
    );
}
