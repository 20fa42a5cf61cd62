import { describe, expect, it } from 'vitest';
import type { DbRecoveryDto } from '../../../../shared/requests-backup';
import { backupError, backupTakenAt, fileNameOf, formatBytes, formatWhen, nextBackupText, recoverySentences, restoreConsequences } from './backup-words';

const at = '2026-12-01T13:05:00.000Z';
const backupWhen = formatWhen(new Date(2026, 11, 1, 14, 0, 0));

function recovery(over: Partial<DbRecoveryDto>): DbRecoveryDto {
  return { at, kind: 'recovered', problem: 'corrupt', quarantined: null, restoredFrom: null, freshDatabase: false, message: '', ...over };
}

/** No folder of the data directory, no engine code, no stack trace in what the operator reads. */
function expectPlain(text: string): void {
  expect(text).not.toMatch(/\/srv\/|C:\\|\\data\\|SQLITE_|BACKUP_|DB_IN_USE|\bat \w+ \(/);
}

describe('backup and recovery words', () => {
  it('keeps only file names, POSIX or Windows', () => {
    expect(fileNameOf('/srv/footfall/footfall.db.corrupt-20261201-140500')).toBe('footfall.db.corrupt-20261201-140500');
    expect(fileNameOf('C:\\data\\backups\\footfall-20261201-140000.db')).toBe('footfall-20261201-140000.db');
    expect(backupTakenAt('/srv/footfall/backups/footfall-20261201-140000-2.db')?.getTime()).toBe(new Date(2026, 11, 1, 14, 0, 0).getTime());
    expect(backupTakenAt('footfall.db')).toBeNull();
  });

  it('writes sizes in the locale and estimates the next scheduled backup', () => {
    expect(formatBytes(512)).toMatch(/^512\sbyte/);
    expect(formatBytes(1_234_567)).toMatch(/^1[.,]2\sMB$/);
    const now = new Date('2026-12-01T12:00:00Z');
    expect(nextBackupText(null, 24, now)).toContain('A few minutes after Footfall starts');
    expect(nextBackupText('2026-12-01T10:00:00Z', 24, now)).toBe(`About ${formatWhen(new Date('2026-12-02T10:00:00Z'))}`);
    expect(nextBackupText('2026-11-29T10:00:00Z', 24, now)).toContain('Due now');
  });

  it('says what a damaged file and the restored backup mean, with file names only', () => {
    const s = recoverySentences(
      recovery({
        quarantined: '/srv/footfall/footfall.db.corrupt-20261201-140500',
        restoredFrom: '/srv/footfall/backups/footfall-20261201-140000.db',
        message: 'The database file was damaged (/srv/footfall/footfall.db is damaged (SQLITE_CORRUPT))',
      }),
    ).join(' ');
    expect(s).toContain('The database file was damaged (it failed its integrity check) and was moved aside to footfall.db.corrupt-20261201-140500.');
    expect(s).toContain(`Footfall restored the backup of ${backupWhen} — counts after that time are missing.`);
    expectPlain(s);
  });

  it('says so when no backup was available, for an empty or a truncated file', () => {
    const empty = recoverySentences(recovery({ problem: 'empty', quarantined: '/srv/f/footfall.db.corrupt-1', freshDatabase: true })).join(' ');
    expect(empty).toContain('The database file was empty (0 bytes) and was moved aside to footfall.db.corrupt-1.');
    expect(empty).toContain('No good backup was available: Footfall started with an empty database.');
    const truncated = recoverySentences(recovery({ problem: 'truncated', quarantined: 'C:\\data\\footfall.db.corrupt-2', freshDatabase: true })).join(' ');
    expect(truncated).toContain('was cut short (truncated) and was moved aside to footfall.db.corrupt-2.');
    expectPlain(truncated);
  });

  it('reports a restore asked for earlier, done or not done', () => {
    const done = recoverySentences(
      recovery({ kind: 'restored', problem: null, quarantined: '/srv/f/footfall.db.replaced-20261202-080000', restoredFrom: '/srv/f/backups/footfall-20261201-140000.db' }),
    ).join(' ');
    expect(done).toContain(`As asked, Footfall replaced the database with the backup of ${backupWhen}.`);
    expect(done).toContain('kept as footfall.db.replaced-20261202-080000');
    const missing = recoverySentences(
      recovery({
        kind: 'restored',
        problem: 'no backup /srv/f/backups/footfall-20261201-140000.db',
        message: 'The restore from /srv/f/backups/footfall-20261201-140000.db asked for earlier was not done: no backup /srv/f/backups/footfall-20261201-140000.db',
      }),
    ).join(' ');
    expect(missing).toContain(`The restore of the backup of ${backupWhen} asked for earlier was not done: the backup file was no longer there`);
    expectPlain(missing);
  });

  it('words the restore and its errors plainly', () => {
    const text = restoreConsequences('the backup of 1 Dec 2026, 14:00', 'footfall.db').join(' ');
    expect(text).toContain('Footfall will replace the current database with the backup of 1 Dec 2026, 14:00 at its next start.');
    expect(text).toContain('footfall.db.replaced-');
    expect(backupError({ code: 'BACKUP_FAILED', message: 'backup to /srv/f/backups failed: SQLITE_FULL' }).message).toContain('the disk may be full');
    expect(backupError({ code: 'EEXIST', message: "EEXIST: file already exists, mkdir '/srv/f/backups'" }).message).not.toMatch(/EEXIST|\/srv/);
    expect(backupError({ code: 'BACKUP_NOT_FOUND', message: 'no backup /x' }, 7).message).toContain('only the newest 7 backups are kept');
    expect(backupError({ code: 'FORBIDDEN', message: 'x' })).toEqual({ code: 'FORBIDDEN', message: 'x' });
  });
});
