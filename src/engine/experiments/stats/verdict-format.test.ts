import { describe, expect, it } from 'vitest';
import { confidenceLabel, describeCounts, describeLatency, pText, relativeInterval } from './verdict-format';

describe('verdict wording', () => {
  it('says the issue\'s example sentence: "the challenger counts 3.1 % more crossings, 95 % CI 1.2–5.0 %"', () => {
    expect(describeCounts(0.031, [0.012, 0.05], 0.95)).toBe('the challenger counts 3.1 % more crossings than production (95 % CI 1.2–5.0 %)');
  });

  it('words intervals below zero as "fewer" and intervals across zero with signs', () => {
    expect(relativeInterval([-0.45, -0.35])).toBe('35.0–45.0 % fewer');
    expect(relativeInterval([-0.02, 0.04])).toBe('-2.0 % to +4.0 %');
    expect(describeCounts(-0.4, null, 0.9)).toBe('the challenger counts 40.0 % fewer crossings than production (too few intervals for a 90 % interval yet)');
  });

  it('formats confidence, latency and p-values as people read them', () => {
    expect(confidenceLabel(0.95)).toBe('95');
    expect(confidenceLabel(0.975)).toBe('97.5');
    expect(describeLatency({ baselineMs: 20.7, challengerMs: 12, ratio: 0.58, ci: [0.55, 0.61] }, 0.95)).toBe(
      '42 % faster (12.0 ms against 20.7 ms per frame, ratio 0.58, 95 % CI 0.55–0.61)',
    );
    expect(describeLatency({ baselineMs: 40, challengerMs: 40.1, ratio: 1.0025, ci: null }, 0.95)).toBe(
      'as fast as production (40.1 ms against 40.0 ms per frame, ratio 1.00)',
    );
    expect(pText(0.00003)).toBe('p < 0.0001');
    expect(pText(0.0034)).toBe('p = 0.0034');
    expect(pText(0.0412)).toBe('p = 0.041');
    expect(pText(0.41)).toBe('p = 0.41');
  });
});
