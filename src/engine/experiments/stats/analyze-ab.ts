/**
 * The ab verdict: each unit (camera, time slot, frame bucket) was served by one arm, so the arms
 * are independent samples. Main comparison: the exact Poisson test of crossings per second of
 * video (rate ratio challenger/baseline); beside it Welch's t on per-interval rates and a
 * bootstrap of the ratio over intervals. Crossings come in groups (people walk together), so
 * they are over-dispersed and the Poisson interval alone is too narrow: "equivalent" needs the
 * bootstrap interval inside the margin too. First of all the sample-ratio-mismatch check: if the
 * units did not split as designed, nothing else is trusted (verdict-rules.ts, rule 0).
 */
import { bootstrapRatioOfSums, bootstrapStatistic } from './bootstrap';
import { checkConfidence } from './numeric';
import { poissonRateTest, type PoissonRateResult } from './poisson-rate-test';
import { sampleRatioMismatch } from './sample-ratio-mismatch';
import { twoProportionTest } from './two-proportion-test';
import type { ExperimentDesign, IntervalSample, Verdict } from './types';
import { welchTTest } from './welch-t-test';
import { f1Figures, f1Of, hasTruth, truthTotals } from './interval-figures';
import { DEFAULT_BOOTSTRAP_SEED, type AnalyzeOptions } from './analyze-options';
import { assembleVerdict, bootstrapTruthEvidence, clipRelative, RELATIVE_CAP, relativeFromRatioCi, validateDesign } from './verdict-output';
import type { CountsEvidence, TruthEvidence } from './verdict-rules';
import { pText } from './verdict-format';

export interface AnalyzeAbOptions extends AnalyzeOptions {
  /**
   * What the SRM check counts. 'units': distinct `unit`s per arm (a per-camera split: a camera
   * with 30 intervals is still one assignment). 'intervals': samples, i.e. distinct
   * (unit, interval) per arm (time slots, frame buckets). 'auto' (default): 'units' when every
   * unit was served by one arm only — the per-camera signature — else 'intervals'.
   */
  srmUnits?: 'auto' | 'units' | 'intervals';
}

export function srmCounts(samples: readonly IntervalSample[], mode: AnalyzeAbOptions['srmUnits'] = 'auto'): { counts: [number, number]; counted: 'units' | 'intervals' } {
  const armsOfUnit = new Map<string, Set<string>>();
  const keys = { baseline: new Set<string>(), challenger: new Set<string>() };
  for (const s of samples) {
    const arms = armsOfUnit.get(s.unit) ?? new Set<string>();
    arms.add(s.arm);
    armsOfUnit.set(s.unit, arms);
    keys[s.arm].add(`${s.unit}\u001f${s.interval}`);
  }
  const perCamera = [...armsOfUnit.values()].every((a) => a.size === 1) && samples.length > armsOfUnit.size;
  const counted = mode === 'units' || (mode !== 'intervals' && perCamera) ? 'units' : 'intervals';
  if (counted === 'intervals') return { counts: [keys.baseline.size, keys.challenger.size], counted };
  let b = 0;
  let c = 0;
  for (const arms of armsOfUnit.values()) {
    if (arms.has('baseline')) b += 1;
    if (arms.has('challenger')) c += 1;
  }
  return { counts: [b, c], counted };
}

