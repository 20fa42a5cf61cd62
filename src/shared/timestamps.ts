// One timestamp form for the whole app: UTC ISO-8601 with milliseconds and a 'Z', which is exactly
// what SQLite's strftime('%Y-%m-%dT%H:%M:%fZ', …) produces. Because every stored time has the same
// fixed-width form, TEXT comparison orders by time (retention and range queries rely on that).

const ISO_FORM = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

export function toIso(date: Date): string {
  if (Number.isNaN(date.getTime())) throw new RangeError('toIso: invalid Date');
  const iso = date.toISOString();
  // Years outside 0000..9999 get a sign and six digits in JS, which SQLite would not produce.
  if (!ISO_FORM.test(iso)) throw new RangeError(`toIso: date out of the storable range: ${iso}`);
  return iso;
}

export function nowIso(): string {
  return toIso(new Date());
}

/** True when `value` is a timestamp in the stored form (and a real calendar date). */
export function isIsoTimestamp(value: string): boolean {
  if (!ISO_FORM.test(value)) return false;
  const time = Date.parse(value);
  return !Number.isNaN(time) && new Date(time).toISOString() === value;
}

export function parseIso(value: string): Date {
  if (!isIsoTimestamp(value)) throw new RangeError(`parseIso: not a stored timestamp: ${value}`);
  return new Date(value);
}
