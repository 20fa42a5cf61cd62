/**
 * The drift and tamper check (issue 13, parts 1–2): reads the windows (drift-data.ts), scores them
 * (drift-score.ts, tamper.ts: pure) and stores the result in the seed's `model_drift_metrics`, one
 * row per scored window of a camera and model version and one per tamper episode. Run hourly by
 * DriftScheduler (tamper every 30 s) and now by `drift check` / `drift:check`.
 *
 * Rows (no new table: the seed's columns carry the verdict, `drift_features` the rest):
 * - drift: drift_timestamp = the window's end, drift_type covariate (the picture moved most) or
 *   label (only what the model outputs did), drift_severity, data/model/concept_drift_score = the
 *   highest PSI of the image / model-output / in-out features (capped at 1), alert_threshold =
 *   0.1 (the PSI a drifted feature needs), is_alerted = persisted for `drift.alert_windows`
 *   windows; drift_features = {kind:'drift', camera, modelVersion, window, reference, drifted,
 *   streak, alertWindows, features:[…with the 30-bin histograms]}.
 * - tamper: drift_type covariate, severity critical (high for defocused), is_alerted 1 at once,
 *   drift_features = {kind:'tamper', camera, modelVersion, window:{from,to}, detectedAt,
 *   features:[{name:'tamper:moved', score, measure, value, baseline}]}.
 * A window already stored is read back, not scored again, so checks are idempotent.
 */
import type { Statement } from 'better-sqlite3';
import type { DriftSeverity } from '../../shared/enums';
import type { DriftAlertDto, DriftCheckDto, DriftFeatureDto, DriftWindowDto } from '../../shared/requests-drift';
import { SETTING_META } from '../../shared/settings-schema';
import type { SqliteDatabase } from '../db/open-database';
import type { SettingsRepository } from '../db/repositories/settings-repository';
import { DriftData, HOUR_MS, type WindowKey } from './drift-data';
import { DRIFT_RULES, judgeWindow, persistentDrift, scoreCounts, scoreFeature, type FeatureScore } from './drift-score';
import { detectTamper, DEFAULT_TAMPER_RULES, type TamperEpisode } from './tamper';

const DAY_MS = 86_400_000;
const WEEK_MS = 7 * DAY_MS;

export interface DriftSettings {
  /** Drifted windows in a row before an alert (drift.alert_windows, default 2). */
  alertWindows: number;
  /** Days of the same hour that form a window's reference (drift.reference_days, default 7). */
  referenceDays: number;
  /** Seconds a tamper condition must hold (drift.tamper_seconds, default 10). */
  tamperSeconds: number;
}

export const DEFAULT_DRIFT_SETTINGS: DriftSettings = {
  alertWindows: SETTING_META['drift.alert_windows'].default,
  referenceDays: SETTING_META['drift.reference_days'].default,
  tamperSeconds: SETTING_META['drift.tamper_seconds'].default,
};

export function readDriftSettings(settings: Pick<SettingsRepository, 'get'>): DriftSettings {
  const int = (key: string, fallback: number): number => {
    const v = settings.get(key)?.value;
    return typeof v === 'number' && Number.isInteger(v) && v > 0 ? v : fallback;
  };
  return {
    alertWindows: int('drift.alert_windows', DEFAULT_DRIFT_SETTINGS.alertWindows),
    referenceDays: int('drift.reference_days', DEFAULT_DRIFT_SETTINGS.referenceDays),
    tamperSeconds: int('drift.tamper_seconds', DEFAULT_DRIFT_SETTINGS.tamperSeconds),
  };
}

export type DriftFeatureResult = DriftFeatureDto;
export type DriftWindowResult = DriftWindowDto;
export type DriftAlertResult = DriftAlertDto;
export type DriftCheckResult = DriftCheckDto;

export interface DriftCheckOptions {
  now: Date;
  cameraId?: string;
  /** Hourly windows looked at, ending at the last whole hour before `now` (default 24). */
  lookbackHours?: number;
  /** Tamper scan: from this time (default `now` − lookback). */
  tamperFrom?: Date;
  skipDrift?: boolean;
  skipTamper?: boolean;
}

interface StoredRow {
  id: number;
  model_id: string | null;
  drift_timestamp: string;
  drift_severity: DriftSeverity | null;
  is_alerted: number | null;
  drift_features: string | null;
}

const iso = (ms: number): string => new Date(ms).toISOString();

export class DriftService {
  private readonly data: DriftData;
  private readonly findWindow: Statement;
  private readonly previous: Statement;
  private readonly insert: Statement;
  private readonly tamperNear: Statement;
  private readonly extendTamper: Statement;
  private readonly modelExists: Statement;
  private readonly recent: Statement;

