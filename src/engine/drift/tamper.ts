/**
 * Camera tampering (issue 13, part 2): a camera covered, blinded, defocused or moved, found in the
 * once-a-second picture statistics of the sampled frames (brightness, contrast, sharpness and the
 * 8×8 view fingerprint, src/engine/vision/frame-image-stats.ts) — separate from slow drift and
 * immediate. Pure: no Node API, no I/O.
 *
 * Each sample is compared with the camera's own recent past (the baseline: the unflagged samples
 * of the last `baselineS` seconds, at least `minBaseline` of them — so a camera that is always
 * dark is not "covered", and a step is what counts):
 * - covered: the picture goes dark (mean luma ≤ `dark`) or flat (contrast ≤ `flatContrast`) while
 *   the baseline was neither;
 * - blinded: the picture saturates (mean luma ≥ `saturated`) while the baseline did not;
 * - defocused: sharpness falls under `sharpnessRatio` (20 %) of the baseline's median;
 * - moved: the view fingerprint's normalised cross-correlation with the baseline's (per-block
 *   median) falls under `minCorrelation` — NCC ignores the light changing, not the scene moving.
 * A condition must hold for `sustainS` seconds (samples at most `maxGapS` apart) to raise an
 * episode, so a person walking past the lens raises nothing. While flagged, samples stay out of
 * the baseline; once the baseline has aged out, the new view is the new normal.
 */
import { median } from './drift-stats';

export const TAMPER_KINDS = ['covered', 'blinded', 'defocused', 'moved'] as const;
export type TamperKind = (typeof TAMPER_KINDS)[number];

export interface ImageSample {
  /** ms since the epoch (the frame's time). */
  t: number;
  brightness: number;
  contrast: number;
  sharpness: number;
  /** The view fingerprint: 64 hex digits (8×8 blocks of mean luma / 16); absent on older rows. */
  grid?: string | null;
}

export interface TamperRules {
  sustainS: number;
  baselineS: number;
  minBaseline: number;
  dark: number;
  saturated: number;
  flatContrast: number;
  sharpnessRatio: number;
  minCorrelation: number;
  maxGapS: number;
}

export const DEFAULT_TAMPER_RULES: TamperRules = {
  sustainS: 10,
  baselineS: 300,
  minBaseline: 20,
  dark: 15,
  saturated: 240,
  flatContrast: 4,
  sharpnessRatio: 0.2,
  minCorrelation: 0.7,
  maxGapS: 5,
};

export interface TamperEpisode {
  kind: TamperKind;
  /** First and last flagged sample (ms). */
  from: number;
  to: number;
  /** When the condition had held for `sustainS`: the alert's time. */
  detectedAt: number;
  samples: number;
  /** The measure that tripped (luma, contrast, sharpness or correlation) and its baseline. */
  measure: 'brightness' | 'contrast' | 'sharpness' | 'correlation';
  value: number;
  baseline: number;
}

export function decodeGrid(grid: string | null | undefined): number[] | null {
  if (!grid || !/^[0-9a-f]+$/i.test(grid)) return null;
  return [...grid].map((c) => parseInt(c, 16));
}

/** Pearson correlation of two fingerprints; 1 for two flat ones, 0 for one flat one. */
export function gridCorrelation(a: readonly number[], b: readonly number[]): number {
  const n = Math.min(a.length, b.length);
  if (n === 0) return 1;
  let ma = 0;
  let mb = 0;
  for (let i = 0; i < n; i++) {
    ma += a[i]!;
    mb += b[i]!;
  }
  ma /= n;
  mb /= n;
  let sab = 0;
  let saa = 0;
  let sbb = 0;
  for (let i = 0; i < n; i++) {
    const da = a[i]! - ma;
    const db = b[i]! - mb;
    sab += da * db;
    saa += da * da;
    sbb += db * db;
  }
  if (saa === 0 && sbb === 0) return 1;
  if (saa === 0 || sbb === 0) return 0;
  return sab / Math.sqrt(saa * sbb);
}

interface Flag {
  kind: TamperKind;
  measure: TamperEpisode['measure'];
  value: number;
  baseline: number;
}

