/**
 * The seed's business columns of model_performance_metrics (cost_per_inference,
 * revenue_per_inference, roi_percentage) per model version and camera for a period, each by the
 * formula below (README.md beside this file says what they mean and what they do not):
 *
 *   inference seconds  S = Σ processing_time_ms ÷ 1000 over the camera's frames inferred by the
 *                          version in the period (model_inference_results: measured per frame)
 *   energy             E = device_power_W × S ÷ 3.6e6  kWh   (setting business.device_power_watts)
 *   inference cost     C = E × energy_price_per_kWh           (setting business.energy_price_per_kwh)
 *   cost per inference   = C ÷ N                  (N = frames inferred)
 *   visitors           V = footfall `in` the version counted on the camera (counting_hourly)
 *   cost per visitor     = C ÷ V
 *   attributed revenue R = Σ over the period's sales hours h of revenue_h × in_cvh ÷ in_scope,h
 *                          (the till's revenue shared out by each camera and version's share of
 *                          that hour's visitors; scope = the till's camera, or every camera for a
 *                          store-wide till) — i.e. Σ revenue per visitor_h × visitors_cvh
 *   attributed transactions T likewise; conversion = T ÷ V_sales, revenue per visitor = R ÷ V_sales
 *                          (V_sales = visitors of the hours that have sales)
 *   revenue per inference = R ÷ N
 *   ROI                  = (R − C) ÷ C × 100 %
 *
 * Each (version, camera, period) has at most one row: computing it again replaces it.
 */
import type { SqliteDatabase } from '../db/open-database';
import type { Repositories } from '../db/repositories';
import type { BusinessMetricDto } from '../../shared/requests-sales';
import { SETTING_META } from '../../shared/settings-schema';
import { normalizeIso } from '../db/repositories/query-helpers';
import { DbError } from '../db/db-error';
import { rate, round } from './sales-series';
import { salesRepositoryFor } from './sales-repository';

export interface BusinessSettings {
  devicePowerWatts: number;
  energyPricePerKwh: number;
  currency: string;
}

/** The settings business.*, with their defaults; XXX (ISO 4217 "no currency") while none is set. */
export function businessSettings(repos: Repositories): BusinessSettings {
  const num = (key: 'business.device_power_watts' | 'business.energy_price_per_kwh'): number => {
    const v = repos.settings.getValue(key, null);
    return typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : SETTING_META[key].default;
  };
  const currency = repos.settings.getValue('business.currency', null);
  return { devicePowerWatts: num('business.device_power_watts'), energyPricePerKwh: num('business.energy_price_per_kwh'), currency: typeof currency === 'string' && currency ? currency : 'XXX' };
}

/** Energy (kWh) of `inferenceSeconds` of inference at `watts`: W × s ÷ 3.6e6 (1 kWh = 3.6 MJ). */
export const energyKwh = (watts: number, inferenceSeconds: number): number => (watts * inferenceSeconds) / 3.6e6;

/** The pure part: every figure from its inputs (tests check it on known numbers). */
export function businessFigures(i: {
  inferences: number;
  inferenceSeconds: number;
  devicePowerWatts: number;
  energyPricePerKwh: number;
  visitors: number;
  visitorsInSalesHours: number;
  transactions: number | null;
  revenue: number | null;
}): Pick<BusinessMetricDto, 'energyKwh' | 'inferenceCost' | 'costPerInference' | 'costPerVisitor' | 'revenuePerVisitor' | 'conversionRate' | 'revenuePerInference' | 'roiPercentage'> {
  const energy = energyKwh(i.devicePowerWatts, i.inferenceSeconds);
  const cost = energy * i.energyPricePerKwh;
  return {
    energyKwh: energy,
    inferenceCost: cost,
    costPerInference: i.inferences > 0 ? cost / i.inferences : null,
    costPerVisitor: rate(cost, i.visitors),
    revenuePerVisitor: rate(i.revenue, i.visitorsInSalesHours),
    conversionRate: rate(i.transactions, i.visitorsInSalesHours),
    revenuePerInference: i.revenue === null || i.inferences === 0 ? null : i.revenue / i.inferences,
    roiPercentage: i.revenue === null || cost <= 0 ? null : ((i.revenue - cost) / cost) * 100,
  };
}

interface Group {
  camera_id: string;
  model_id: string;
  model_version: string;
  n: number;
  ms: number | null;
}
interface HourIn {
  hour: string;
  camera_id: string;
  model_id: string;
  model_version: string;
  n: number;
}

const key = (...parts: string[]): string => parts.join('\u0000');

/**
 * Computes and stores one business row of model_performance_metrics (with its inputs in
 * model_business_metrics) per model version and camera that inferred frames in [from, to).
 */
