/**
 * The shadow verdict: both models saw the same frames, so the design is paired — per interval,
 * d_i = challenger crossings − baseline crossings, and the relative difference is Σd / Σbaseline.
 * Its interval and p-value come from the always-valid sequential test, so the Experiments page
 * may refresh the verdict every minute without inflating false positives; the classical paired t
 * is recorded in `tests` beside it. With truth (success metric f1), F1 per arm from Σtp/fp/fn and
 * an exact McNemar test on the matched true crossings. The rules are in verdict-rules.ts.
 */
import { DEFAULT_BOOTSTRAP_SEED, type AnalyzeOptions } from './analyze-options';
import { bootstrapStatistic } from './bootstrap';
import { mcnemarExact, type McNemarResult } from './mcnemar';
import { checkConfidence, isInformative, type Interval } from './numeric';
import { pairedDifference } from './paired-difference';
import { sequentialPairedTest } from './sequential-test';
import type { ExperimentDesign, IntervalSample, TruthHit, Verdict } from './types';
import { f1Figures, f1Of, hasTruth, mergeSamples, type TruthTotals } from './interval-figures';
import { assembleVerdict, bootstrapTruthEvidence, clipRelative, RELATIVE_CAP, validateDesign } from './verdict-output';
import type { TruthEvidence } from './verdict-rules';

interface Pair {
  baseline: IntervalSample;
  challenger: IntervalSample;
}

/** Pairs on (unit, interval); a sample without its partner cannot be compared and is left out. */
function pairUp(samples: readonly IntervalSample[]): { pairs: Pair[]; unpaired: number } {
  const byKey = new Map<string, { baseline?: IntervalSample; challenger?: IntervalSample }>();
  for (const s of samples) {
    const key = `${s.unit}\u001f${s.interval}`;
    const slot = byKey.get(key) ?? {};
    const prev = slot[s.arm];
    slot[s.arm] = prev ? mergeSamples(prev, s) : s;
    byKey.set(key, slot);
  }
  const pairs: Pair[] = [];
  let unpaired = 0;
  for (const slot of byKey.values()) {
    if (slot.baseline && slot.challenger) pairs.push({ baseline: slot.baseline, challenger: slot.challenger });
    else unpaired += 1;
  }
  return { pairs, unpaired };
}

