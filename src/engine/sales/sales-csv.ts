/**
 * Reading the till's CSV (`sales import`): bytes → text (UTF-8 only, said plainly otherwise), text
 * → rows of hour, transactions and revenue, every problem of every row collected with its line
 * number and the reason in words, so the shop fixes the file once. Nothing here writes: the caller
 * imports only a file without a single problem (import-sales.ts). Format: README.md beside this.
 */
import type { SalesRowErrorDto } from '../../shared/requests-sales';

export const SALES_COLUMNS = ['hour', 'transactions', 'revenue'] as const;
type SalesColumn = (typeof SALES_COLUMNS)[number];

export interface ParsedSalesRow {
  /** Physical line of the file where the row starts (line 1 is the header). */
  line: number;
  /** UTC start of the hour, `YYYY-MM-DDTHH:00:00.000Z`. */
  hour: string;
  transactions: number;
  revenue: number;
}

export interface SalesCsvOptions {
  /**
   * UTC offset (minutes east) of hours written without one. Left out: the time zone of this
   * process (TZ, else the machine's), with its daylight-saving changes.
   */
  utcOffsetMinutes?: number;
}

export interface SalesCsvResult {
  rows: ParsedSalesRow[];
  errors: SalesRowErrorDto[];
  delimiter: ',' | ';';
  ignoredColumns: string[];
  timeZone: string;
}

const MAX_TRANSACTIONS = 1_000_000_000;
const MAX_REVENUE = 1e12;

const fileError = (message: string): SalesRowErrorDto => ({ line: 0, field: null, message });

/** Bytes of a file → its text; a file that is not UTF-8 is refused with where and why. */
export function decodeSalesFile(bytes: Uint8Array): { text: string } | { error: SalesRowErrorDto } {
  if (bytes.length === 0) return { error: fileError('the file is empty: it needs a header row (hour, transactions, revenue) and one row per hour') };
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    return { error: fileError('the file is UTF-16 text, not UTF-8: save it again as "CSV UTF-8"') };
  }
  const bad = firstInvalidUtf8(bytes);
  if (bad >= 0) {
    let line = 1;
    for (let i = 0; i < bad; i++) if (bytes[i] === 0x0a) line++;
    const byte = bytes[bad]!.toString(16).toUpperCase().padStart(2, '0');
    return {
      error: {
        line,
        field: null,
        message: `line ${line} is not UTF-8 text (byte 0x${byte} at offset ${bad}); the file is probably in a Windows or Latin-1 encoding: save it again as "CSV UTF-8"`,
      },
    };
  }
  return { text: new TextDecoder('utf-8').decode(bytes) };
}