  constructor(
    private readonly db: SqliteDatabase,
    private readonly settings: () => DriftSettings,
  ) {
    this.data = new DriftData(db);
    const ours = `json_extract(drift_features, '$.kind') = ? AND json_extract(drift_features, '$.camera.id') = ?`;
    this.findWindow = db.prepare(`SELECT * FROM model_drift_metrics WHERE model_id IS ? AND drift_timestamp = ? AND ${ours} AND json_extract(drift_features, '$.modelVersion') = ? LIMIT 1`);
    this.previous = db.prepare(`SELECT * FROM model_drift_metrics WHERE model_id IS ? AND drift_timestamp < ? AND ${ours} AND json_extract(drift_features, '$.modelVersion') = ?
      ORDER BY drift_timestamp DESC LIMIT ?`);
    this.insert = db.prepare(`INSERT INTO model_drift_metrics
      (model_id, drift_timestamp, data_drift_score, concept_drift_score, model_drift_score, drift_type, drift_severity, drift_features, is_alerted, alert_threshold)
      VALUES (@modelId, @at, @data, @concept, @model, @type, @severity, @features, @alerted, @threshold)`);
    this.tamperNear = db.prepare(`SELECT * FROM model_drift_metrics WHERE drift_timestamp >= ? AND drift_timestamp <= ? AND ${ours}
      AND json_extract(drift_features, '$.features[0].name') = ? AND json_extract(drift_features, '$.window.to') >= ? ORDER BY drift_timestamp DESC LIMIT 1`);
    this.extendTamper = db.prepare(`UPDATE model_drift_metrics SET drift_features = json_set(drift_features, '$.window.to', ?) WHERE id = ?`);
    this.modelExists = db.prepare('SELECT 1 FROM ai_models WHERE model_id = ?');
    this.recent = db.prepare(`SELECT * FROM model_drift_metrics WHERE drift_timestamp >= ? AND drift_timestamp <= ? AND json_extract(drift_features, '$.kind') IN ('drift', 'tamper')
      ORDER BY drift_timestamp DESC LIMIT ?`);
  }

  /** Scores every whole hour in the lookback not yet stored, and scans for tampering. */
  check(o: DriftCheckOptions): DriftCheckResult {
    const names = this.data.names();
    const nameOf = (id: string): string => names.get(id) ?? id;
    const s = this.settings();
    const lookback = o.lookbackHours ?? 24;
    const lastEnd = Math.floor(o.now.getTime() / HOUR_MS) * HOUR_MS;
    const windows: DriftWindowResult[] = [];
    if (!o.skipDrift) {
      for (let end = lastEnd - (lookback - 1) * HOUR_MS; end <= lastEnd; end += HOUR_MS) {
        const from = new Date(end - HOUR_MS);
        const to = new Date(end);
        for (const c of this.data.candidatesIn(from, to, o.cameraId)) {
          const w = this.window(c, from, to, s, nameOf(c.cameraId));
          if (w) windows.push(w);
        }
      }
    }
    const tamper = o.skipTamper ? [] : this.scanTamper(o.tamperFrom ?? new Date(o.now.getTime() - lookback * HOUR_MS), o.now, s, nameOf, o.cameraId);
    const alerts: DriftAlertResult[] = [
      ...windows.filter((w) => w.alerted).map((w) => this.alertOf(w)),
      ...tamper,
    ].sort((a, b) => a.at.localeCompare(b.at));
    return { now: o.now.toISOString(), alerts, windows, tamper };
  }

  /** Stored windows and tamper alerts of the last `hours` before `now`, newest first. */
  recentRows(now: Date, hours: number, limit = 500): { windows: DriftWindowResult[]; alerts: DriftAlertResult[] } {
    const names = this.data.names();
    const rows = this.recent.all(iso(now.getTime() - hours * HOUR_MS), now.toISOString(), limit) as StoredRow[];
    const windows: DriftWindowResult[] = [];
    const alerts: DriftAlertResult[] = [];
    for (const r of rows) {
      const f = JSON.parse(r.drift_features ?? '{}') as StoredFeatures;
      if (f.kind === 'tamper') alerts.push(tamperResult(r, f, names.get(f.camera.id) ?? f.camera.name));
      else {
        const w = windowResult(r, f, names.get(f.camera.id) ?? f.camera.name);
        windows.push(w);
        if (w.alerted) alerts.push(this.alertOf(w));
      }
    }
    return { windows, alerts };
  }

