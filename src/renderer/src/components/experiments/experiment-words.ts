/**
 * An experiment's figures in plain words for the Experiments page (pure): the difference between
 * the arms ("the challenger counts 3.1 % more crossings, 95 % CI 1.2–5.0 %"), the verdict, the
 * modes, and what a roll-out will change.
 */
import type { ExperimentComparisonDto } from '../../../../shared/dto-experiments';
import type { DeploymentStrategy, ExperimentMode, ExperimentSplit, Recommendation } from '../../../../shared/enums';

/** 0.031 → "3.1" (one decimal, never "-0.0"). */
export function pct1(fraction: number): string {
  const s = (Math.round(Math.abs(fraction) * 1000) / 10).toFixed(1);
  return fraction < 0 && s !== '0.0' ? `-${s}` : s;
}

/** 0.95 → "95", 0.975 → "97.5". */
export function confidenceLabel(confidence: number): string {
  return String(Math.round(confidence * 1000) / 10);
}

/**
 * The engine reports "no interval yet" as the whole reportable range: [−100 %, +1000 %] for a
 * relative count difference, [−1, 1] for an F1 difference.
 */
function isPlaceholderCi(metric: string, ci: readonly [number, number]): boolean {
  return metric.startsWith('f1') ? ci[0] <= -1 && ci[1] >= 1 : ci[0] <= -1 && ci[1] >= 10;
}

/** A relative interval as the sentence reads it: "1.2–5.0 %" in the sentence's direction, else "from 2.0 % fewer to 4.0 % more". */
function relativeInterval(lo: number, hi: number, word: 'more' | 'fewer'): string {
  if (word === 'more' && lo >= 0) return `${pct1(lo)}–${pct1(hi)} %`;
  if (word === 'fewer' && hi <= 0) return `${pct1(-hi)}–${pct1(-lo)} %`;
  const side = (x: number): string => `${pct1(Math.abs(x))} % ${x < 0 ? 'fewer' : 'more'}`;
  return `from ${side(lo)} to ${side(hi)}`;
}

/**
 * The comparison in one sentence: "the challenger counts 3.1 % more crossings, 95 % CI 1.2–5.0 %"
 * (fewer when negative); for an F1 metric, the difference in F1 points.
 */
export function differenceInWords(c: Pick<ExperimentComparisonDto, 'metric' | 'difference' | 'ci'>, confidence: number): string {
  const level = `${confidenceLabel(confidence)} %`;
  const placeholder = isPlaceholderCi(c.metric, c.ci);
  if (c.metric.startsWith('f1')) {
    const points = (x: number): string => (Math.abs(x) * 100).toFixed(1);
    const head = `the challenger's F1 is ${points(c.difference)} points ${c.difference < 0 ? 'lower' : 'higher'}`;
    if (placeholder) return `${head} (too few intervals for a ${level} interval yet)`;
    const [lo, hi] = c.ci;
    return `${head}, ${level} CI ${(lo * 100).toFixed(1)} to ${(hi * 100).toFixed(1)} points`;
  }
  const word = c.difference < 0 ? 'fewer' : 'more';
  const head = `the challenger counts ${pct1(Math.abs(c.difference))} % ${word} crossings`;
  if (placeholder) return `${head} (too few intervals for a ${level} interval yet)`;
  return `${head}, ${level} CI ${relativeInterval(c.ci[0], c.ci[1], word)}`;
}

export const RECOMMENDATION_LABELS: Record<Recommendation, string> = {
  deploy_challenger: 'Deploy the challenger',
  keep_baseline: 'Keep the baseline',
  run_longer: 'Run longer',
};

/** Badge tones of the verdicts (state-badge's tones). */
export const RECOMMENDATION_STATES: Record<Recommendation, string> = {
  deploy_challenger: 'approved',
  keep_baseline: 'stopped',
  run_longer: 'pending',
};

export const MODE_LABELS: Record<ExperimentMode, string> = { shadow: 'Shadow', ab: 'A/B split' };

/** One line under each mode choice. */
export const MODE_HELP: Record<ExperimentMode, string> = {
  shadow: 'Both models see every frame; only the baseline’s counts are kept. Safe, and the fairest comparison — but it costs the CPU of two models.',
  ab: 'Each frame, camera or time slot is counted by one model only. Costs no extra CPU, but the challenger’s counts are used: it must be approved in review.',
};

export const SPLIT_LABELS: Record<ExperimentSplit, string> = {
  frame: 'per frame',
  camera: 'per camera',
  slot: 'per time slot (switchback)',
};

export const STRATEGY_LABELS: Record<DeploymentStrategy, string> = {
  immediate: 'immediately, on every camera',
  canary: 'behind a canary on one camera',
  gradual: 'gradually, camera by camera',
};

/** What a roll-out changes, in one sentence for the confirmation dialog. */
export function rolloutInWords(challengerRef: string, baselineRef: string, strategy: DeploymentStrategy, canaryCamera: string | null): string {
  if (strategy === 'immediate') return `${challengerRef} will replace ${baselineRef} in production on every camera now.`;
  if (strategy === 'canary') {
    return `${challengerRef} will be rolled out behind a canary on ${canaryCamera ? `camera ${canaryCamera}` : 'the first camera'}; the baseline ${baselineRef} stays in production until the canary passes.`;
  }
  return `${challengerRef} will be rolled out gradually, starting with a canary on ${canaryCamera ? `camera ${canaryCamera}` : 'the first camera'}; the baseline ${baselineRef} stays in production until each stage passes.`;
}

/** A reason from the engine as a sentence (capitalised, one full stop). */
export function asSentence(text: string): string {
  const t = text.trim().replace(/\.+$/, '');
  return t ? `${t.charAt(0).toUpperCase()}${t.slice(1)}.` : '';
}
