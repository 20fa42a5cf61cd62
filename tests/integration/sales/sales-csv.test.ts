/**
 * The till's CSV (src/engine/sales/sales-csv.ts) and the all-or-nothing import
 * (import-sales.ts): bad rows (wrong hour, negative revenue, duplicates) are each reported with
 * their line and the reason in words, and nothing of such a file is written; a wrong header, an
 * empty file and a file that is not UTF-8 are refused plainly; re-importing the same hours is
 * refused unless `replace` is asked for, which overwrites them.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createRepositories, type Repositories } from '../../../src/engine/db/repositories';
import type { SqliteDatabase } from '../../../src/engine/db/open-database';
import { decodeSalesFile, parseHour, parseSalesCsv } from '../../../src/engine/sales/sales-csv';
import { importSales, SalesImportError } from '../../../src/engine/sales/import-sales';
import { migratedDb } from '../db/db-test-helpers';

const UTC = { utcOffsetMinutes: 0 };

function refusal(fn: () => unknown): SalesImportError {
  try {
    fn();
  } catch (err) {
    if (err instanceof SalesImportError) return err;
    throw err;
  }
  throw new Error('the import was not refused');
}

describe('parseSalesCsv', () => {
  it('reads the three columns in any order, quoted fields, CRLF, a BOM and extra columns', () => {
    const text = '\uFEFFrevenue,"Hour",transactions,till\r\n"1234.50",2026-11-02T09:00:00Z,12,"A ""main"" till"\r\n0,2026-11-02T11:00:00+01:00,0,"B;\nsecond line"\r\n\r\n7.5, 2026-11-02T11:00Z ,1,C\r\n';
    const r = parseSalesCsv(text, UTC);
    expect(r.errors).toEqual([]);
    expect(r.delimiter).toBe(',');
    expect(r.ignoredColumns).toEqual(['till']);
    expect(r.rows).toEqual([
      { line: 2, hour: '2026-11-02T09:00:00.000Z', transactions: 12, revenue: 1234.5 },
      { line: 3, hour: '2026-11-02T10:00:00.000Z', transactions: 0, revenue: 0 },
      // the quoted line break of line 3 counts: this row starts on line 6
      { line: 6, hour: '2026-11-02T11:00:00.000Z', transactions: 1, revenue: 7.5 },
    ]);
    // thousands separators are ambiguous (1,234 or 1.234): refused rather than guessed
    expect(parseSalesCsv('hour,transactions,revenue\n2026-11-02T09:00:00Z,1,"1,234.50"\n', UTC).errors[0]?.message).toBe(
      'revenue "1,234.50" has thousands separators: write it as a plain number (1234.50)',
    );
  });

  it('reads semicolons with decimal commas, and local hours at the given offset', () => {
    const r = parseSalesCsv('hour;transactions;revenue\n2026-11-02 10:00;7;99,90\n2026-11-02 11:00;0;0\n', { utcOffsetMinutes: 60 });
    expect(r.errors).toEqual([]);
    expect(r.delimiter).toBe(';');
    expect(r.rows).toEqual([
      { line: 2, hour: '2026-11-02T09:00:00.000Z', transactions: 7, revenue: 99.9 },
      { line: 3, hour: '2026-11-02T10:00:00.000Z', transactions: 0, revenue: 0 },
    ]);
    expect(r.timeZone).toBe('UTC+01:00');
  });

  it('reports every bad row with its line and the reason: wrong hour, negative revenue, duplicates', () => {
    const text = [
      'hour,transactions,revenue',
      '2026-11-02T09:00:00Z,5,50.00', // 2 fine
      '2026-11-02T25:00:00Z,1,10', // 3 no such hour
      '2026-11-02T10:00:00Z,2,-3.50', // 4 negative revenue
      '2026-11-02T09:00:00Z,1,1', // 5 duplicate of line 2
      '2026-11-02T11:30:00Z,1,1', // 6 not the start of an hour
      'yesterday,-1,abc', // 7 three problems
      '2026-02-30T09:00:00Z,1,1', // 8 no such day
      '2026-11-02T12:00:00Z,1', // 9 a field missing
      '2026-11-02T10:00:00+01:00,1,1', // 10 the same instant as line 2
    ].join('\n');
    const r = parseSalesCsv(text, UTC);
    const byLine = (line: number): string[] => r.errors.filter((e) => e.line === line).map((e) => `${e.field}: ${e.message}`);
    expect(r.errors.map((e) => e.line)).toEqual([3, 4, 5, 6, 7, 7, 7, 8, 9, 10]);
    expect(byLine(3)).toEqual(['hour: hour "2026-11-02T25:00:00Z": 25:00 is not a time of day (hours run 00 to 23)']);
    expect(byLine(4)).toEqual(['revenue: revenue -3.50 is negative: revenue must be 0 or more (refunds are not imported as negative hours)']);
    expect(byLine(5)).toEqual(['hour: hour 2026-11-02T09:00Z is already on line 2: each hour may appear once in a file']);
    expect(byLine(6)[0]).toMatch(/is not the start of an hour/);
    expect(byLine(7)).toEqual([
      expect.stringMatching(/^hour: hour "yesterday" is not a date and hour \(write it as 2026-11-02T09:00:00Z/),
      'transactions: transactions -1 is negative: it must be a whole number, 0 or more',
      'revenue: revenue "abc" is not a number (write it as 1234.50, without a currency sign)',
    ]);
    expect(byLine(8)).toEqual(['hour: hour "2026-02-30T09:00:00Z": 2026-02-30 is not a day of the calendar']);
    expect(byLine(9)[0]).toMatch(/^null: line 9 has 2 fields where the header has 3/);
    expect(byLine(10)).toEqual(['hour: hour 2026-11-02T09:00Z is already on line 2: each hour may appear once in a file']);
    expect(r.rows.map((x) => x.line)).toEqual([2]);
  });

  it('refuses a wrong header, naming what is missing and what it found', () => {
    const r = parseSalesCsv('time,tx,revenue\n2026-11-02T09:00:00Z,1,1\n', UTC);
    expect(r.rows).toEqual([]);
    expect(r.errors).toEqual([
      {
        line: 1,
        field: null,
        message:
          'the first row must be a header naming the columns hour, transactions and revenue (in any order, comma- or semicolon-separated); missing: hour, transactions; found: "time", "tx", "revenue"',
      },
    ]);
    expect(parseSalesCsv('hour,hour,transactions,revenue\n', UTC).errors[0]?.message).toBe('the header names the column "hour" twice');
  });

  it('refuses an empty file, a header without rows, an unclosed quote and a text that lost its encoding', () => {
    expect(parseSalesCsv('', UTC).errors[0]?.message).toMatch(/^the file is empty/);
    expect(parseSalesCsv(' \n\n', UTC).errors[0]?.message).toMatch(/^the file is empty/);
    expect(parseSalesCsv('hour,transactions,revenue\n', UTC).errors).toEqual([{ line: 0, field: null, message: 'the file has a header but no rows of sales' }]);
    expect(parseSalesCsv('hour,transactions,revenue\n"2026-11-02T09:00:00Z,1,1\n', UTC).errors).toEqual([
      { line: 2, field: null, message: 'a quoted field opened on line 2 is never closed (a " is missing)' },
    ]);
    expect(parseSalesCsv('hour,transactions,revenue\n2026-11-02T09:00:00Z,1,1\nCaf\uFFFD,1,1\n', UTC).errors[0]).toMatchObject({ line: 3, message: expect.stringMatching(/not UTF-8/) });
  });

  it('local hours follow the machine zone with its daylight-saving changes (TZ=Europe/Berlin)', () => {
    const before = process.env.TZ;
    process.env.TZ = 'Europe/Berlin';
    try {
      expect(parseHour('2026-07-01 10:00', {})).toEqual({ hour: '2026-07-01T08:00:00.000Z' });
      expect(parseHour('2026-11-02 10:00', {})).toEqual({ hour: '2026-11-02T09:00:00.000Z' });
      expect(parseHour('2026-03-29 02:00', {})).toMatchObject({ error: expect.stringMatching(/does not exist in Europe\/Berlin \(the clocks went forward\)/) });
      expect(parseHour('2026-10-25 02:00', {})).toMatchObject({ error: expect.stringMatching(/happens twice in Europe\/Berlin/) });
      expect(parseHour('2026-10-25T02:00+01:00', {})).toEqual({ hour: '2026-10-25T01:00:00.000Z' });
    } finally {
      if (before === undefined) delete process.env.TZ;
      else process.env.TZ = before;
    }
  });
});

describe('decodeSalesFile', () => {
  it('takes UTF-8 and refuses Latin-1, UTF-16 and empty files with where and why', () => {
    expect(decodeSalesFile(new TextEncoder().encode('hour,transactions,revenue\nCafé'))).toEqual({ text: 'hour,transactions,revenue\nCafé' });
    const latin1 = Uint8Array.from([...new TextEncoder().encode('hour,transactions,revenue\n2026-11-02T09:00:00Z,1,1\nCaf'), 0xe9]);
    expect(decodeSalesFile(latin1)).toEqual({
      error: { line: 3, field: null, message: 'line 3 is not UTF-8 text (byte 0xE9 at offset 54); the file is probably in a Windows or Latin-1 encoding: save it again as "CSV UTF-8"' },
    });
    expect(decodeSalesFile(Uint8Array.from([0xff, 0xfe, 0x68, 0x00]))).toMatchObject({ error: { message: expect.stringMatching(/UTF-16/) } });
    expect(decodeSalesFile(new Uint8Array())).toMatchObject({ error: { line: 0, message: expect.stringMatching(/^the file is empty/) } });
    // an overlong encoding and a lone continuation byte are not UTF-8 either
    expect(decodeSalesFile(Uint8Array.from([0x61, 0xc0, 0xaf]))).toMatchObject({ error: { line: 1 } });
    expect(decodeSalesFile(Uint8Array.from([0x61, 0x80]))).toMatchObject({ error: { line: 1 } });
  });
});

describe('importSales: all or nothing', () => {
  let db: SqliteDatabase;
  let repos: Repositories;
  const rows = (): number => db.prepare('SELECT count(*) FROM sales_hourly').pluck().get() as number;
  const good = 'hour,transactions,revenue\n2026-11-02T09:00:00Z,5,50\n2026-11-02T10:00:00Z,8,120.25\n';

  beforeEach(() => {
    db = migratedDb().db;
    repos = createRepositories(db);
    repos.cameras.create({ cameraId: 'door', name: 'Door', sourceKind: 'rtsp', url: 'rtsp://10.0.0.5/s' });
  });
  afterEach(() => db.close());

  it('writes nothing when one row of many is bad, and lists every bad row', () => {
    const text = `${good}2026-11-02T11:00:00Z,3,-1\n2026-11-02T09:00:00Z,1,1\n2026-11-02T99:00:00Z,1,1\n`;
    const err = refusal(() => importSales(db, repos, { filename: 'till.csv', content: text, ...UTC }));
    expect(err.code).toBe('SALES_FILE_REFUSED');
    expect(err.rows.map((r) => [r.line, r.field])).toEqual([
      [4, 'revenue'],
      [5, 'hour'],
      [6, 'hour'],
    ]);
    expect(err.message).toMatch(/^till\.csv was not imported \(nothing was written\): 3 problems — line 4: revenue -1 is negative/);
    expect(err.issues?.map((i) => i.path)).toEqual(['4.revenue', '5.hour', '6.hour']);
    expect(rows()).toBe(0);
  });

  it('imports a good file; the same hours again are refused (nothing written), or replaced with replace', () => {
    const first = importSales(db, repos, { filename: '/exports/till.csv', content: good, ...UTC });
    expect(first).toMatchObject({ imported: 2, replaced: 0, sourceFile: 'till.csv', cameraId: null, firstHour: '2026-11-02T09:00:00.000Z', lastHour: '2026-11-02T10:00:00.000Z', transactions: 13, revenue: 170.25 });
    expect(rows()).toBe(2);
    const again = `${good}2026-11-02T11:00:00Z,1,1\n`;
    const err = refusal(() => importSales(db, repos, { filename: 'till-2.csv', content: again, ...UTC }));
    expect(err.rows.map((r) => r.line)).toEqual([2, 3]);
    expect(err.rows[0]!.message).toMatch(/^hour 2026-11-02T09:00Z already has sales for the whole store \(imported from till\.csv at .*\); import again with --replace/);
    expect(rows()).toBe(2);
    const replaced = importSales(db, repos, { filename: 'till-2.csv', content: again.replace(',5,50', ',6,60'), replace: true, ...UTC });
    expect(replaced).toMatchObject({ imported: 3, replaced: 2 });
    expect(db.prepare('SELECT hour, transactions, revenue, source_file, camera_id FROM sales_hourly ORDER BY hour').all()).toEqual([
      { hour: '2026-11-02T09:00:00.000Z', transactions: 6, revenue: 60, source_file: 'till-2.csv', camera_id: '' },
      { hour: '2026-11-02T10:00:00.000Z', transactions: 8, revenue: 120.25, source_file: 'till-2.csv', camera_id: '' },
      { hour: '2026-11-02T11:00:00.000Z', transactions: 1, revenue: 1, source_file: 'till-2.csv', camera_id: '' },
    ]);
  });

  it('never holds an hour both store-wide and for a camera, and refuses an unknown camera', () => {
    importSales(db, repos, { filename: 'store.csv', content: good, ...UTC });
    const err = refusal(() => importSales(db, repos, { filename: 'door.csv', content: good, cameraId: 'door', replace: true, ...UTC }));
    expect(err.rows[0]!.message).toMatch(/already has sales for the whole store \(from store\.csv\); sales for camera door in the same hour would be counted twice/);
    expect(rows()).toBe(2);
    expect(() => importSales(db, repos, { filename: 'x.csv', content: good, cameraId: 'nope', ...UTC })).toThrow(/no camera "nope"/);
  });
});
