import type { Command } from 'commander';
import { checkDatabase } from '../../engine/db/db-check';
import { databaseStats } from '../../engine/db/db-stats';
import { openDatabase } from '../../engine/db/open-database';
import { openMigratedDatabase, openMigratedDatabaseWithResult } from '../../engine/db/open-migrated-database';
import { runRetention } from '../../engine/db/retention';
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

  program
    .command('retention')
    .description('data retention')
    .command('run')
    .description('archive and delete old results now (the nightly job)')
    .requiredOption('--db <file>', 'SQLite file')
    .option('--json', 'JSON output')
    .action(
      action((opts: DbOptions) => {
        const conn = openMigratedDatabase(opts.db);
        try {
          const days = conn.prepare("SELECT value FROM settings WHERE key = 'retention.days'").pluck().get();
          const r = runRetention(conn, new Date(), typeof days === 'string' && /^\d+$/.test(days) ? { inferenceResultsDays: Number(days) } : {});
          printResult(!!opts.json, r, () => JSON.stringify(r));
        } finally {
          conn.close();
        }
      }),
    );
}
