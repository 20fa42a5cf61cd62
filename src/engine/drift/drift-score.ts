/**
 * How a window of one camera and model version is scored against its reference (issue 13,
 * part 1). Pure: no Node API, no I/O — the samples come from drift-data.ts.
 *
 * Per feature (the signals a camera model drifts on):
 * - the test Evidently picks by the reference's size: two-sample Kolmogorov–Smirnov while the
 *   reference holds at most 1000 values (drifted when p < 0.05), the normed Wasserstein distance
 *   above that (drifted when ≥ 0.1);
 * - the PSI over 30 bins, which gives the severity of a drifted feature by the usual credit-risk
 *   bands (Siddiqi, *Credit Risk Scorecards*, 2006: < 0.1 no significant change, 0.1–0.25 some
 *   change, > 0.25 a significant shift), extended with > 0.5 critical. A feature counts as drifted
 *   only when the test says so AND its PSI is at least 0.1: a shift too small to matter, found
 *   significant only because the sample is large, raises nothing.
 * - Hourly in/out are scored against the same hour of the same weekday in earlier weeks: the
 *   relative change |observed − expected| / max(expected, 1), drifted when it is at least 0.25
 *   and a Poisson χ² (1 d.f.) gives p < 0.05; bands 0.25 medium, 0.5 high, 0.75 critical.
 *
 * A window is drifted when any feature is; an alert needs `alertWindows` drifted windows in a row
 * (`persistentDrift`).
 */
import chisquareCdf from '@stdlib/stats-base-dists-chisquare-cdf';
import type { DriftSeverity } from '../../shared/enums';
import { histogram, ksTwoSample, psiFromCounts, wassersteinNormed } from './drift-stats';

export const DRIFT_FEATURES = ['brightness', 'contrast', 'sharpness', 'confidence', 'detections', 'box_height', 'box_aspect', 'count_in', 'count_out'] as const;
export type DriftFeatureName = (typeof DRIFT_FEATURES)[number];
/** image: the camera's picture (covariate); model: what the model outputs; counts: in/out. */
export type DriftFeatureGroup = 'image' | 'model' | 'counts';

export const FEATURE_GROUP: Record<DriftFeatureName, DriftFeatureGroup> = {
  brightness: 'image',
  contrast: 'image',
  sharpness: 'image',
  confidence: 'model',
  detections: 'model',
  box_height: 'model',
  box_aspect: 'model',
  count_in: 'counts',
  count_out: 'counts',
};

export const DRIFT_RULES = {
  bins: 30,
  /** Evidently: KS up to this many reference values, normed Wasserstein above. */
  ksMaxReference: 1000,
  ksAlpha: 0.05,
  wassersteinThreshold: 0.1,
  psiBands: { medium: 0.1, high: 0.25, critical: 0.5 },
  countBands: { medium: 0.25, high: 0.5, critical: 0.75 },
  countAlpha: 0.05,
  /** Fewer values than this in either sample: the feature is not scored in the window. */
  minSamples: 20,
} as const;

export interface FeatureScore {
  name: DriftFeatureName;
  group: DriftFeatureGroup;
  /** PSI (distribution features) or the relative change (counts): what severity is read from. */
  score: number;
  method: 'ks' | 'wasserstein' | 'poisson';
  /** KS D, the normed Wasserstein distance, or the χ² statistic. */
  statistic: number;
  pValue: number | null;
  drifted: boolean;
  severity: DriftSeverity;
  n: { reference: number; current: number };
  /** Reference vs now over the same 30 bins, for the Health card (distribution features). */
  histogram?: { edges: number[]; reference: number[]; current: number[] };
}

const round = (v: number, digits = 4): number => (Number.isFinite(v) ? Number(v.toFixed(digits)) : v);

export function bandOf(score: number, bands: { medium: number; high: number; critical: number }): DriftSeverity {
  if (score >= bands.critical) return 'critical';
  if (score >= bands.high) return 'high';
  if (score >= bands.medium) return 'medium';
  return 'low';
}