export function computeBusinessMetrics(db: SqliteDatabase, repos: Repositories, q: { from: string; to: string; cameraId?: string }): BusinessMetricDto[] {
  const from = new Date(normalizeIso(q.from, 'from')).toISOString();
  const to = new Date(normalizeIso(q.to, 'to')).toISOString();
  if (!(to > from)) throw new DbError('INVALID_INPUT', 'the end of the period must be after its start');
  const settings = businessSettings(repos);
  const groups = db
    .prepare(
      `SELECT camera_id, model_id, model_version, count(*) AS n, sum(processing_time_ms) AS ms
       FROM model_inference_results
       WHERE input_timestamp >= @from AND input_timestamp < @to AND camera_id IS NOT NULL AND model_id IS NOT NULL
         AND (@camera IS NULL OR camera_id = @camera)
       GROUP BY camera_id, model_id, model_version ORDER BY camera_id, model_id, model_version`,
    )
    .all({ from, to, camera: q.cameraId ?? null }) as Group[];
  if (!groups.length) return [];
  // counting_hourly is keyed by UTC hour: the hours that start inside the period.
  const hours = db
    .prepare(
      `SELECT hour_start AS hour, camera_id, model_id, model_version, sum(count_in) AS n FROM counting_hourly
       WHERE hour_start >= @from AND hour_start < @to GROUP BY 1, 2, 3, 4`,
    )
    .all({ from, to }) as HourIn[];
  const cvh = new Map<string, number>();
  const ch = new Map<string, number>();
  const h = new Map<string, number>();
  for (const r of hours) {
    cvh.set(key(r.hour, r.camera_id, r.model_id, r.model_version), r.n);
    ch.set(key(r.hour, r.camera_id), (ch.get(key(r.hour, r.camera_id)) ?? 0) + r.n);
    h.set(r.hour, (h.get(r.hour) ?? 0) + r.n);
  }
  const sales = salesRepositoryFor(db).range(from, to);
  const findOld = db.prepare(
    'SELECT performance_metric_id FROM model_business_metrics WHERE model_id = ? AND model_version = ? AND camera_id = ? AND period_start = ? AND period_end = ?',
  );
  const removeOld = db.prepare('DELETE FROM model_performance_metrics WHERE id = ?');
  const insertBusiness = db.prepare(`
    INSERT INTO model_business_metrics (performance_metric_id, model_id, model_version, camera_id, period_start, period_end, inferences,
      inference_seconds, device_power_watts, energy_price_per_kwh, energy_kwh, inference_cost, visitors, sales_hours, visitors_in_sales_hours,
      transactions_attributed, revenue_attributed, conversion_rate, cost_per_visitor, revenue_per_visitor, currency)
    VALUES (@pid, @model, @version, @camera, @from, @to, @n, @s, @w, @price, @e, @c, @v, @sh, @vs, @t, @r, @conv, @cpv, @rpv, @currency)`);

  const out: BusinessMetricDto[] = [];
  db.transaction(() => {
    for (const g of groups) {
      let visitors = 0;
      for (const [k, n] of cvh) if (k.endsWith(key('', g.camera_id, g.model_id, g.model_version))) visitors += n;
      let salesHours = 0;
      let visitorsInSalesHours = 0;
      let transactions: number | null = null;
      let revenue: number | null = null;
      for (const s of sales) {
        if (s.camera_id !== '' && s.camera_id !== g.camera_id) continue;
        salesHours++;
        const mine = cvh.get(key(s.hour, g.camera_id, g.model_id, g.model_version)) ?? 0;
        visitorsInSalesHours += mine;
        const scope = s.camera_id === '' ? (h.get(s.hour) ?? 0) : (ch.get(key(s.hour, g.camera_id)) ?? 0);
        const share = scope > 0 ? mine / scope : 0;
        transactions = (transactions ?? 0) + s.transactions * share;
        revenue = (revenue ?? 0) + s.revenue * share;
      }
      const inferenceSeconds = (g.ms ?? 0) / 1000;
      const f = businessFigures({
        inferences: g.n,
        inferenceSeconds,
        devicePowerWatts: settings.devicePowerWatts,
        energyPricePerKwh: settings.energyPricePerKwh,
        visitors,
        visitorsInSalesHours,
        transactions,
        revenue,
      });
      const old = findOld.pluck().get(g.model_id, g.model_version, g.camera_id, from, to) as number | undefined;
      if (old !== undefined) removeOld.run(old);
      const perf = repos.performanceMetrics.record({
        modelId: g.model_id,
        modelVersion: g.model_version,
        metricTimestamp: from,
        cameraId: g.camera_id,
        costPerInference: f.costPerInference,
        revenuePerInference: f.revenuePerInference,
        roiPercentage: f.roiPercentage,
      });
      insertBusiness.run({
        pid: perf.id,
        model: g.model_id,
        version: g.model_version,
        camera: g.camera_id,
        from,
        to,
        n: g.n,
        s: inferenceSeconds,
        w: settings.devicePowerWatts,
        price: settings.energyPricePerKwh,
        e: f.energyKwh,
        c: f.inferenceCost,
        v: visitors,
        sh: salesHours,
        vs: visitorsInSalesHours,
        t: transactions,
        r: revenue,
        conv: f.conversionRate,
        cpv: f.costPerVisitor,
        rpv: f.revenuePerVisitor,
        currency: settings.currency,
      });
      out.push({
        performanceMetricId: perf.id,
        ref: `${g.model_id}@${g.model_version}`,
        modelId: g.model_id,
        modelVersion: g.model_version,
        cameraId: g.camera_id,
        periodStart: from,
        periodEnd: to,
        inferences: g.n,
        inferenceSeconds,
        devicePowerWatts: settings.devicePowerWatts,
        energyPricePerKwh: settings.energyPricePerKwh,
        ...f,
        visitors,
        salesHours,
        visitorsInSalesHours,
        transactionsAttributed: transactions === null ? null : round(transactions, 6),
        revenueAttributed: revenue === null ? null : round(revenue, 6),
        currency: settings.currency,
      });
    }
  }).immediate();
  return out;
}
