/** The numbers in a verdict's `reason`, in plain words ("3.1 % more crossings, 95 % CI 1.2–5.0 %"). */
import type { Interval } from './numeric';

export function pct1(fraction: number): string {
  return (Math.round(fraction * 1000) / 10).toFixed(1);
}

/** 0.95 → "95", 0.975 → "97.5". */
export function confidenceLabel(confidence: number): string {
  return String(Math.round(confidence * 1000) / 10);
}

function signed(fraction: number): string {
  const s = pct1(fraction);
  return fraction > 0 && s !== '0.0' ? `+${s}` : s;
}

/** An interval of relative differences: "1.2–5.0 %", "3.0–7.5 % fewer" or "-2.0 % to +4.0 %". */
export function relativeInterval(ci: Interval): string {
  const [lo, hi] = ci;
  if (lo >= 0) return `${pct1(lo)}–${pct1(hi)} %`;
  if (hi <= 0) return `${pct1(-hi)}–${pct1(-lo)} % fewer`;
  return `${signed(lo)} % to ${signed(hi)} %`;
}

/** "the challenger counts 3.1 % more crossings than production (95 % CI 1.2–5.0 %)". */
export function describeCounts(relative: number, ci: Interval | null, confidence: number, reference = 'production'): string {
  const word = relative < 0 ? 'fewer' : 'more';
  const head = `the challenger counts ${pct1(Math.abs(relative))} % ${word} crossings than ${reference}`;
  if (ci === null) return `${head} (too few intervals for a ${confidenceLabel(confidence)} % interval yet)`;
  return `${head} (${confidenceLabel(confidence)} % CI ${relativeInterval(ci)})`;
}

/** "42 % faster (12.0 ms against 20.7 ms per frame, ratio 0.58, 95 % CI 0.55–0.61)". */
export function describeLatency(
  latency: { baselineMs: number; challengerMs: number; ratio: number; ci: Interval | null },
  confidence: number,
): string {
  const change = Math.round(Math.abs(1 - latency.ratio) * 100);
  const ci = latency.ci ? `, ${confidenceLabel(confidence)} % CI ${latency.ci[0].toFixed(2)}–${latency.ci[1].toFixed(2)}` : '';
  const figures = `(${latency.challengerMs.toFixed(1)} ms against ${latency.baselineMs.toFixed(1)} ms per frame, ratio ${latency.ratio.toFixed(2)}${ci})`;
  if (change === 0) return `as fast as production ${figures}`;
  return `${change} % ${latency.ratio < 1 ? 'faster' : 'slower'} ${figures}`;
}

/** p-values as people read them: "p = 0.003", "p < 0.0001". */
export function pText(p: number): string {
  if (p < 0.0001) return 'p < 0.0001';
  return `p = ${p < 0.01 ? p.toPrecision(2) : p.toFixed(p < 0.1 ? 3 : 2)}`;
}
