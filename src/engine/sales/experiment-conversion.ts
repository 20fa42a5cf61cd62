/**
 * How a model change moves the shop's conversion rate (issue 13 part 5): a miscounting model
 * distorts conversion = transactions ÷ visitors, so an experiment's status reports the conversion
 * each arm's counts would give over the experiment's hours that have sales.
 *
 * - Shadow experiments only: both arms count the same frames, so the same transactions divide
 *   each arm's `in`. An A/B split's arms count different people (different frames, cameras or
 *   slots) and are not comparable this way.
 * - The till's transactions cover the whole hour, the experiment may have watched part of it:
 *   each hour's transactions are scaled by the share of the hour observed (baseline exposure per
 *   unit ÷ 3600 s, at most 1). Both arms get the same scaled transactions, so the comparison is
 *   exact even where the absolute level is an estimate.
 * - Sales used: store-wide rows and those of the experiment's cameras (all rows when the
 *   experiment names no cameras).
 */
import type { ExperimentConversionDto } from '../../shared/dto-experiments';
import type { ExperimentDesign, IntervalMetric } from '../db/repositories/ab-experiments-repository';
import type { Repositories } from '../db/repositories';
import { salesRepositoryFor } from './sales-repository';

const HOUR_MS = 3_600_000;
const hourOf = (iso: string): number => Math.floor(Date.parse(iso) / HOUR_MS) * HOUR_MS;
const pct = (v: number | null): string => (v === null ? '—' : `${(v * 100).toFixed(1)} %`);

export function experimentConversion(repos: Repositories, design: ExperimentDesign, rows: readonly IntervalMetric[]): ExperimentConversionDto | null {
  const hasTable = repos.db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'sales_hourly'").get() !== undefined;
  if (!hasTable || rows.length === 0) return null;
  if (design.mode !== 'shadow') {
    return { salesHours: 0, transactions: null, baseline: null, challenger: null, differencePoints: null, text: 'conversion is compared in shadow experiments only: the arms of an A/B split count different people' };
  }
  const hours = rows.map((r) => hourOf(r.intervalStart));
  const from = new Date(Math.min(...hours)).toISOString();
  const to = new Date(Math.max(...hours) + HOUR_MS).toISOString();
  const cameras = Array.isArray(design.cameraIds) ? new Set(design.cameraIds.filter((c): c is string => typeof c === 'string')) : null;
  const transactionsAt = new Map<number, number>();
  for (const s of salesRepositoryFor(repos.db).range(from, to)) {
    if (cameras && s.camera_id !== '' && !cameras.has(s.camera_id)) continue;
    const t = Date.parse(s.hour);
    transactionsAt.set(t, (transactionsAt.get(t) ?? 0) + s.transactions);
  }
  if (transactionsAt.size === 0) {
    return { salesHours: 0, transactions: null, baseline: null, challenger: null, differencePoints: null, text: 'no sales were imported for the hours of this experiment' };
  }
  const exposure = new Map<number, Map<string, number>>();
  const inOf = { baseline: 0, challenger: 0 };
  const used = new Set<number>();
  for (const r of rows) {
    const h = hourOf(r.intervalStart);
    if (!transactionsAt.has(h)) continue;
    used.add(h);
    inOf[r.arm] += r.inCount;
    if (r.arm === 'baseline') {
      const units = exposure.get(h) ?? new Map<string, number>();
      units.set(r.unit, (units.get(r.unit) ?? 0) + r.exposureS);
      exposure.set(h, units);
    }
  }
  let transactions = 0;
  for (const h of used) {
    const units = [...(exposure.get(h)?.values() ?? [])];
    const share = units.length ? Math.min(1, units.reduce((a, s) => a + s, 0) / units.length / 3600) : 0;
    transactions += (transactionsAt.get(h) ?? 0) * share;
  }
  const rate = (n: number): number | null => (n > 0 ? transactions / n : null);
  const baseline = rate(inOf.baseline);
  const challenger = rate(inOf.challenger);
  const differencePoints = baseline === null || challenger === null ? null : Math.round((challenger - baseline) * 10000) / 100;
  const text =
    baseline === null && challenger === null
      ? 'neither arm counted anyone in the hours with sales'
      : `with the challenger's counts conversion would read ${pct(challenger)} instead of ${pct(baseline)} (${inOf.challenger} instead of ${inOf.baseline} people in, ${Math.round(transactions * 10) / 10} transactions in the ${used.size} hour${used.size === 1 ? '' : 's'} with sales)`;
  return {
    salesHours: used.size,
    transactions: Math.round(transactions * 1e4) / 1e4,
    baseline: { in: inOf.baseline, conversionRate: baseline },
    challenger: { in: inOf.challenger, conversionRate: challenger },
    differencePoints,
    text,
  };
}
