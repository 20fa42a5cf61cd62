import { describe, expect, it } from 'vitest';
import { createKalmanState, KalmanFilter, measurementFromXyxy, xyxyFromMean, STATE_DIM } from './kalman-filter';
import { choleskyDecompose, choleskySolve, identity, MatrixError, multiply, transpose } from './matrix';

function isSymmetricPositiveDefinite(c: Float64Array, n: number): boolean {
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) if (Math.abs(c[i * n + j]! - c[j * n + i]!) > 1e-9) return false;
  try {
    choleskyDecompose(c, n, new Float64Array(n * n));
    return true;
  } catch {
    return false;
  }
}

describe('matrix helpers', () => {
  it.each([
    { name: '2×2', n: 2, a: [4, 2, 2, 3], x: [1, -2] },
    { name: '3×3', n: 3, a: [25, 15, -5, 15, 18, 0, -5, 0, 11], x: [0.5, 2, -1] },
    { name: '4×4 identity', n: 4, a: Array.from(identity(4)), x: [1, 2, 3, 4] },
  ])('Cholesky solve $name recovers x from A·x', ({ n, a, x }) => {
    const b = new Float64Array(n);
    for (let i = 0; i < n; i++) for (let k = 0; k < n; k++) b[i] = b[i]! + a[i * n + k]! * x[k]!;
    const l = choleskyDecompose(a, n, new Float64Array(n * n));
    // L·Lᵀ reproduces A
    const llt = multiply(l, transpose(l, n, new Float64Array(n * n)), n, new Float64Array(n * n));
    llt.forEach((v, k) => expect(v).toBeCloseTo(a[k]!, 10));
    choleskySolve(l, n, b);
    x.forEach((v, k) => expect(b[k]).toBeCloseTo(v, 10));
  });

  it.each([
    { name: 'indefinite', a: [1, 2, 2, 1] },
    { name: 'zero matrix', a: [0, 0, 0, 0] },
    { name: 'NaN', a: [Number.NaN, 0, 0, 1] },
  ])('rejects a $name matrix', ({ a }) => {
    expect(() => choleskyDecompose(a, 2, new Float64Array(4))).toThrow(MatrixError);
  });
});

describe('KalmanFilter', () => {
  const kf = new KalmanFilter();

  it('initiates at the measurement with zero velocity', () => {
    const s = createKalmanState();
    kf.initiate([320, 200, 0.4, 150], s);
    expect(Array.from(s.mean)).toEqual([320, 200, 0.4, 150, 0, 0, 0, 0]);
    expect(isSymmetricPositiveDefinite(s.covariance, STATE_DIM)).toBe(true);
  });

  it('predict without velocity keeps the mean and grows the uncertainty', () => {
    const s = createKalmanState();
    kf.initiate([100, 100, 0.5, 100], s);
    const before = s.covariance[0]!;
    kf.predict(s);
    expect(Array.from(s.mean.subarray(0, 4))).toEqual([100, 100, 0.5, 100]);
    expect(s.covariance[0]!).toBeGreaterThan(before);
    expect(isSymmetricPositiveDefinite(s.covariance, STATE_DIM)).toBe(true);
  });

  it('project adds measurement noise to the position block', () => {
    const s = createKalmanState();
    kf.initiate([100, 100, 0.5, 100], s);
    const m = new Float64Array(4);
    const c = new Float64Array(16);
    kf.project(s, m, c);
    expect(Array.from(m)).toEqual([100, 100, 0.5, 100]);
    for (let i = 0; i < 4; i++) expect(c[i * 4 + i]!).toBeGreaterThan(s.covariance[i * STATE_DIM + i]!);
  });

  it.each([
    { vx: 5, vy: 0 },
    { vx: -12, vy: 3 },
    { vx: 0, vy: -8 },
  ])('learns a constant velocity ($vx, $vy) px/step from noisy-free measurements', ({ vx, vy }) => {
    const s = createKalmanState();
    kf.initiate([200, 300, 0.4, 160], s);
    for (let k = 1; k <= 40; k++) {
      kf.predict(s);
      kf.update(s, [200 + vx * k, 300 + vy * k, 0.4, 160]);
      expect(isSymmetricPositiveDefinite(s.covariance, STATE_DIM)).toBe(true);
    }
    expect(s.mean[4]).toBeCloseTo(vx, 1);
    expect(s.mean[5]).toBeCloseTo(vy, 1);
    expect(s.mean[0]).toBeCloseTo(200 + vx * 40, 0);
    // the next prediction lands on the next position
    kf.predict(s);
    expect(s.mean[0]).toBeCloseTo(200 + vx * 41, 0);
  });

  it('an update pulls the mean toward the measurement but not past it', () => {
    const s = createKalmanState();
    kf.initiate([100, 100, 0.5, 100], s);
    kf.predict(s);
    kf.update(s, [110, 100, 0.5, 100]);
    expect(s.mean[0]!).toBeGreaterThan(100);
    expect(s.mean[0]!).toBeLessThanOrEqual(110);
  });

  it.each([
    { box: [10, 20, 50, 120] },
    { box: [0, 0, 1, 1] },
    { box: [-30, 5, 30, 305] },
  ])('measurement ↔ box round trip $box', ({ box }) => {
    const m = measurementFromXyxy(box, 0, new Float64Array(4));
    const back = xyxyFromMean(m, new Float64Array(4));
    box.forEach((v, k) => expect(back[k]).toBeCloseTo(v, 9));
  });
});
