/**
 * `footfall backup create|list|restore --db F [--to DIR]`: the app's backups from the command line
 * (src/engine/db/backup). Restore only onto a file no running Footfall has open.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import {
  backupPathFor,
  createBackup,
  defaultBackupDir,
  listBackupFiles,
  newestGoodBackup,
  restoreBackup,
  storedBackupKeep,
} from '../../engine/db/backup';
import { openDatabase } from '../../engine/db/open-database';
import { action, CliError, printResult } from '../output';

interface BackupOptions {
  db: string;
  to?: string;
  file?: string;
  json?: boolean;
}

const dirOf = (o: BackupOptions): string => (o.to ? path.resolve(o.to) : defaultBackupDir(o.db));

function mustExist(file: string): void {
  if (!fs.existsSync(file)) throw new CliError('DB_NOT_FOUND', `no database file ${file}`);
}

export function registerBackupCommands(program: Command): void {
  const backup = program.command('backup').description('backups of the database file (default folder: backups/ beside it)');
  const common = (c: Command): Command =>
    c.requiredOption('--db <file>', 'SQLite file').option('--to <dir>', 'backup folder (default: backups/ beside the database)').option('--json', 'JSON output');

  common(backup.command('create').description('back up now (online: safe while Footfall runs), verify, keep the newest backup.keep'))
    .action(
      action(async (opts: BackupOptions) => {
        mustExist(opts.db);
        const conn = openDatabase(opts.db, { readonly: true });
        try {
          const keep = storedBackupKeep(conn);
          const b = await createBackup(conn, { dir: dirOf(opts), keep, pagesPerStep: Infinity });
          printResult(!!opts.json, b, () => `backed up ${opts.db} to ${b.path} (${b.sizeBytes} bytes, verified)${b.pruned.length ? `; deleted ${b.pruned.length} older` : ''}`);
        } finally {
          conn.close();
        }
      }),
    );

  common(backup.command('list').description('the backups, newest first'))
    .action(
      action((opts: BackupOptions) => {
        const dir = dirOf(opts);
        const backups = listBackupFiles(dir);
        printResult(!!opts.json, { dir, backups }, () =>
          backups.length ? backups.map((b) => `${b.name}  ${b.takenAt}  ${b.sizeBytes} bytes`).join('\n') : `no backups in ${dir}`,
        );
      }),
    );

  common(backup.command('restore').description('put a backup back (default: the newest good one); Footfall must not be running on the file'))
    .option('--file <name>', 'backup file name in the folder (see backup list)')
    .action(
      action((opts: BackupOptions) => {
        const dir = dirOf(opts);
        // A bare name is looked up in the folder; a path is taken as it is.
        const file = opts.file ? (opts.file.includes(path.sep) || opts.file.includes('/') ? path.resolve(opts.file) : backupPathFor(dir, opts.file)) : newestGoodBackup(dir);
        if (!file) throw new CliError('BACKUP_NOT_FOUND', `no good backup in ${dir}`);
        const r = restoreBackup(path.resolve(opts.db), file);
        printResult(!!opts.json, { db: opts.db, ...r }, () =>
          `restored ${opts.db} from ${r.restoredFrom}${r.replaced ? `; the previous file is kept as ${r.replaced}` : ''}`,
        );
      }),
    );
}
