/**
 * An experiment's figures in plain words for the Experiments page: the difference between the arms
 * ("the challenger counts 3.1 % more crossings, 95 % CI 1.2–5.0 %"), and what a roll-out will
 * change. The words come from the catalogue (read per call, so they follow the language shown);
 * the numbers are written the language's way.
 */
import type { ExperimentComparisonDto } from '../../../../shared/dto-experiments';
import type { DeploymentStrategy, Recommendation } from '../../../../shared/enums';
import { localeTag, t } from '../../i18n';

const formats = new Map<string, Intl.NumberFormat>();

/** `n` with exactly `digits` decimals (none when `digits` is 0), without grouping ("1000.0", as the engine's figures read). */
export function fixed(n: number, digits: number): string {
  const key = `${localeTag()}|${digits}`;
  let f = formats.get(key);
  if (!f) {
    f = new Intl.NumberFormat(localeTag(), { minimumFractionDigits: digits, maximumFractionDigits: digits, useGrouping: false });
    formats.set(key, f);
  }
  return f.format(n);
}

/** `n` with up to `digits` decimals, none when they are zeros ("95", "97.5"). */
export function upTo(n: number, digits: number): string {
  const key = `${localeTag()}|≤${digits}`;
  let f = formats.get(key);
  if (!f) {
    f = new Intl.NumberFormat(localeTag(), { maximumFractionDigits: digits, useGrouping: false });
    formats.set(key, f);
  }
  return f.format(n);
}

/** 0.031 → "3.1" (one decimal, never "-0.0"). */
export function pct1(fraction: number): string {
  const rounded = Math.round(Math.abs(fraction) * 1000) / 10;
  const s = fixed(rounded, 1);
  return fraction < 0 && rounded !== 0 ? `-${s}` : s;
}

/** 0.95 → "95", 0.975 → "97.5". */
export function confidenceLabel(confidence: number): string {
  return upTo(Math.round(confidence * 1000) / 10, 1);
}

/**
 * The engine reports "no interval yet" as the whole reportable range: [−100 %, +1000 %] for a
 * relative count difference, [−1, 1] for an F1 difference.
 */
function isPlaceholderCi(metric: string, ci: readonly [number, number]): boolean {
  return metric.startsWith('f1') ? ci[0] <= -1 && ci[1] >= 1 : ci[0] <= -1 && ci[1] >= 10;
}

/** A relative interval as the sentence reads it: "1.2–5.0 %" in the sentence's direction, else "from 2.0 % fewer to 4.0 % more". */
function relativeInterval(lo: number, hi: number, fewer: boolean): string {
  if (!fewer && lo >= 0) return `${pct1(lo)}–${pct1(hi)} %`;
  if (fewer && hi <= 0) return `${pct1(-hi)}–${pct1(-lo)} %`;
  const m = t().experiments.difference;
  const side = (x: number): string => m.side(pct1(Math.abs(x)), x < 0);
  return m.across(side(lo), side(hi));
}

/**
 * The comparison in one sentence: "the challenger counts 3.1 % more crossings, 95 % CI 1.2–5.0 %"
 * (fewer when negative); for an F1 metric, the difference in F1 points.
 */
export function differenceInWords(c: Pick<ExperimentComparisonDto, 'metric' | 'difference' | 'ci'>, confidence: number): string {
  const m = t().experiments.difference;
  const level = `${confidenceLabel(confidence)} %`;
  const placeholder = isPlaceholderCi(c.metric, c.ci);
  if (c.metric.startsWith('f1')) {
    const head = m.f1(fixed(Math.abs(c.difference) * 100, 1), c.difference < 0);
    if (placeholder) return m.noIntervalYet(head, level);
    const [lo, hi] = c.ci;
    return m.withInterval(head, level, m.f1Interval(fixed(lo * 100, 1), fixed(hi * 100, 1)));
  }
  const fewer = c.difference < 0;
  const head = m.crossings(pct1(Math.abs(c.difference)), fewer);
  if (placeholder) return m.noIntervalYet(head, level);
  return m.withInterval(head, level, relativeInterval(c.ci[0], c.ci[1], fewer));
}

/** Badge tones of the verdicts (state-badge's tones). */
export const RECOMMENDATION_STATES: Record<Recommendation, string> = {
  deploy_challenger: 'approved',
  keep_baseline: 'stopped',
  run_longer: 'pending',
};

/** What a roll-out changes, in one sentence for the confirmation dialog. */
export function rolloutInWords(challengerRef: string, baselineRef: string, strategy: DeploymentStrategy, canaryCamera: string | null): string {
  const m = t().experiments.rollout;
  if (strategy === 'immediate') return m.immediate(challengerRef, baselineRef);
  const where = canaryCamera ? m.onCamera(canaryCamera) : m.firstCamera;
  return strategy === 'canary' ? m.canary(challengerRef, baselineRef, where) : m.gradual(challengerRef, baselineRef, where);
}

/** A reason from the engine as a sentence (capitalised, one full stop). */
export function asSentence(text: string): string {
  const s = text.trim().replace(/\.+$/, '');
  return s ? `${s.charAt(0).toUpperCase()}${s.slice(1)}.` : '';
}
