/**
 * Grow-only scratch arrays: the tracker's per-frame work reuses buffers sized to the largest frame
 * seen so far, so steady-state frames allocate nothing (garbage collection pauses show up as
 * dropped frames on a slow machine).
 */
export function growInt32(a: Int32Array<ArrayBuffer>, size: number): Int32Array<ArrayBuffer> {
  return a.length >= size ? a : new Int32Array(Math.max(size, a.length * 2));
}

export function growFloat64(a: Float64Array<ArrayBuffer>, size: number): Float64Array<ArrayBuffer> {
  return a.length >= size ? a : new Float64Array(Math.max(size, a.length * 2));
}

export function growUint8(a: Uint8Array<ArrayBuffer>, size: number): Uint8Array<ArrayBuffer> {
  return a.length >= size ? a : new Uint8Array(Math.max(size, a.length * 2));
}
