/**
 * The decision rules shared by shadow and ab verdicts (issue 9, item 5). In order — the first
 * that applies decides, and `reason` says which, with its numbers:
 *
 *  0. (ab only, in analyze-ab.ts) sample-ratio mismatch, p < 0.001 → keep_baseline: the split is
 *     broken and no comparison can be trusted.
 *  1. Too few samples (fewer than `minSamples` processed frames in either arm, or fewer than 3
 *     intervals with data) → run_longer; EXCEPT when the always-valid test (shadow) already
 *     shows the counts differ beyond the margin — its whole confidence sequence outside
 *     ±margin — then keep_baseline early (stopping on an always-valid test is safe; stopping
 *     on a classical p-value is not, so ab never stops early).
 *  2. No crossings at all in the intervals → run_longer (nothing to compare).
 *  3. Truth present (success metric f1): challenger significantly better F1 (McNemar exact
 *     p < 1 − confidence with more true crossings found, and higher F1) → deploy_challenger
 *     unless its latency breaks the guard (→ keep_baseline); significantly worse → keep_baseline.
 *     Not significant → the count rules below, prefixed with what the truth said.
 *  4. Latency ratio above `guards.maxLatencyRatio` → keep_baseline: never deploy a model that
 *     slows the cameras beyond the guard, whatever it counts.
 *  5. No truth: production is the reference. Counts differ significantly AND by more than the
 *     margin `guards.maxCountDifference` → keep_baseline ("counts 40 % fewer crossings than
 *     production").
 *  6. Counts equivalent (every interval given — shadow: the confidence sequence; ab: the Poisson
 *     and the bootstrap intervals — strictly inside ±margin): deploy_challenger only if the
 *     challenger is also meaningfully faster (latency ratio ≤ 0.9 with an interval below 1);
 *     otherwise keep_baseline — no difference and nothing gained. An identical model can
 *     therefore never be deployed: it is not faster than itself. (Shadow arms that counted the
 *     same in every interval get a rule-of-three interval instead of the t-based one, see
 *     analyze-shadow.ts, so they can be called equivalent once enough crossings agree.)
 *  7. Otherwise → run_longer: the interval still straddles the margin.
 *
 * Risk (how sure we are that production will behave as measured) and strategy:
 *  - high: the count interval is wider than the whole ±margin band (or there is none), or the
 *    latency ratio is within 10 % of its guard (or its interval reaches the guard);
 *  - medium: the interval is wider than the margin, the latency ratio is within 25 % of the
 *    guard, or the challenger skipped more than 5 % of its frames (its counts rest on fewer
 *    frames than production will give it);
 *  - low otherwise.
 *  low → immediate (promote everywhere at once), medium → canary (a few cameras for a set time
 *  with guards, then everywhere), high → gradual (stepwise shares across several stages, the
 *  slowest path, each stage guarded).
 */
import { isInformative, type Interval } from './numeric';
import type { Verdict, VerdictRule } from './types';
import { confidenceLabel, describeCounts, describeLatency, pct1, pText } from './verdict-format';

/** Faster means a latency ratio at or below this, with its interval below 1. */
export const FASTER_RATIO = 0.9;
export const MIN_INTERVALS = 3;
export const SKIP_WARNING_FRACTION = 0.05;

export interface CountsEvidence {
  /** Σ challenger / Σ baseline − 1 (shadow) or rate ratio − 1 (ab); null when nothing was counted. */
  relative: number | null;
  /** The main interval for `relative`, null when it cannot be formed yet. */
  ci: Interval | null;
  pValue: number;
  significant: boolean;
  /** Further intervals that must also lie inside the margin to call the arms equivalent. */
  alsoForEquivalence: (Interval | null)[];
  /** May this evidence stop the experiment before the minimum sample (always-valid)? */
  alwaysValid: boolean;
}

export interface TruthEvidence {
  f1Baseline: number;
  f1Challenger: number;
  significant: boolean;
  pValue: number;
  method: string;
  /** e.g. "3 true crossings found only by production, 15 only by the challenger". */
  detail: string;
}

export interface RuleInput {
  confidence: number;
  margin: number;
  maxLatencyRatio: number;
  minSamples: number;
  baselineFrames: number;
  challengerFrames: number;
  intervals: number;
  counts: CountsEvidence;
  truth: TruthEvidence | null;
  latency: Verdict['latency'];
  challengerSkipFraction: number;
}

export interface RuleOutcome {
  recommendation: Verdict['recommendation'];
  rule: VerdictRule;
  reason: string;
}

const inside = (ci: Interval | null, margin: number): boolean => isInformative(ci) && ci[0] > -margin && ci[1] < margin;
const beyond = (ci: Interval | null, margin: number): boolean => isInformative(ci) && (ci[0] > margin || ci[1] < -margin);

function withNotes(reason: string, input: RuleInput): string {
  if (input.challengerSkipFraction > SKIP_WARNING_FRACTION) {
    return `${reason}. Note: the challenger skipped ${pct1(input.challengerSkipFraction)} % of its frames (CPU busy), which can lower its counts`;
  }
  return reason;
}

