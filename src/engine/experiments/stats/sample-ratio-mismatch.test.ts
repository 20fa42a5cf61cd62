import chisquareCdf from '@stdlib/stats-base-dists-chisquare-cdf';
import chi2gof from '@stdlib/stats-chi2gof';
import { describe, expect, it } from 'vitest';
import { sampleRatioMismatch, SRM_ALARM_P } from './sample-ratio-mismatch';

describe('sampleRatioMismatch (χ² goodness of fit on units per arm)', () => {
  it('matches the Wikipedia "Sample ratio mismatch" example: 600 vs 400 at 50/50 → p = 2.54e-10', () => {
    // Source: Wikipedia, "Sample ratio mismatch", Example: 1000 users, 50–50 split, groups of 600
    // and 400; Pearson's χ² goodness of fit gives p = 2.54 × 10^-10.
    const r = sampleRatioMismatch([400, 600], 0.5);
    expect(r.chiSquare).toBe(40);
    expect(r.pValue).toBeCloseTo(2.54e-10, 12);
    expect(r.pValue / 2.54e-10).toBeCloseTo(1, 2);
    expect(r.ok).toBe(false);
  });

  it('matches srm.osc.garden: 44,000 vs 45,000 at 50/50 → p = 0.0008, an alarm', () => {
    // Source: https://srm.osc.garden (SRM checker, "Context"): p-value 0.0008 for 44,000 / 45,000.
    const r = sampleRatioMismatch([44000, 45000], 0.5);
    expect(r.pValue).toBeCloseTo(0.0008, 4);
    expect(r.ok).toBe(false);
  });

  it('agrees with @stdlib/stats-chi2gof and the χ²(1) cdf on an uneven design (30 %)', () => {
    const r = sampleRatioMismatch([720, 280], 0.3);
    const ref = chi2gof([720, 280], [0.7, 0.3]);
    expect(r.chiSquare).toBeCloseTo(ref.statistic, 10);
    expect(r.pValue).toBeCloseTo(ref.pValue, 10);
    expect(r.pValue).toBeCloseTo(1 - chisquareCdf(r.chiSquare, 1), 10);
    expect(r.expected).toEqual([700, 300]);
    expect(r.ok).toBe(true);
  });

  it('a perfect split gives χ² = 0, p = 1; no units at all too', () => {
    expect(sampleRatioMismatch([500, 500], 0.5)).toMatchObject({ chiSquare: 0, pValue: 1, ok: true });
    expect(sampleRatioMismatch([0, 0], 0.5)).toMatchObject({ chiSquare: 0, pValue: 1, ok: true });
  });

  it('tiny samples cannot raise the alarm (1 vs 3 cameras at 50 %)', () => {
    const r = sampleRatioMismatch([1, 3], 0.5);
    expect(r.pValue).toBeGreaterThan(SRM_ALARM_P);
    expect(r.ok).toBe(true);
  });

  it('0 % and 100 % designs: a unit in the impossible arm is an alarm', () => {
    expect(sampleRatioMismatch([10, 0], 0)).toMatchObject({ ok: true, pValue: 1 });
    expect(sampleRatioMismatch([10, 1], 0)).toMatchObject({ ok: false, pValue: 0 });
    expect(sampleRatioMismatch([0, 10], 1)).toMatchObject({ ok: true });
  });
});