/** Offset of the first byte that breaks UTF-8, or -1. */
function firstInvalidUtf8(b: Uint8Array): number {
  let i = 0;
  while (i < b.length) {
    const c = b[i]!;
    if (c < 0x80) {
      i++;
      continue;
    }
    let n: number;
    let min: number;
    if (c >= 0xc2 && c <= 0xdf) [n, min] = [1, 0x80];
    else if (c >= 0xe0 && c <= 0xef) [n, min] = [2, 0x800];
    else if (c >= 0xf0 && c <= 0xf4) [n, min] = [3, 0x10000];
    else return i;
    let cp = c & (0x3f >> n);
    for (let k = 1; k <= n; k++) {
      const d = b[i + k];
      if (d === undefined || (d & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (d & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += n + 1;
  }
  return -1;
}

interface CsvRecord {
  line: number;
  fields: string[];
}

/** RFC 4180 records: quoted fields ("" inside quotes is a quote) may hold the delimiter and line breaks. */
function records(text: string, delimiter: string): { records: CsvRecord[]; error: SalesRowErrorDto | null } {
  const out: CsvRecord[] = [];
  let line = 1;
  let start = 1;
  let field = '';
  let fields: string[] = [];
  let quoted = false;
  let quoteLine = 0;
  let wasQuoted = false;
  const endRecord = (): void => {
    fields.push(wasQuoted ? field : field.trim());
    out.push({ line: start, fields });
    fields = [];
    field = '';
    wasQuoted = false;
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else {
        if (ch === '\n' || (ch === '\r' && text[i + 1] !== '\n')) line++;
        field += ch;
      }
      continue;
    }
    if (ch === '"' && field.trim() === '') {
      quoted = true;
      wasQuoted = true;
      quoteLine = line;
      field = '';
    } else if (ch === delimiter) {
      fields.push(wasQuoted ? field : field.trim());
      field = '';
      wasQuoted = false;
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      endRecord();
      line++;
      start = line;
    } else if (!(wasQuoted && (ch === ' ' || ch === '\t'))) {
      field += ch;
    }
  }
  if (quoted) return { records: out, error: { line: quoteLine, field: null, message: `a quoted field opened on line ${quoteLine} is never closed (a " is missing)` } };
  if (field !== '' || fields.length > 0 || wasQuoted) endRecord();
  return { records: out.filter((r) => r.fields.some((f) => f.trim() !== '')), error: null };
}

const norm = (s: string): string => s.trim().toLowerCase();

function pickDelimiter(headerLine: string): ',' | ';' {
  const names = (d: string): string[] => (records(headerLine, d).records[0]?.fields ?? []).map(norm);
  const fits = (d: string): boolean => SALES_COLUMNS.every((c) => names(d).includes(c));
  if (fits(',')) return ',';
  if (fits(';')) return ';';
  return names(';').length > names(',').length ? ';' : ',';
}

export function describeOffset(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const a = Math.abs(minutes);
  return `UTC${sign}${String(Math.floor(a / 60)).padStart(2, '0')}:${String(a % 60).padStart(2, '0')}`;
}

export function localTimeZoneName(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || 'local time';
  } catch {
    return 'local time';
  }
}

const HOUR_RE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;
const EXAMPLE = 'write it as 2026-11-02T09:00:00Z, 2026-11-02T10:00+01:00, or 2026-11-02 09:00 in local time';

const pad = (n: number): string => String(n).padStart(2, '0');

/** The UTC start of the hour a cell names, or why it names none. */
export function parseHour(raw: string, opts: SalesCsvOptions): { hour: string } | { error: string } {
  const value = raw.trim();
  if (value === '') return { error: 'the hour is empty' };
  const m = HOUR_RE.exec(value);
  if (!m) return { error: `hour "${value}" is not a date and hour (${EXAMPLE})` };
  const [y, mo, d, h, mi, s, frac, zone] = [Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6] ?? 0), m[7] ?? '', m[8]];
  const daysInMonth = mo >= 1 && mo <= 12 ? new Date(Date.UTC(y, mo, 0)).getUTCDate() : 0;
  if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth) return { error: `hour "${value}": ${y}-${pad(mo)}-${pad(d)} is not a day of the calendar` };
  if (h > 23 || mi > 59 || s > 59) return { error: `hour "${value}": ${pad(h)}:${pad(mi)} is not a time of day (hours run 00 to 23)` };
  if (mi !== 0 || s !== 0 || /[1-9]/.test(frac)) return { error: `hour "${value}" is not the start of an hour: each row is one whole hour, written as its start (${pad(h)}:00)` };
  let utcMs: number;
  if (zone !== undefined) {
    const z = zone.toUpperCase();
    let offset = 0;
    if (z !== 'Z') {
      const digits = z.slice(1).replace(':', '');
      const oh = Number(digits.slice(0, 2));
      const om = Number(digits.slice(2) || 0);
      if (oh > 14 || om > 59) return { error: `hour "${value}": ${zone} is not a UTC offset` };
      offset = (z[0] === '-' ? -1 : 1) * (oh * 60 + om);
    }
    utcMs = Date.UTC(y, mo - 1, d, h) - offset * 60_000;
  } else if (opts.utcOffsetMinutes !== undefined) {
    utcMs = Date.UTC(y, mo - 1, d, h) - opts.utcOffsetMinutes * 60_000;
  } else {
    const local = new Date(y, mo - 1, d, h);
    if (local.getFullYear() !== y || local.getMonth() !== mo - 1 || local.getDate() !== d || local.getHours() !== h) {
      return { error: `hour "${value}" does not exist in ${localTimeZoneName()} (the clocks went forward): write it with its UTC offset` };
    }
    const before = new Date(local.getTime() - 3_600_000);
    const after = new Date(local.getTime() + 3_600_000);
    if (before.getHours() === h || after.getHours() === h) {
      return { error: `hour "${value}" happens twice in ${localTimeZoneName()} (the clocks went back): write it with its UTC offset, e.g. ${value.replace(' ', 'T')}${describeOffset(-local.getTimezoneOffset()).slice(3)}` };
    }
    utcMs = local.getTime();
  }
  if (utcMs % 3_600_000 !== 0) return { error: `hour "${value}" with its offset does not start a whole UTC hour (offsets of half an hour are not supported)` };
  return { hour: new Date(utcMs).toISOString() };
}

function parseTransactions(raw: string): number | string {
  const v = raw.trim();
  if (v === '') return 'transactions is empty (write 0 for an hour without sales)';
  if (/^-\s*\d+([.,]\d+)?$/.test(v)) return `transactions ${v} is negative: it must be a whole number, 0 or more`;
  if (/^\d+[.,]\d+$/.test(v)) return `transactions ${v} is not a whole number of transactions`;
  if (!/^\+?\d+$/.test(v)) return `transactions "${v}" is not a number`;
  const n = Number(v);
  if (n > MAX_TRANSACTIONS) return `transactions ${v} is more than ${MAX_TRANSACTIONS} in one hour`;
  return n;
}