interface BaselineStats {
  brightness: number;
  contrast: number;
  sharpness: number;
  grid: number[] | null;
}

function baselineStats(base: readonly ImageSample[], r: TamperRules): BaselineStats {
  const grids = base.map((b) => decodeGrid(b.grid)).filter((x): x is number[] => x !== null);
  const len = grids[0]?.length ?? 0;
  const same = grids.filter((g) => g.length === len);
  return {
    brightness: median(base.map((b) => b.brightness)),
    contrast: median(base.map((b) => b.contrast)),
    sharpness: median(base.map((b) => b.sharpness)),
    grid: len > 0 && same.length >= r.minBaseline ? Array.from({ length: len }, (_, i) => median(same.map((x) => x[i]!))) : null,
  };
}

function flagOf(s: ImageSample, b: BaselineStats, r: TamperRules): Flag | null {
  if (s.brightness <= r.dark && b.brightness > 2 * r.dark) return { kind: 'covered', measure: 'brightness', value: s.brightness, baseline: b.brightness };
  if (s.contrast <= r.flatContrast && b.contrast > 2 * r.flatContrast) return { kind: 'covered', measure: 'contrast', value: s.contrast, baseline: b.contrast };
  if (s.brightness >= r.saturated && b.brightness < r.saturated - 20) return { kind: 'blinded', measure: 'brightness', value: s.brightness, baseline: b.brightness };
  if (b.sharpness >= 10 && s.sharpness < r.sharpnessRatio * b.sharpness) return { kind: 'defocused', measure: 'sharpness', value: s.sharpness, baseline: b.sharpness };
  const g = decodeGrid(s.grid);
  if (g && b.grid && g.length === b.grid.length) {
    const c = gridCorrelation(g, b.grid);
    if (c < r.minCorrelation) return { kind: 'moved', measure: 'correlation', value: Number(c.toFixed(3)), baseline: 1 };
  }
  return null;
}

/** The baseline's medians are refreshed every this many samples (a 24-hour scan stays cheap). */
const BASELINE_REFRESH = 10;

/**
 * The tamper episodes in `samples` (time order). Samples before `reportFrom` (ms) only build the
 * baseline and episodes detected before it are not returned (an incremental check passes the
 * last few minutes again for their baseline).
 */
export function detectTamper(samples: readonly ImageSample[], rules: Partial<TamperRules> = {}, reportFrom = Number.NEGATIVE_INFINITY): TamperEpisode[] {
  const r = { ...DEFAULT_TAMPER_RULES, ...rules };
  const baseline: ImageSample[] = [];
  const episodes: TamperEpisode[] = [];
  let run: { flag: Flag; from: number; last: number; samples: number; episode: TamperEpisode | null } | null = null;
  let stats: BaselineStats | null = null;
  let changes = 0;
  for (const s of samples) {
    while (baseline.length && baseline[0]!.t < s.t - r.baselineS * 1000) {
      baseline.shift();
      changes++;
    }
    if (baseline.length < r.minBaseline) stats = null;
    else if (!stats || changes >= BASELINE_REFRESH) {
      stats = baselineStats(baseline, r);
      changes = 0;
    }
    const flag = stats ? flagOf(s, stats, r) : null;
    if (run && (!flag || flag.kind !== run.flag.kind || s.t - run.last > r.maxGapS * 1000)) run = null;
    if (!flag) {
      baseline.push(s);
      changes++;
      continue;
    }
    if (!run) run = { flag, from: s.t, last: s.t, samples: 0, episode: null };
    run.last = s.t;
    run.samples++;
    if (run.episode) {
      run.episode.to = s.t;
      run.episode.samples = run.samples;
    } else if (s.t - run.from >= r.sustainS * 1000) {
      run.episode = {
        kind: flag.kind,
        from: run.from,
        to: s.t,
        detectedAt: s.t,
        samples: run.samples,
        measure: run.flag.measure,
        value: run.flag.value,
        baseline: Number(run.flag.baseline.toFixed(1)),
      };
      if (s.t >= reportFrom) episodes.push(run.episode);
    }
  }
  return episodes;
}
