/**
 * `sync report`: in/out per store and day (the store's local day, from its counting events), and
 * per store and model version (from the hourly aggregates, which remember the version that
 * counted), with the latest F1 that store measured for that version. Read from the centre with
 * a footfall_chain role; a shop's own role sees only its own rows.
 */
import type { CentralClient } from './central-connection';
import { describePgError, type ServerContext } from './pg-errors';
import { SyncError } from './sync-error';

export interface StoreDayCount {
  storeId: string;
  storeName: string;
  day: string;
  in: number;
  out: number;
}

export interface ModelVersionCount {
  storeId: string;
  storeName: string;
  modelId: string | null;
  modelVersion: string | null;
  in: number;
  out: number;
  /** Latest F1 (0..100) the store measured for this version on its own footage; null if never. */
  f1: number | null;
}

export interface ChainReport {
  from: string;
  to: string;
  byStoreDay: StoreDayCount[];
  byModelVersion: ModelVersionCount[];
}

// Both bounds are local days of each store; the coarse UTC bound (one day either side covers
// every time zone) lets the index on (store_id, created_at) do the work.
const BY_STORE_DAY = `
SELECT c.store_id AS "storeId", s.store_name AS "storeName",
       to_char((c.created_at AT TIME ZONE s.time_zone)::date, 'YYYY-MM-DD') AS day,
       count(*) FILTER (WHERE c.direction = 'in')::int AS "in",
       count(*) FILTER (WHERE c.direction = 'out')::int AS "out"
FROM counting_results c JOIN stores s ON s.store_id = c.store_id
WHERE c.event_type = 'cross_line' AND c.direction IN ('in', 'out')
  AND c.created_at >= ($1::date - 1)::timestamp AT TIME ZONE 'UTC'
  AND c.created_at < ($2::date + 2)::timestamp AT TIME ZONE 'UTC'
  AND (c.created_at AT TIME ZONE s.time_zone)::date BETWEEN $1::date AND $2::date
GROUP BY 1, 2, 3
ORDER BY 1, 3`;

const BY_MODEL_VERSION = `
SELECT h.store_id AS "storeId", s.store_name AS "storeName",
       NULLIF(h.model_id, '') AS "modelId", NULLIF(h.model_version, '') AS "modelVersion",
       sum(h.count_in)::int AS "in", sum(h.count_out)::int AS "out",
       (SELECT p.f1_score::float8 FROM model_performance_metrics p
         WHERE p.store_id = h.store_id AND p.model_id = h.model_id AND p.model_version = h.model_version AND p.f1_score IS NOT NULL
         ORDER BY p.metric_timestamp DESC, p.id DESC LIMIT 1) AS f1
FROM counting_hourly h JOIN stores s ON s.store_id = h.store_id
WHERE h.hour_start >= ($1::date - 1)::timestamp AT TIME ZONE 'UTC'
  AND h.hour_start < ($2::date + 2)::timestamp AT TIME ZONE 'UTC'
  AND (h.hour_start AT TIME ZONE s.time_zone)::date BETWEEN $1::date AND $2::date
GROUP BY h.store_id, s.store_name, h.model_id, h.model_version
ORDER BY 1, 3, 4`;

/** A calendar date YYYY-MM-DD, refused in plain words otherwise. */
export function parseReportDate(text: string, what: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text.trim());
  const date = m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : null;
  if (!m || !date || date.toISOString().slice(0, 10) !== text.trim()) {
    throw new SyncError('SYNC_INVALID_INPUT', `${what} must be a date like 2026-11-25, got "${text}"`);
  }
  return text.trim();
}

export async function chainReport(client: CentralClient, ctx: ServerContext, from: string, to: string): Promise<ChainReport> {
  const f = parseReportDate(from, '--from');
  const t = parseReportDate(to, '--to');
  if (f > t) throw new SyncError('SYNC_INVALID_INPUT', `--from ${f} is after --to ${t}`);
  try {
    const byStoreDay = (await client.query<StoreDayCount>(BY_STORE_DAY, [f, t])).rows;
    const byModelVersion = (await client.query<ModelVersionCount>(BY_MODEL_VERSION, [f, t])).rows;
    return { from: f, to: t, byStoreDay, byModelVersion };
  } catch (err) {
    throw describePgError(err, ctx);
  }
}

/** A spreadsheet must not run a store name as a formula. */
function csvField(value: string | number | null): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One CSV, one section per row kind: `store_day` rows, then `model_version` rows. */
export function chainReportCsv(r: ChainReport): string {
  const lines = [['section', 'store_id', 'store_name', 'day', 'model_id', 'model_version', 'in', 'out', 'f1'].join(',')];
  for (const d of r.byStoreDay) lines.push(['store_day', d.storeId, d.storeName, d.day, null, null, d.in, d.out, null].map(csvField).join(','));
  for (const m of r.byModelVersion) {
    lines.push(['model_version', m.storeId, m.storeName, null, m.modelId, m.modelVersion, m.in, m.out, m.f1].map(csvField).join(','));
  }
  return `${lines.join('\n')}\n`;
}
