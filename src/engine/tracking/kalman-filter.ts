import { choleskyDecompose, choleskySolve } from './matrix';

/**
 * ByteTrack's constant-velocity Kalman filter (yolox/tracker/kalman_filter.py) over the state
 * (cx, cy, a, h, vcx, vcy, va, vh): box centre, aspect ratio w/h, height and their velocities per
 * step (one step = one tracker update). Noise scales with the box height, as in ByteTrack, so near
 * and far people are treated alike.
 *
 * Every method works in place on a track's own `mean` (8) and `covariance` (8×8 row-major) buffers
 * with scratch owned by the filter, so a frame with 100 tracks allocates nothing here. One filter
 * instance serves all tracks of one tracker (it is not re-entrant across threads, which JS is not).
 */

export const STATE_DIM = 8;
export const MEASUREMENT_DIM = 4;

export interface KalmanState {
  readonly mean: Float64Array;
  readonly covariance: Float64Array;
}

export function createKalmanState(): KalmanState {
  return { mean: new Float64Array(STATE_DIM), covariance: new Float64Array(STATE_DIM * STATE_DIM) };
}

/** Measurement (cx, cy, w/h, h) of an x1,y1,x2,y2 box, written into `out` at `offset`. */
export function measurementFromXyxy(
  xyxy: ArrayLike<number>,
  offset: number,
  out: Float64Array,
): Float64Array {
  const x1 = xyxy[offset]!;
  const y1 = xyxy[offset + 1]!;
  const x2 = xyxy[offset + 2]!;
  const y2 = xyxy[offset + 3]!;
  const h = y2 - y1;
  out[0] = (x1 + x2) / 2;
  out[1] = (y1 + y2) / 2;
  out[2] = (x2 - x1) / h;
  out[3] = h;
  return out;
}

/** The x1,y1,x2,y2 box of a state mean, written into `out` at `offset`. */
export function xyxyFromMean(mean: ArrayLike<number>, out: Float64Array, offset = 0): Float64Array {
  const h = mean[3]!;
  const w = mean[2]! * h;
  out[offset] = mean[0]! - w / 2;
  out[offset + 1] = mean[1]! - h / 2;
  out[offset + 2] = mean[0]! + w / 2;
  out[offset + 3] = mean[1]! + h / 2;
  return out;
}

export class KalmanFilter {
  // ByteTrack's tuning: position noise 1/20 and velocity noise 1/160 of the box height.
  private readonly stdWeightPosition = 1 / 20;
  private readonly stdWeightVelocity = 1 / 160;

  private readonly projectedMean = new Float64Array(MEASUREMENT_DIM);
  private readonly projectedCov = new Float64Array(MEASUREMENT_DIM * MEASUREMENT_DIM);
  private readonly factor = new Float64Array(MEASUREMENT_DIM * MEASUREMENT_DIM);
  /** Kᵀ (4×8), solved from S·Kᵀ = H·P. */
  private readonly gainT = new Float64Array(MEASUREMENT_DIM * STATE_DIM);
  private readonly hp = new Float64Array(MEASUREMENT_DIM * STATE_DIM);
  private readonly innovation = new Float64Array(MEASUREMENT_DIM);

  /** Starts a track at a measurement with zero velocity and a wide velocity uncertainty. */
  initiate(measurement: ArrayLike<number>, state: KalmanState): void {
    const { mean, covariance } = state;
    const h = measurement[3]!;
    for (let i = 0; i < MEASUREMENT_DIM; i++) {
      mean[i] = measurement[i]!;
      mean[i + MEASUREMENT_DIM] = 0;
    }
    const p = 2 * this.stdWeightPosition * h;
    const v = 10 * this.stdWeightVelocity * h;
    const std = [p, p, 1e-2, p, v, v, 1e-5, v];
    covariance.fill(0);
    for (let i = 0; i < STATE_DIM; i++) covariance[i * STATE_DIM + i] = std[i]! * std[i]!;
  }