  private alertOf(w: DriftWindowResult): DriftAlertResult {
    const moved = w.features.filter((f) => f.drifted);
    return {
      id: w.id,
      kind: 'drift',
      camera: w.camera,
      cameraId: w.cameraId,
      modelId: w.modelId,
      modelVersion: w.modelVersion,
      severity: w.severity,
      from: w.from,
      to: w.to,
      at: w.to,
      features: moved.map((f) => ({ name: f.name, score: f.score, method: f.method, statistic: f.statistic, pValue: f.pValue })),
    };
  }

  private window(key: WindowKey, from: Date, to: Date, s: DriftSettings, camera: string): DriftWindowResult | null {
    const done = this.findWindow.get(key.modelId, to.toISOString(), 'drift', key.cameraId, key.modelVersion) as StoredRow | undefined;
    if (done) return windowResult(done, JSON.parse(done.drift_features ?? '{}') as StoredFeatures, camera);
    const current = this.data.windowSamples(key, from, to);
    // Reference: the same hour on each of the earlier days (the light and the crowd follow the
    // clock); a camera with no frames at that hour on those days: the whole earlier days.
    const sameHour = Array.from({ length: s.referenceDays }, (_, k) => ({ from: new Date(from.getTime() - (k + 1) * DAY_MS), to: new Date(to.getTime() - (k + 1) * DAY_MS) }));
    let basis: 'same_hour' | 'previous_days' = 'same_hour';
    let ref = this.data.referenceSamples(key, sameHour);
    if (ref.samples.brightness.length < DRIFT_RULES.minSamples) {
      basis = 'previous_days';
      const hours = Array.from({ length: s.referenceDays * 24 }, (_, k) => ({ from: new Date(from.getTime() - (k + 1) * HOUR_MS), to: new Date(from.getTime() - k * HOUR_MS) }));
      ref = this.data.referenceSamples(key, hours);
    }
    const features: FeatureScore[] = [];
    for (const name of ['brightness', 'contrast', 'sharpness', 'confidence', 'detections', 'box_height', 'box_aspect'] as const) {
      const f = scoreFeature(name, ref.samples[name], current[name]);
      if (f) features.push(f);
    }
    // In/out against the same hour of the same weekday of the earlier weeks the camera ran then.
    const weeks = Array.from({ length: Math.max(1, Math.ceil(s.referenceDays / 7)) * 4 }, (_, k) => new Date(from.getTime() - (k + 1) * WEEK_MS)).filter((h) =>
      this.data.hasFrames(key, h, new Date(h.getTime() + HOUR_MS)),
    );
    if (weeks.length > 0) {
      const now = this.data.hourlyCounts(key, from);
      const past = weeks.map((h) => this.data.hourlyCounts(key, h));
      const fi = scoreCounts('count_in', now.countIn, past.map((p) => p.countIn));
      const fo = scoreCounts('count_out', now.countOut, past.map((p) => p.countOut));
      if (fi) features.push(fi);
      if (fo) features.push(fo);
    }
    if (features.length === 0) return null;
    const verdict = judgeWindow(features);
    const before = (this.previous.all(key.modelId, to.toISOString(), 'drift', key.cameraId, key.modelVersion, Math.max(0, s.alertWindows - 1)) as StoredRow[])
      .map((r) => (JSON.parse(r.drift_features ?? '{}') as StoredFeatures).drifted === true)
      .reverse();
    const { alert, streak } = persistentDrift([...before, verdict.drifted], s.alertWindows);
    const refFrom = basis === 'same_hour' ? sameHour[sameHour.length - 1]!.from : new Date(from.getTime() - s.referenceDays * DAY_MS);
    const refTo = basis === 'same_hour' ? sameHour[0]!.to : from;
    const stored: StoredFeatures = {
      kind: 'drift',
      camera: { id: key.cameraId, name: camera },
      modelVersion: key.modelVersion,
      window: { from: from.toISOString(), to: to.toISOString() },
      reference: { basis, from: refFrom.toISOString(), to: refTo.toISOString(), hours: ref.hours },
      drifted: verdict.drifted,
      streak,
      alertWindows: s.alertWindows,
      features: verdict.features,
    };
    const info = this.insert.run({
      modelId: key.modelId !== null && this.modelExists.get(key.modelId) ? key.modelId : null,
      at: to.toISOString(),
      data: verdict.dataDriftScore,
      concept: verdict.conceptDriftScore,
      model: verdict.modelDriftScore,
      type: verdict.driftType,
      severity: verdict.severity,
      features: JSON.stringify(stored),
      alerted: alert && verdict.drifted ? 1 : 0,
      threshold: DRIFT_RULES.psiBands.medium,
    });
    const row = { id: Number(info.lastInsertRowid), model_id: key.modelId, drift_timestamp: to.toISOString(), drift_severity: verdict.severity, is_alerted: alert && verdict.drifted ? 1 : 0, drift_features: null };
    return windowResult(row, stored, camera);
  }

