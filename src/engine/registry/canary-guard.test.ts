/**
 * The canary guards as numbers in, findings in words out (canary-guard.ts): no database, no clock.
 * Expected values are worked out by hand in each case.
 */
import { describe, expect, it } from 'vitest';
import { COUNT_NOISE_Z, DEFAULT_CANARY_LIMITS, evaluateCanaryGuards, type CanaryObservation } from './canary-guard';
import { evaluateGate, evaluationCheck, DEFAULT_GATE_LIMITS } from './rollout-gate';

const MIN = 60_000;

/** 30 min of a healthy canary at 1 fps, counting like production (180 crossings an hour). */
function healthy(patch: Partial<CanaryObservation> = {}): CanaryObservation {
  return {
    cameraId: 'door',
    elapsedMs: 30 * MIN,
    canary: { frames: 1800, crossings: 90, exposureS: 1800, latencyMs: 82 },
    production: { frames: 7200, crossings: 360, exposureS: 7200, latencyMs: 80, latencySource: 'camera' },
    canaryBenchmarkLatencyMs: 75,
    loadFailures: [],
    health: { samples: 30, failing: 0, lastState: 'live' },
    ...patch,
  };
}

describe('canary guards (pure)', () => {
  it('a canary that counts and runs like production holds every guard', () => {
    const e = evaluateCanaryGuards(healthy());
    expect(e.breached).toBeNull();
    expect(e.checks.map((c) => [c.guard, c.status])).toEqual([
      ['errors', 'held'],
      ['frames', 'held'],
      ['latency', 'held'],
      ['count', 'held'],
    ]);
    // 82 / 80 = 1.025; 90 / (360/7200·1800 = 90) − 1 = 0.
    expect(e.checks.find((c) => c.guard === 'latency')).toMatchObject({ value: 1.025, limit: 1.5 });
    expect(e.checks.find((c) => c.guard === 'count')).toMatchObject({ value: 0, limit: 0.5 });
  });

  it('latency above the ratio breaches, in words with the numbers', () => {
    const e = evaluateCanaryGuards(healthy({ canary: { frames: 600, crossings: 30, exposureS: 600, latencyMs: 180 } }));
    expect(e.breached).toMatchObject({ guard: 'latency', status: 'breached', value: 2.25, limit: 1.5 });
    expect(e.breached!.message).toBe('canary on camera door: latency 180 ms is above the guard 120 ms (1.5 × production)');
  });

  it('latency is not judged on too few frames, and falls back to benchmarks like with like', () => {
    const few = evaluateCanaryGuards(healthy({ canary: { frames: 10, crossings: 0, exposureS: 10, latencyMs: 500 } }));
    expect(few.checks.find((c) => c.guard === 'latency')).toMatchObject({ status: 'not_evaluated' });
    expect(few.breached).toBeNull();
    // No production frames on this camera: benchmark 150 vs benchmark 80 → 1.875 > 1.5.
    const bench = evaluateCanaryGuards(
      healthy({ production: { frames: 0, crossings: 0, exposureS: 0, latencyMs: 80, latencySource: 'benchmark' }, canaryBenchmarkLatencyMs: 150 }),
    );
    expect(bench.breached).toMatchObject({ guard: 'latency', value: 1.875 });
    expect(bench.breached!.message).toMatch(/benchmark latency 150 ms is above the guard 120 ms/);
    // Without production counts the count guard cannot judge.
    expect(bench.checks.find((c) => c.guard === 'count')).toMatchObject({ status: 'not_evaluated' });
  });

  it('counts: beyond the margin AND beyond Poisson noise breaches; a quiet start does not', () => {
    // Expected 90, counted 30: −66.7 %, z = (30 − 90)/√90 = −6.32.
    const low = evaluateCanaryGuards(healthy({ canary: { frames: 1800, crossings: 30, exposureS: 1800, latencyMs: 82 } }));
    expect(low.breached).toMatchObject({ guard: 'count', value: -0.6667 });
    expect(low.breached!.message).toMatch(/30 crossings in 30 min of footage \(60\/h\) is 67 % fewer than the 90 expected from production's 180\/h on this camera \(guard ±50 %\)/);
    // Expected 12 (4 min), counted 4: −66.7 % but z = −8/√12 = −2.31, inside the noise → held.
    const z = (4 - 12) / Math.sqrt(12);
    expect(Math.abs(z)).toBeLessThan(COUNT_NOISE_Z);
    const noisy = evaluateCanaryGuards(healthy({ elapsedMs: 4 * MIN, canary: { frames: 240, crossings: 4, exposureS: 240, latencyMs: 82 } }));
    expect(noisy.checks.find((c) => c.guard === 'count')).toMatchObject({ status: 'held' });
    // Expected 3 (1 min) < 10: not judged yet.
    const early = evaluateCanaryGuards(healthy({ elapsedMs: MIN, canary: { frames: 60, crossings: 0, exposureS: 60, latencyMs: 82 } }));
    expect(early.checks.find((c) => c.guard === 'count')).toMatchObject({ status: 'not_evaluated' });
    expect(early.breached).toBeNull();
  });

  it('errors: a load failure or a failing camera breaches first', () => {
    const load = evaluateCanaryGuards(healthy({ loadFailures: [{ reason: 'MODEL_INVALID: bad graph' }] }));
    expect(load.breached).toMatchObject({ guard: 'errors', value: 1, limit: 0 });
    expect(load.breached!.message).toBe('canary on camera door: the model failed to load once (MODEL_INVALID: bad graph)');
    const failing = evaluateCanaryGuards(healthy({ health: { samples: 4, failing: 3, lastState: 'failed' } }));
    expect(failing.breached!.message).toBe("canary on camera door: the camera was failing during the canary (3 of 4 health samples, last 'failed')");
    // Two samples are too few to call the camera failing.
    expect(evaluateCanaryGuards(healthy({ health: { samples: 2, failing: 2, lastState: 'failed' } })).breached).toBeNull();
  });

  it('frames: none after the grace time breaches; none before it waits', () => {
    const none = { frames: 0, crossings: 0, exposureS: 0, latencyMs: null };
    expect(evaluateCanaryGuards(healthy({ elapsedMs: 2 * MIN, canary: none })).breached).toBeNull();
    const late = evaluateCanaryGuards(healthy({ elapsedMs: 6 * MIN, canary: none }));
    expect(late.breached).toMatchObject({ guard: 'frames' });
    expect(late.breached!.message).toMatch(/no frame was processed with the canary in 6 min/);
    expect(DEFAULT_CANARY_LIMITS.graceMs).toBe(5 * MIN);
  });
});

describe('rollout gate (pure)', () => {
  const candidate = (f1: number | null) => ({ ref: 'door-person@1.0.0', f1 });
  const production = { ref: 'yolov8n-coco@8.0.0', f1: 80 };

  it('evaluation: below the absolute floor, or more than the margin below production, fails', () => {
    expect(evaluationCheck({ candidate: candidate(0), production: null }, DEFAULT_GATE_LIMITS)).toMatchObject({ ok: false });
    expect(evaluationCheck({ candidate: candidate(0), production: null }, DEFAULT_GATE_LIMITS).message).toBe('door-person@1.0.0 has a validation F1 of 0, below the floor 50 (50)');
    const drop = evaluationCheck({ candidate: candidate(70), production }, DEFAULT_GATE_LIMITS);
    expect(drop).toMatchObject({ ok: false });
    expect(drop.message).toBe("door-person@1.0.0 has a validation F1 of 70, below production yolov8n-coco@8.0.0's F1 80 minus 5 (75)");
    expect(evaluationCheck({ candidate: candidate(76), production }, DEFAULT_GATE_LIMITS).ok).toBe(true);
    // Never evaluated: passes unless evaluation is required.
    expect(evaluationCheck({ candidate: candidate(null), production }, DEFAULT_GATE_LIMITS).ok).toBe(true);
    expect(evaluationCheck({ candidate: candidate(null), production }, { ...DEFAULT_GATE_LIMITS, requireEvaluation: true }).ok).toBe(false);
  });

  it('the gate lists every failing check', () => {
    const g = evaluateGate({ candidate: candidate(90), production, shadowAgainst: 'keep_baseline: counts 40 % fewer', guardAgainst: 'latency 180 ms' }, DEFAULT_GATE_LIMITS);
    expect(g.ok).toBe(false);
    expect(g.failures).toEqual(['the shadow stage went against it: keep_baseline: counts 40 % fewer', 'a canary guard was breached: latency 180 ms']);
    expect(evaluateGate({ candidate: candidate(90), production, shadowAgainst: null, guardAgainst: null }, DEFAULT_GATE_LIMITS)).toMatchObject({ ok: true, failures: [] });
  });
});
