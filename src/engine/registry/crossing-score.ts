// Pure scoring (no Node API) of a model's output against ground truth.
import type { QualityMetrics } from '../../shared/dto-models';
import type { CrossingDirection } from '../../shared/enums';

export type { QualityMetrics };

export interface CrossingEvent {
  line: string;
  direction: CrossingDirection;
  timeS: number;
}

export interface MatchCounts {
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
}

export interface CrossingScore extends MatchCounts {
  /** Pairs (truth index, predicted index, |Δt| in s). */
  matches: Array<{ truth: number; predicted: number; deltaS: number }>;
  unmatchedTruth: number[];
  unmatchedPredicted: number[];
}

/**
 * One-to-one matching of predicted crossings to true ones: same line, same direction, at most
 * `toleranceS` apart; closest pairs first. A true crossing nobody matched is a false negative (a
 * missed person); a predicted one nobody matched is a false positive (a phantom count).
 */
export function scoreCrossings(predicted: readonly CrossingEvent[], truth: readonly CrossingEvent[], toleranceS: number): CrossingScore {
  const pairs: Array<{ truth: number; predicted: number; deltaS: number }> = [];
  truth.forEach((t, i) =>
    predicted.forEach((p, j) => {
      const deltaS = Math.abs(p.timeS - t.timeS);
      if (p.line === t.line && p.direction === t.direction && deltaS <= toleranceS) pairs.push({ truth: i, predicted: j, deltaS });
    }),
  );
  pairs.sort((a, b) => a.deltaS - b.deltaS || a.truth - b.truth || a.predicted - b.predicted);
  const usedT = new Set<number>();
  const usedP = new Set<number>();
  const matches: CrossingScore['matches'] = [];
  for (const pair of pairs) {
    if (usedT.has(pair.truth) || usedP.has(pair.predicted)) continue;
    usedT.add(pair.truth);
    usedP.add(pair.predicted);
    matches.push({ ...pair, deltaS: Math.round(pair.deltaS * 1000) / 1000 });
  }
  const unmatchedTruth = truth.map((_, i) => i).filter((i) => !usedT.has(i));
  const unmatchedPredicted = predicted.map((_, i) => i).filter((i) => !usedP.has(i));
  return {
    truePositives: matches.length,
    falsePositives: unmatchedPredicted.length,
    falseNegatives: unmatchedTruth.length,
    matches,
    unmatchedTruth,
    unmatchedPredicted,
  };
}


const pct = (num: number, den: number): number | null => (den === 0 ? null : Math.round((num / den) * 10000) / 100);

export function qualityMetrics(c: MatchCounts): QualityMetrics {
  const { truePositives: tp, falsePositives: fp, falseNegatives: fn } = c;
  const precision = pct(tp, tp + fp);
  const recall = pct(tp, tp + fn);
  const f1 = precision === null || recall === null ? null : precision + recall === 0 ? 0 : Math.round(((2 * precision * recall) / (precision + recall)) * 100) / 100;
  return {
    precision,
    recall,
    f1,
    accuracy: pct(tp, tp + fp + fn),
    falsePositiveRate: pct(fp, tp + fp),
    falseNegativeRate: pct(fn, tp + fn),
  };
}