export function scoreFeature(name: DriftFeatureName, reference: readonly number[], current: readonly number[]): FeatureScore | null {
  if (reference.length < DRIFT_RULES.minSamples || current.length < DRIFT_RULES.minSamples) return null;
  const h = histogram(reference, current, DRIFT_RULES.bins);
  const psi = psiFromCounts(h.ref, h.cur);
  const useKs = reference.length <= DRIFT_RULES.ksMaxReference;
  let statistic: number;
  let pValue: number | null;
  let testSays: boolean;
  if (useKs) {
    const ks = ksTwoSample(reference, current);
    statistic = ks.statistic;
    pValue = ks.pValue;
    testSays = ks.pValue < DRIFT_RULES.ksAlpha;
  } else {
    statistic = wassersteinNormed(reference, current);
    pValue = null;
    testSays = statistic >= DRIFT_RULES.wassersteinThreshold;
  }
  const drifted = testSays && psi >= DRIFT_RULES.psiBands.medium;
  return {
    name,
    group: FEATURE_GROUP[name],
    score: round(psi),
    method: useKs ? 'ks' : 'wasserstein',
    statistic: round(statistic),
    pValue: pValue === null ? null : Number(pValue.toPrecision(4)),
    drifted,
    severity: drifted ? bandOf(psi, DRIFT_RULES.psiBands) : 'low',
    n: { reference: reference.length, current: current.length },
    histogram: { edges: h.edges.map((e) => round(e, 3)), reference: h.ref, current: h.cur },
  };
}

/** Hourly in or out of this window's hour against the same hour and weekday of earlier weeks. */
export function scoreCounts(name: 'count_in' | 'count_out', observed: number, referenceWeeks: readonly number[]): FeatureScore | null {
  if (referenceWeeks.length === 0) return null;
  const expected = referenceWeeks.reduce((s, v) => s + v, 0) / referenceWeeks.length;
  const change = Math.abs(observed - expected) / Math.max(expected, 1);
  const chi2 = ((observed - expected) * (observed - expected)) / Math.max(expected, 1);
  const pValue = 1 - chisquareCdf(chi2, 1);
  const drifted = change >= DRIFT_RULES.countBands.medium && pValue < DRIFT_RULES.countAlpha;
  return {
    name,
    group: 'counts',
    score: round(change),
    method: 'poisson',
    statistic: round(chi2),
    pValue: Number(pValue.toPrecision(4)),
    drifted,
    severity: drifted ? bandOf(change, DRIFT_RULES.countBands) : 'low',
    n: { reference: referenceWeeks.length, current: 1 },
  };
}

const SEVERITY_RANK: Record<DriftSeverity, number> = { low: 0, medium: 1, high: 2, critical: 3 };

export function maxSeverity(a: DriftSeverity, b: DriftSeverity): DriftSeverity {
  return SEVERITY_RANK[a] >= SEVERITY_RANK[b] ? a : b;
}

export function severityAtLeast(s: DriftSeverity, min: DriftSeverity): boolean {
  return SEVERITY_RANK[s] >= SEVERITY_RANK[min];
}

export interface WindowVerdict {
  drifted: boolean;
  severity: DriftSeverity;
  /** Drifted features first, each group by score, highest first. */
  features: FeatureScore[];
  /** The seed's three 0..1 scores: the highest of each group, capped at 1. */
  dataDriftScore: number | null;
  modelDriftScore: number | null;
  conceptDriftScore: number | null;
  /** covariate when the picture moved most, label when only what the model concludes did. */
  driftType: 'covariate' | 'label';
}

export function judgeWindow(features: readonly FeatureScore[]): WindowVerdict {
  const sorted = [...features].sort((a, b) => Number(b.drifted) - Number(a.drifted) || SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity] || b.score - a.score);
  const drifted = sorted.filter((f) => f.drifted);
  const severity = drifted.reduce<DriftSeverity>((s, f) => maxSeverity(s, f.severity), 'low');
  const groupMax = (g: DriftFeatureGroup): number | null => {
    const xs = features.filter((f) => f.group === g).map((f) => f.score);
    return xs.length ? round(Math.min(1, Math.max(...xs))) : null;
  };
  const top = drifted[0] ?? sorted[0];
  return {
    drifted: drifted.length > 0,
    severity,
    features: sorted,
    dataDriftScore: groupMax('image'),
    modelDriftScore: groupMax('model'),
    conceptDriftScore: groupMax('counts'),
    driftType: top && top.group !== 'image' ? 'label' : 'covariate',
  };
}

/**
 * Persistence: alert when the newest `alertWindows` scored windows (oldest first in `history`,
 * the window being judged last) were all drifted. Windows without enough data are not in the
 * history: a shop closed overnight neither breaks nor extends a run of drifted hours.
 */
export function persistentDrift(history: readonly boolean[], alertWindows: number): { alert: boolean; streak: number } {
  let streak = 0;
  for (let i = history.length - 1; i >= 0 && history[i]; i--) streak++;
  return { alert: streak >= Math.max(1, alertWindows), streak };
}