export function analyzeAb(samples: readonly IntervalSample[], design: ExperimentDesign, options: AnalyzeAbOptions = {}): Verdict {
  validateDesign(design);
  const alpha = checkConfidence(design.confidence);
  const { confidence } = design;
  const seed = options.seed ?? DEFAULT_BOOTSTRAP_SEED;
  const baselineSamples = samples.filter((s) => s.arm === 'baseline');
  const challengerSamples = samples.filter((s) => s.arm === 'challenger');

  const srmUnits = srmCounts(samples, options.srmUnits);
  const srm = sampleRatioMismatch(srmUnits.counts, design.trafficPercent / 100);

  // Intervals with data: the arm processed frames over some video. A zero count is data here
  // (unlike the paired shadow case): it says something about that arm's rate.
  const dataB = baselineSamples.filter((s) => s.frames > 0 && s.exposureS > 0);
  const dataC = challengerSamples.filter((s) => s.frames > 0 && s.exposureS > 0);
  const countB = dataB.reduce((s, x) => s + x.crossings, 0);
  const countC = dataC.reduce((s, x) => s + x.crossings, 0);
  const exposureB = dataB.reduce((s, x) => s + x.exposureS, 0);
  const exposureC = dataC.reduce((s, x) => s + x.exposureS, 0);
  const poisson: PoissonRateResult | null = exposureB > 0 && exposureC > 0 ? poissonRateTest(countB, exposureB, countC, exposureC, confidence) : null;
  const relative = poisson === null || poisson.ratio === null ? null : Number.isFinite(poisson.ratio) ? clipRelative(poisson.ratio - 1) : RELATIVE_CAP;
  const relativeCi = poisson ? relativeFromRatioCi(poisson.ci) : null;

  const rates = (xs: readonly IntervalSample[]): number[] => xs.map((s) => s.crossings / s.exposureS);
  const welch = welchTTest(rates(dataB), rates(dataC), confidence);
  const bootstrap = bootstrapRatioOfSums(
    dataB.map((s) => ({ num: s.crossings, den: s.exposureS })),
    dataC.map((s) => ({ num: s.crossings, den: s.exposureS })),
    { confidence, seed, resamples: options.resamples },
  );
  const bootstrapRelativeCi = relativeFromRatioCi(bootstrap.ci);

  // Latency: Welch on log latencies (a ratio of geometric means, the right scale for a ratio).
  const withLatency = (xs: readonly IntervalSample[]): number[] => xs.filter((s) => s.latencyMsMean > 0).map((s) => Math.log(s.latencyMsMean));
  const latencyWelch = welchTTest(withLatency(dataB), withLatency(dataC), confidence);

  // Truth: F1 per arm, its difference bootstrapped over each arm's intervals.
  const truthB = dataB.filter(hasTruth);
  const truthC = dataC.filter(hasTruth);
  const f1 = f1Figures(truthB, truthC);
  const { baselineTotals: totalsB, challengerTotals: totalsC } = f1;
  const f1Bootstrap =
    truthB.length > 0 && truthC.length > 0
      ? bootstrapStatistic([truthB.length, truthC.length], ([ib, ic]) => f1Of(truthTotals(ic!.map((i) => truthC[i]!))) - f1Of(truthTotals(ib!.map((i) => truthB[i]!))), {
          confidence,
          seed,
          resamples: options.resamples,
        })
      : null;
  const recall =
    totalsB.tp + totalsB.fn > 0 && totalsC.tp + totalsC.fn > 0
      ? twoProportionTest(totalsB.tp, totalsB.tp + totalsB.fn, totalsC.tp, totalsC.tp + totalsC.fn, confidence)
      : null;
  const precision =
    totalsB.tp + totalsB.fp > 0 && totalsC.tp + totalsC.fp > 0
      ? twoProportionTest(totalsB.tp, totalsB.tp + totalsB.fp, totalsC.tp, totalsC.tp + totalsC.fp, confidence)
      : null;
  let truth: TruthEvidence | null = null;
  if (design.successMetric === 'f1' && Number.isFinite(f1.baseline) && Number.isFinite(f1.challenger) && f1Bootstrap) {
    truth = bootstrapTruthEvidence(f1, f1Bootstrap, `true positives ${totalsB.tp} and ${totalsC.tp} over ${truthB.length} and ${truthC.length} intervals`);
  }

  const counts: CountsEvidence = {
    relative,
    ci: relativeCi,
    pValue: poisson?.pValue ?? 1,
    significant: (poisson?.pValue ?? 1) < alpha,
    alsoForEquivalence: [bootstrapRelativeCi],
    alwaysValid: false,
  };
  const share = design.trafficPercent;
  const override = srm.ok
    ? undefined
    : {
        recommendation: 'keep_baseline' as const,
        rule: 'srm_alarm' as const,
        reason:
          `The split is broken: ${srmUnits.counts[0]} ${srmUnits.counted} went to production and ${srmUnits.counts[1]} to the challenger, ` +
          `where ${share} % (${srm.expected[1].toFixed(0)}) were meant for the challenger (sample ratio mismatch χ² = ${srm.chiSquare.toFixed(1)}, ` +
          `${pText(srm.pValue)}, below 0.001); the results cannot be trusted — find what drops or duplicates one arm's units, then start again`,
      };

  return assembleVerdict({
    design,
    baselineSamples,
    challengerSamples,
    intervals: { rules: Math.min(dataB.length, dataC.length), reported: dataB.length + dataC.length },
    countsMetric: 'crossing_rate_relative_difference',
    counts,
    logLatencyCi: latencyWelch.ci,
    truth,
    f1Bootstrap,
    srm: { pValue: srm.pValue, ok: srm.ok, chiSquare: srm.chiSquare },
    tests: {
      srm: { ...srm, counted: srmUnits.counted, observed: srmUnits.counts },
      poisson,
      welchRates: welch,
      bootstrapRatio: bootstrap,
      latencyWelchLog: latencyWelch,
      f1: truthB.length || truthC.length ? f1 : null,
      f1Bootstrap,
      recall,
      precision,
    },
    override,
  });
}