export function analyzeShadow(
  samples: readonly IntervalSample[],
  design: ExperimentDesign,
  truthHits?: readonly TruthHit[],
  options: AnalyzeOptions = {},
): Verdict {
  validateDesign(design);
  const alpha = checkConfidence(design.confidence);
  const { confidence } = design;
  const baselineSamples = samples.filter((s) => s.arm === 'baseline');
  const challengerSamples = samples.filter((s) => s.arm === 'challenger');

  const { pairs, unpaired } = pairUp(samples);
  // An interval counts when both arms processed frames in it. Intervals where neither arm
  // counted anyone carry no information about how the two count (d = 0 whatever the models) and
  // are left out, like McNemar's concordant pairs: a quiet night must not pass for agreement.
  const usable = pairs.filter((p) => p.baseline.frames > 0 && p.challenger.frames > 0);
  const informative = usable.filter((p) => p.baseline.crossings + p.challenger.crossings > 0);
  const diffs = informative.map((p) => p.challenger.crossings - p.baseline.crossings);
  const sumBaseline = informative.reduce((s, p) => s + p.baseline.crossings, 0);
  const sumChallenger = informative.reduce((s, p) => s + p.challenger.crossings, 0);

  const sequential = sequentialPairedTest(diffs, { alpha, tau: options.tau });
  const pairedT = pairedDifference(diffs, confidence);
  const meanBaseline = informative.length ? sumBaseline / informative.length : 0;
  const relative =
    sumBaseline > 0 ? clipRelative((sumChallenger - sumBaseline) / sumBaseline) : sumChallenger > 0 ? RELATIVE_CAP : null;
  // Σd/Σb = mean(d)/mean(b): the sequence for mean(d) scaled by mean(b), which is treated as
  // known — in a paired design the noise of the difference dominates.
  // Identical counts in every informative interval (the same model, or a variant that never
  // disagrees) leave the t-based sequence without a spread to work with. Then bound the
  // difference by the crossings matched instead: if the challenger disagreed on a share p of
  // production's N crossings, N agreements in a row have probability (1 − p)^N ≤ e^(−pN), so
  // p ≤ −ln(α)/N ("rule of three" at α = 0.05). The event only shrinks as N grows, so the bound
  // is valid at every look, like the sequence it stands in for.
  const identicalCounts = informative.length > 0 && diffs.every((d) => d === 0);
  const identicalBound = identicalCounts && sumBaseline > 0 ? -Math.log(alpha) / sumBaseline : null;
  const relativeCi: Interval | null =
    identicalBound !== null
      ? [clipRelative(-identicalBound), clipRelative(identicalBound)]
      : isInformative(sequential.ci) && meanBaseline > 0
        ? [clipRelative(sequential.ci[0] / meanBaseline), clipRelative(sequential.ci[1] / meanBaseline)]
        : null;

  // Latency: per-interval log ratios, paired, through the same always-valid test (a deployment
  // rests on "faster", so peeking at it must be as safe as peeking at the counts).
  const latencyPairs = usable.filter((p) => p.baseline.latencyMsMean > 0 && p.challenger.latencyMsMean > 0);
  const logRatios = latencyPairs.map((p) => Math.log(p.challenger.latencyMsMean / p.baseline.latencyMsMean));
  const latencySequential = sequentialPairedTest(logRatios, { alpha, tau: options.tau });

  // Truth.
  const truthPairs = usable.filter((p) => hasTruth(p.baseline) && hasTruth(p.challenger));
  const f1 = f1Figures(
    truthPairs.map((p) => p.baseline),
    truthPairs.map((p) => p.challenger),
  );
  const { baseline: f1B, challenger: f1C } = f1;
  const truthUsable = design.successMetric === 'f1' && Number.isFinite(f1B) && Number.isFinite(f1C);
  const mcnemar: McNemarResult | null = truthHits && truthHits.length > 0 ? mcnemarExact(truthHits) : null;
  const f1Bootstrap =
    truthPairs.length > 0
      ? bootstrapStatistic(
          [truthPairs.length],
          ([idx]) => {
            const b: TruthTotals = { tp: 0, fp: 0, fn: 0 };
            const c: TruthTotals = { tp: 0, fp: 0, fn: 0 };
            for (const i of idx!) {
              const p = truthPairs[i]!;
              b.tp += p.baseline.truth!.tp;
              b.fp += p.baseline.truth!.fp;
              b.fn += p.baseline.truth!.fn;
              c.tp += p.challenger.truth!.tp;
              c.fp += p.challenger.truth!.fp;
              c.fn += p.challenger.truth!.fn;
            }
            return f1Of(c) - f1Of(b);
          },
          { confidence, seed: options.seed ?? DEFAULT_BOOTSTRAP_SEED, resamples: options.resamples },
        )
      : null;
  let truth: TruthEvidence | null = null;
  if (truthUsable) {
    if (mcnemar) {
      // "Better" needs both: more true crossings found (c > b) and a higher F1 (not bought with
      // false positives); "worse" the mirror image.
      const agrees = (mcnemar.c > mcnemar.b && f1C > f1B) || (mcnemar.c < mcnemar.b && f1C < f1B);
      truth = {
        f1Baseline: f1B,
        f1Challenger: f1C,
        significant: mcnemar.pValue < alpha && agrees,
        pValue: mcnemar.pValue,
        method: 'McNemar exact',
        detail: `${mcnemar.b} true crossings found only by production, ${mcnemar.c} only by the challenger`,
      };
    } else if (f1Bootstrap) {
      truth = bootstrapTruthEvidence(f1, f1Bootstrap, `${truthPairs.length} intervals with truth`);
    }
  }

  return assembleVerdict({
    design,
    baselineSamples,
    challengerSamples,
    intervals: { rules: informative.length, reported: informative.length },
    countsMetric: 'crossings_relative_difference',
    counts: {
      relative,
      ci: relativeCi,
      pValue: sequential.pValue,
      significant: sequential.rejected,
      alsoForEquivalence: [],
      alwaysValid: true,
    },
    logLatencyCi: latencySequential.ci,
    truth,
    f1Bootstrap,
    srm: null,
    tests: {
      pairs: { total: pairs.length, unpaired, usable: usable.length, informative: informative.length },
      crossings: { baseline: sumBaseline, challenger: sumChallenger },
      identicalCounts: identicalBound === null ? null : { intervals: informative.length, relativeBound: identicalBound },
      sequential,
      pairedT,
      latencySequential,
      f1: truthPairs.length ? f1 : null,
      f1Bootstrap,
      mcnemar,
    },
  });
}