export function decide(input: RuleInput): RuleOutcome {
  const { counts, truth, latency, confidence, margin } = input;
  const marginText = `±${pct1(margin)} %`;
  const countsText = counts.relative === null ? 'nothing was counted yet' : describeCounts(counts.relative, counts.ci, confidence);
  const done = (recommendation: RuleOutcome['recommendation'], rule: VerdictRule, reason: string): RuleOutcome => ({
    recommendation,
    rule,
    reason: withNotes(reason, input),
  });

  // 1. Too few samples (with the always-valid early stop).
  const short: string[] = [];
  if (input.baselineFrames < input.minSamples) short.push(`production has processed ${input.baselineFrames} of the ${input.minSamples} frames required`);
  if (input.challengerFrames < input.minSamples) short.push(`the challenger has processed ${input.challengerFrames} of the ${input.minSamples} frames required`);
  if (input.intervals < MIN_INTERVALS) short.push(`only ${input.intervals} of at least ${MIN_INTERVALS} intervals have data`);
  if (short.length > 0) {
    if (counts.alwaysValid && counts.significant && counts.relative !== null && beyond(counts.ci, margin)) {
      return done(
        'keep_baseline',
        'early_difference',
        `Stopped early: ${countsText}, entirely beyond the ${marginText} margin (always-valid ${pText(counts.pValue)}), so it already differs from production even though ${short.join(' and ')}`,
      );
    }
    return done('run_longer', 'too_few_samples', `Not enough data yet: ${short.join(' and ')}; so far ${countsText}`);
  }

  // 2. Nothing counted.
  if (counts.relative === null) {
    return done('run_longer', 'no_crossings', 'No crossings were counted in the intervals yet, so there is nothing to compare: run longer or on busier footage');
  }

  // 3. Truth.
  let prefix = '';
  const latencyGuardBroken = latency.ratio > input.maxLatencyRatio;
  const latencyText = describeLatency(latency, confidence);
  if (truth) {
    const f1 = `F1 ${truth.f1Challenger.toFixed(3)} against production's ${truth.f1Baseline.toFixed(3)} (${truth.method} ${pText(truth.pValue)}; ${truth.detail})`;
    if (truth.significant && truth.f1Challenger > truth.f1Baseline) {
      if (latencyGuardBroken) {
        return done(
          'keep_baseline',
          'truth_better_but_slow',
          `The challenger finds more true crossings, ${f1}, but it is ${latencyText}, beyond the ${input.maxLatencyRatio}× latency guard`,
        );
      }
      return done('deploy_challenger', 'truth_better', `The challenger counts more accurately: ${f1}; it is ${latencyText}`);
    }
    if (truth.significant && truth.f1Challenger < truth.f1Baseline) {
      return done('keep_baseline', 'truth_worse', `The challenger counts less accurately: ${f1}`);
    }
    prefix = `Against the truth the arms do not differ significantly (${f1}); `;
  }

  // 4. Latency guard.
  if (latencyGuardBroken) {
    return done('keep_baseline', 'latency_guard', joined(prefix, `the challenger is ${latencyText}, beyond the ${input.maxLatencyRatio}× latency guard; ${countsText}`));
  }

  // 5. Counts differ beyond the margin.
  if (counts.significant && Math.abs(counts.relative) > margin) {
    return done(
      'keep_baseline',
      'counts_differ',
      joined(prefix, `${countsText} (${pText(counts.pValue)}), more than the ${marginText} margin: without a truth file production is the reference, so the challenger would change the shop's figures`),
    );
  }

  // 6. Equivalent.
  if (inside(counts.ci, margin) && counts.alsoForEquivalence.every((ci) => inside(ci, margin))) {
    const same = `the challenger counts the same as production (${pct1(Math.abs(counts.relative))} % ${counts.relative < 0 ? 'fewer' : 'more'}, ${confidenceLabel(confidence)} % CI ${intervalText(counts.ci!)}, inside the ${marginText} margin)`;
    const faster = latency.ratio <= FASTER_RATIO && latency.ci !== null && latency.ci[1] < 1;
    if (faster) return done('deploy_challenger', 'equivalent_faster', joined(prefix, `${same} and is ${latencyText}`));
    return done('keep_baseline', 'equivalent_nothing_gained', joined(prefix, `no difference and nothing gained: ${same} and is not meaningfully faster: ${latencyText}`));
  }

  // 7. Undecided.
  return done(
    'run_longer',
    'undecided',
    joined(prefix, `${countsText}: not yet precise enough to tell whether the difference is inside or beyond the ${marginText} margin`),
  );
}

function intervalText(ci: Interval): string {
  const f = (x: number): string => `${x > 0 ? '+' : ''}${pct1(x)} %`;
  return `${f(ci[0])} to ${f(ci[1])}`;
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** One sentence: an optional lead-in ("Against the truth …; ") and the rule's own words. */
function joined(prefix: string, text: string): string {
  return prefix ? `${prefix}${text}` : capitalise(text);
}

export function assessRisk(input: RuleInput): { risk: Verdict['risk']; strategy: Verdict['strategy'] } {
  const { counts, latency, margin, maxLatencyRatio } = input;
  const width = isInformative(counts.ci) ? counts.ci[1] - counts.ci[0] : Infinity;
  let level = 0;
  if (!(width <= 2 * margin)) level = 2;
  else if (width > margin) level = 1;
  if (latency.ratio >= 0.9 * maxLatencyRatio || (latency.ci !== null && latency.ci[1] >= maxLatencyRatio)) level = 2;
  else if (latency.ratio >= 0.75 * maxLatencyRatio) level = Math.max(level, 1);
  if (input.challengerSkipFraction > SKIP_WARNING_FRACTION) level = Math.max(level, 1);
  const risk = (['low', 'medium', 'high'] as const)[level]!;
  const strategy = ({ low: 'immediate', medium: 'canary', high: 'gradual' } as const)[risk];
  return { risk, strategy };
}