function parseRevenue(raw: string, delimiter: ',' | ';'): number | string {
  const v = raw.trim();
  if (v === '') return 'revenue is empty (write 0 for an hour without sales)';
  let text = v;
  // A semicolon file is usually written with decimal commas (1234,50).
  if (delimiter === ';' && /^-?\d+,\d+$/.test(text)) text = text.replace(',', '.');
  if (/^-?\d{1,3}([,.' ]\d{3})+([.,]\d+)?$/.test(text) && !/^-?\d+\.\d+$/.test(text)) {
    return `revenue "${v}" has thousands separators: write it as a plain number (1234.50)`;
  }
  if (!/^[-+]?\d+(\.\d+)?$/.test(text)) return `revenue "${v}" is not a number (write it as 1234.50, without a currency sign)`;
  const n = Number(text);
  if (n < 0) return `revenue ${v} is negative: revenue must be 0 or more (refunds are not imported as negative hours)`;
  if (n > MAX_REVENUE) return `revenue ${v} is too large for one hour`;
  return n;
}

/**
 * Every row of the file with every problem found (never only the first): the file is imported
 * only when `errors` is empty. Line numbers are the file's own (the header is line 1).
 */
export function parseSalesCsv(input: string, opts: SalesCsvOptions = {}): SalesCsvResult {
  const timeZone = opts.utcOffsetMinutes !== undefined ? describeOffset(opts.utcOffsetMinutes) : `${localTimeZoneName()} (this machine)`;
  const text = input.startsWith('\uFEFF') ? input.slice(1) : input;
  const empty = (error: SalesRowErrorDto): SalesCsvResult => ({ rows: [], errors: [error], delimiter: ',', ignoredColumns: [], timeZone });
  if (text.trim() === '') return empty(fileError('the file is empty: it needs a header row (hour, transactions, revenue) and one row per hour'));
  const replacement = text.indexOf('\uFFFD');
  if (replacement >= 0) {
    const line = text.slice(0, replacement).split('\n').length;
    return empty({ line, field: null, message: `line ${line} holds characters that were not UTF-8 text (shown as �): save the file again as "CSV UTF-8"` });
  }
  const firstLine = text.split(/\r\n|\n|\r/).find((l) => l.trim() !== '') ?? '';
  const delimiter = pickDelimiter(firstLine);
  const parsed = records(text, delimiter);
  const [header, ...body] = parsed.records;
  if (!header) return empty(fileError('the file is empty'));
  const names = header.fields.map(norm);
  const index = new Map<SalesColumn, number>();
  const errors: SalesRowErrorDto[] = [];
  for (const c of SALES_COLUMNS) {
    const at = names.indexOf(c);
    if (at >= 0 && names.indexOf(c, at + 1) >= 0) errors.push({ line: header.line, field: c, message: `the header names the column "${c}" twice` });
    if (at >= 0) index.set(c, at);
  }
  const missing = SALES_COLUMNS.filter((c) => !index.has(c));
  if (missing.length) {
    errors.push({
      line: header.line,
      field: null,
      message: `the first row must be a header naming the columns hour, transactions and revenue (in any order, comma- or semicolon-separated); missing: ${missing.join(', ')}; found: ${header.fields.map((f) => `"${f}"`).join(', ') || 'nothing'}`,
    });
  }
  const ignoredColumns = header.fields.filter((_, i) => ![...index.values()].includes(i) && header.fields[i]!.trim() !== '');
  if (errors.length) return { rows: [], errors, delimiter, ignoredColumns, timeZone };
  if (parsed.error) errors.push(parsed.error);
  if (body.length === 0 && !parsed.error) errors.push({ line: 0, field: null, message: 'the file has a header but no rows of sales' });

  const rows: ParsedSalesRow[] = [];
  const seen = new Map<string, number>();
  const width = header.fields.length;
  for (const r of body) {
    const used = Math.max(...index.values()) + 1;
    const extra = r.fields.slice(width).some((f) => f.trim() !== '');
    if (r.fields.length < used || extra) {
      errors.push({ line: r.line, field: null, message: `line ${r.line} has ${r.fields.length} fields where the header has ${width} (a "${delimiter}" missing or too many, or a value with a "${delimiter}" that needs quotes)` });
      continue;
    }
    const cell = (c: SalesColumn): string => r.fields[index.get(c)!] ?? '';
    const problems: SalesRowErrorDto[] = [];
    const hour = parseHour(cell('hour'), opts);
    if ('error' in hour) problems.push({ line: r.line, field: 'hour', message: hour.error });
    const transactions = parseTransactions(cell('transactions'));
    if (typeof transactions === 'string') problems.push({ line: r.line, field: 'transactions', message: transactions });
    const revenue = parseRevenue(cell('revenue'), delimiter);
    if (typeof revenue === 'string') problems.push({ line: r.line, field: 'revenue', message: revenue });
    if ('hour' in hour) {
      const first = seen.get(hour.hour);
      if (first !== undefined) {
        problems.push({ line: r.line, field: 'hour', message: `hour ${hour.hour.slice(0, 16)}Z is already on line ${first}: each hour may appear once in a file` });
      } else seen.set(hour.hour, r.line);
    }
    if (problems.length) {
      errors.push(...problems);
      continue;
    }
    rows.push({ line: r.line, hour: (hour as { hour: string }).hour, transactions: transactions as number, revenue: revenue as number });
  }
  return { rows, errors, delimiter, ignoredColumns, timeZone };
}