  /**
   * One step ahead: mean ← F·mean, P ← F·P·Fᵀ + Q with F = [[I, I], [0, I]]. Written block-wise
   * (P = [[A, B], [C, D]] → [[A+B+C+D, B+D], [C+D, D]]) instead of two 8×8 products.
   */
  predict(state: KalmanState): void {
    const { mean, covariance: c } = state;
    const h = mean[3]!;
    for (let i = 0; i < MEASUREMENT_DIM; i++) mean[i] = mean[i]! + mean[i + MEASUREMENT_DIM]!;
    const n = STATE_DIM;
    for (let i = 0; i < 4; i++) {
      for (let j = 0; j < 4; j++) {
        const a = c[i * n + j]!;
        const b = c[i * n + j + 4]!;
        const cc = c[(i + 4) * n + j]!;
        const d = c[(i + 4) * n + j + 4]!;
        c[i * n + j] = a + b + cc + d;
        c[i * n + j + 4] = b + d;
        c[(i + 4) * n + j] = cc + d;
      }
    }
    const p = this.stdWeightPosition * h;
    const v = this.stdWeightVelocity * h;
    c[0] = c[0]! + p * p;
    c[1 * n + 1] = c[1 * n + 1]! + p * p;
    c[2 * n + 2] = c[2 * n + 2]! + 1e-4;
    c[3 * n + 3] = c[3 * n + 3]! + p * p;
    c[4 * n + 4] = c[4 * n + 4]! + v * v;
    c[5 * n + 5] = c[5 * n + 5]! + v * v;
    c[6 * n + 6] = c[6 * n + 6]! + 1e-10;
    c[7 * n + 7] = c[7 * n + 7]! + v * v;
  }

  /** Predicts many tracks; kept as one call so a future SoA layout can vectorise it. */
  multiPredict(states: ReadonlyArray<KalmanState>, count = states.length): void {
    for (let i = 0; i < count; i++) this.predict(states[i]!);
  }

  /** Measurement-space mean H·mean and covariance H·P·Hᵀ + R. */
  project(state: KalmanState, outMean: Float64Array, outCov: Float64Array): void {
    const { mean, covariance } = state;
    const p = this.stdWeightPosition * mean[3]!;
    for (let i = 0; i < MEASUREMENT_DIM; i++) {
      outMean[i] = mean[i]!;
      for (let j = 0; j < MEASUREMENT_DIM; j++) outCov[i * 4 + j] = covariance[i * STATE_DIM + j]!;
      // measurement noise R: aspect ratio gets a fixed 0.1 std, the rest scale with height
      outCov[i * 4 + i] = outCov[i * 4 + i]! + (i === 2 ? 1e-2 : p * p);
    }
  }

  /** Corrects the state with a measurement (cx, cy, a, h). */
  update(state: KalmanState, measurement: ArrayLike<number>): void {
    const { mean, covariance: c } = state;
    const m = MEASUREMENT_DIM;
    const n = STATE_DIM;
    const gainT = this.gainT;
    const hp = this.hp;
    const innovation = this.innovation;
    this.project(state, this.projectedMean, this.projectedCov);
    choleskyDecompose(this.projectedCov, m, this.factor);
    // H·P is the first four rows of P; since P is symmetric, Kᵀ = S⁻¹·(H·P).
    for (let k = 0; k < m * n; k++) {
      const v = c[k]!;
      hp[k] = v;
      gainT[k] = v;
    }
    choleskySolve(this.factor, m, gainT, n);
    for (let k = 0; k < m; k++) innovation[k] = measurement[k]! - this.projectedMean[k]!;
    const i0 = innovation[0]!;
    const i1 = innovation[1]!;
    const i2 = innovation[2]!;
    const i3 = innovation[3]!;
    for (let i = 0; i < n; i++) {
      mean[i] = mean[i]! + gainT[i]! * i0 + gainT[n + i]! * i1 + gainT[2 * n + i]! * i2 + gainT[3 * n + i]! * i3;
    }
    // P ← P − K·S·Kᵀ = P − K·(H·P). The result is symmetric, so compute the upper triangle and
    // mirror it: half the work, and rounding cannot make it asymmetric.
    for (let i = 0; i < n; i++) {
      const k0 = gainT[i]!;
      const k1 = gainT[n + i]!;
      const k2 = gainT[2 * n + i]!;
      const k3 = gainT[3 * n + i]!;
      for (let j = i; j < n; j++) {
        const v = c[i * n + j]! - (k0 * hp[j]! + k1 * hp[n + j]! + k2 * hp[2 * n + j]! + k3 * hp[3 * n + j]!);
        c[i * n + j] = v;
        c[j * n + i] = v;
      }
    }
  }
}