  /** Tamper episodes detected in [from, to) per camera (the 5 minutes before as baseline). */
  scanTamper(from: Date, to: Date, s: DriftSettings, nameOf: (id: string) => string = (id) => this.data.cameraName(id), cameraId?: string): DriftAlertResult[] {
    const rules = { ...DEFAULT_TAMPER_RULES, sustainS: s.tamperSeconds };
    const historyFrom = new Date(from.getTime() - rules.baselineS * 1000);
    const cameras = cameraId !== undefined ? [cameraId] : [...new Set(this.data.candidatesIn(historyFrom, to).map((c) => c.cameraId))];
    const out: DriftAlertResult[] = [];
    for (const cam of cameras) {
      const samples = this.data.imageSamples(cam, historyFrom, to);
      for (const ep of detectTamper(samples, rules, from.getTime())) {
        const at = samples.find((x) => x.t === ep.detectedAt) ?? samples[samples.length - 1]!;
        out.push(this.storeTamper(cam, nameOf(cam), at.modelId, at.modelVersion, ep, rules.maxGapS));
      }
    }
    return out;
  }

  private storeTamper(cameraId: string, camera: string, modelId: string | null, modelVersion: string, ep: TamperEpisode, gapS: number): DriftAlertResult {
    const name = `tamper:${ep.kind}`;
    // The same episode seen again by an overlapping scan: extend it, do not alert twice.
    const near = this.tamperNear.get(iso(ep.from - 3_600_000), iso(ep.to), 'tamper', cameraId, name, iso(ep.from - gapS * 1000)) as StoredRow | undefined;
    if (near) {
      const f = JSON.parse(near.drift_features ?? '{}') as StoredFeatures;
      if (iso(ep.to) > f.window.to) {
        this.extendTamper.run(iso(ep.to), near.id);
        f.window.to = iso(ep.to);
      }
      return tamperResult(near, f, camera);
    }
    const severity: DriftSeverity = ep.kind === 'defocused' ? 'high' : 'critical';
    const score = ep.measure === 'correlation' ? Number((1 - ep.value).toFixed(3)) : Number((1 - Math.min(1, ep.value / Math.max(ep.baseline, 1e-9))).toFixed(3));
    const stored: StoredFeatures = {
      kind: 'tamper',
      camera: { id: cameraId, name: camera },
      modelVersion,
      window: { from: iso(ep.from), to: iso(ep.to) },
      detectedAt: iso(ep.detectedAt),
      features: [{ name, score: Math.max(0, Math.abs(score)), measure: ep.measure, value: ep.value, baseline: ep.baseline }],
    };
    const info = this.insert.run({
      modelId: modelId !== null && this.modelExists.get(modelId) ? modelId : null,
      at: iso(ep.detectedAt),
      data: 1,
      concept: null,
      model: null,
      type: 'covariate',
      severity,
      features: JSON.stringify(stored),
      alerted: 1,
      threshold: null,
    });
    return tamperResult({ id: Number(info.lastInsertRowid), model_id: modelId, drift_timestamp: iso(ep.detectedAt), drift_severity: severity, is_alerted: 1, drift_features: null }, stored, camera);
  }
}

interface StoredFeatures {
  kind: 'drift' | 'tamper';
  camera: { id: string; name: string };
  modelVersion: string;
  window: { from: string; to: string };
  reference?: DriftWindowResult['reference'];
  drifted?: boolean;
  streak?: number;
  alertWindows?: number;
  detectedAt?: string;
  features: Array<DriftFeatureResult & { measure?: string; value?: number; baseline?: number }>;
}

function windowResult(r: StoredRow, f: StoredFeatures, camera: string): DriftWindowResult {
  return {
    id: r.id,
    camera,
    cameraId: f.camera.id,
    modelId: r.model_id,
    modelVersion: f.modelVersion,
    from: f.window.from,
    to: f.window.to,
    reference: f.reference ?? { basis: 'same_hour', from: f.window.from, to: f.window.from, hours: 0 },
    drifted: f.drifted === true,
    severity: r.drift_severity ?? 'low',
    streak: f.streak ?? 0,
    alerted: r.is_alerted === 1,
    features: f.features,
  };
}

function tamperResult(r: StoredRow, f: StoredFeatures, camera: string): DriftAlertResult {
  return {
    id: r.id,
    kind: 'tamper',
    camera,
    cameraId: f.camera.id,
    modelId: r.model_id,
    modelVersion: f.modelVersion,
    severity: r.drift_severity ?? 'critical',
    from: f.window.from,
    to: f.window.to,
    at: f.detectedAt ?? r.drift_timestamp,
    features: f.features.map((x) => ({ name: x.name, score: x.score })),
  };
}
