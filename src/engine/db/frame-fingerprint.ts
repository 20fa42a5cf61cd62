import { createHash } from 'node:crypto';
import type { RgbFrame } from '../vision/detections';

/** Rows hashed per frame: every 8th keeps the cost well under 1 ms at 640×640. */
const ROW_STRIDE = 8;
export const FINGERPRINT_HEX_DIGITS = 16;

/**
 * The seed's `input_data_hash`: a sha256 over every 8th pixel row plus the frame size. Identical
 * frames get identical hashes (so replays and frozen cameras are recognisable) without paying a
 * full-frame hash on the hot path. Stored as its first 64 bits (16 hex digits): recognising a
 * repeated frame (a frozen camera, a replay) needs no more — two different frames share them with
 * odds of 1 in 10^19 — and the column is on every frame's row (issue 11's byte budget).
 */
export function frameFingerprint(frame: RgbFrame): string {
  const h = createHash('sha256');
  h.update(`${frame.width}x${frame.height}:`);
  const rowBytes = frame.width * 3;
  for (let y = 0; y < frame.height; y += ROW_STRIDE) {
    h.update(frame.data.subarray(y * rowBytes, (y + 1) * rowBytes));
  }
  return h.digest('hex').slice(0, FINGERPRINT_HEX_DIGITS);
}
