/**
 * Just enough dense linear algebra for the tracker's Kalman filter: square row-major matrices of
 * size 4 or 8 stored in Float64Array. Hand-written because the filter needs a handful of 8x8
 * operations per track per frame; a general matrix library would allocate on every call, which is
 * exactly the churn the tracker's hot path must avoid. Callers pass `out` buffers they own.
 */

export class MatrixError extends Error {
  readonly code = 'NOT_POSITIVE_DEFINITE';
  constructor(message: string) {
    super(message);
    this.name = 'MatrixError';
  }
}

export function identity(n: number): Float64Array {
  const m = new Float64Array(n * n);
  for (let i = 0; i < n; i++) m[i * n + i] = 1;
  return m;
}

/** out = a · b for n×n matrices; `out` must not alias `a` or `b`. */
export function multiply(a: ArrayLike<number>, b: ArrayLike<number>, n: number, out: Float64Array): Float64Array {
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let k = 0; k < n; k++) s += a[i * n + k]! * b[k * n + j]!;
      out[i * n + j] = s;
    }
  }
  return out;
}

export function transpose(a: ArrayLike<number>, n: number, out: Float64Array): Float64Array {
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) out[j * n + i] = a[i * n + j]!;
  return out;
}

/**
 * Cholesky factor: writes the lower-triangular L with a = L·Lᵀ into `out` (upper part zeroed).
 * Throws MatrixError when `a` is not symmetric positive definite (a covariance gone bad).
 */
export function choleskyDecompose(a: ArrayLike<number>, n: number, out: Float64Array): Float64Array {
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let s = a[i * n + j]!;
      for (let k = 0; k < j; k++) s -= out[i * n + k]! * out[j * n + k]!;
      if (i === j) {
        if (!(s > 0)) throw new MatrixError(`matrix is not positive definite (pivot ${i} = ${s})`);
        out[i * n + i] = Math.sqrt(s);
      } else {
        out[i * n + j] = s / out[j * n + j]!;
      }
    }
    for (let j = i + 1; j < n; j++) out[i * n + j] = 0;
  }
  return out;
}

/**
 * Solves (L·Lᵀ)·X = B in place for an n×m right-hand side B (row-major, n rows), given the
 * Cholesky factor L from choleskyDecompose. m = 1 solves a single vector.
 */
export function choleskySolve(l: ArrayLike<number>, n: number, b: Float64Array, m = 1): Float64Array {
  for (let c = 0; c < m; c++) {
    // forward substitution L·y = b
    for (let i = 0; i < n; i++) {
      let s = b[i * m + c]!;
      for (let k = 0; k < i; k++) s -= l[i * n + k]! * b[k * m + c]!;
      b[i * m + c] = s / l[i * n + i]!;
    }
    // back substitution Lᵀ·x = y
    for (let i = n - 1; i >= 0; i--) {
      let s = b[i * m + c]!;
      for (let k = i + 1; k < n; k++) s -= l[k * n + i]! * b[k * m + c]!;
      b[i * m + c] = s / l[i * n + i]!;
    }
  }
  return b;
}
