import { z } from 'zod';
import { CROSSING_DIRECTIONS } from '../../shared/enums';
import { xywhToXyxy } from '../vision/box';
import type { Box } from './box-matching';
import type { CrossingEvent } from './crossing-score';
import { RegistryError } from './registry-error';

/**
 * Line-crossing ground truth for a recording (README: "Evaluation"). Times are seconds from the
 * start of the recording; `frame` may be given instead, at the truth's `fps`.
 */
export const crossingTruthSchema = z.strictObject({
  format: z.literal('footfall-crossings/v1'),
  /** Frames per second the recording is processed at (default: its own rate, at most 30). */
  fps: z.number().positive().max(60).optional(),
  /** Evaluate only this many processed frames from the start. */
  maxFrames: z.number().int().positive().optional(),
  /** A predicted crossing matches a true one at most this far apart in time (default 1 s). */
  toleranceS: z.number().min(0).max(60).default(1),
  lines: z
    .array(z.strictObject({ name: z.string().min(1).max(100), x1: z.number(), y1: z.number(), x2: z.number(), y2: z.number() }))
    .min(1)
    .max(16),
  events: z
    .array(
      z.strictObject({
        line: z.string().min(1).max(100),
        direction: z.enum(CROSSING_DIRECTIONS),
        timeS: z.number().min(0).optional(),
        frame: z.number().int().min(0).optional(),
        note: z.string().max(500).optional(),
      }),
    )
    .max(100_000),
});

export interface CrossingTruth {
  kind: 'crossings';
  fps: number | undefined;
  maxFrames: number | undefined;
  toleranceS: number;
  lines: Array<{ name: string; x1: number; y1: number; x2: number; y2: number }>;
  events: CrossingEvent[];
}

export function parseCrossingTruth(text: string): CrossingTruth {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    throw new RegistryError('TRUTH_INVALID', `ground truth is not valid JSON: ${(err as Error).message}`, { cause: err });
  }
  const parsed = crossingTruthSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new RegistryError('TRUTH_INVALID', `ground truth: ${issue?.path.join('.') || '(root)'}: ${issue?.message ?? 'invalid'}`);
  }
  const t = parsed.data;
  const names = new Set(t.lines.map((l) => l.name));
  if (names.size !== t.lines.length) throw new RegistryError('TRUTH_INVALID', 'ground truth: line names must be unique');
  const events = t.events.map((e, i): CrossingEvent => {
    if (!names.has(e.line)) throw new RegistryError('TRUTH_INVALID', `ground truth: events.${i}: unknown line "${e.line}"`);
    let timeS = e.timeS;
    if (timeS === undefined && e.frame !== undefined) {
      if (!t.fps) throw new RegistryError('TRUTH_INVALID', `ground truth: events.${i}: "frame" needs the truth's "fps"`);
      timeS = e.frame / t.fps;
    }
    if (timeS === undefined) throw new RegistryError('TRUTH_INVALID', `ground truth: events.${i}: needs "timeS" or "frame"`);
    return { line: e.line, direction: e.direction, timeS };
  });
  return { kind: 'crossings', fps: t.fps, maxFrames: t.maxFrames, toleranceS: t.toleranceS, lines: t.lines, events };
}

export interface MotTruth {
  kind: 'mot';
  /** 1-based frame number → person boxes (x1, y1, x2, y2). */
  frames: Map<number, Box[]>;
}

/**
 * MOT-challenge `gt.txt`: `frame,id,left,top,width,height,conf,class,visibility` (the last three
 * optional). Rows with conf 0 are "ignore" regions; when a class column is present only class 1
 * (pedestrian) is a person to find.
 */
export function parseMotTruth(text: string): MotTruth {
  const frames = new Map<number, Box[]>();
  text.split(/\r?\n/).forEach((line, i) => {
    if (line.trim() === '') return;
    const cells = line.split(',').map((c) => Number(c.trim()));
    if (cells.length < 6 || cells.slice(0, 6).some((v) => !Number.isFinite(v))) {
      throw new RegistryError('TRUTH_INVALID', `MOT ground truth line ${i + 1}: expected frame,id,left,top,width,height[,conf,class,visibility]`);
    }
    const [frame, , left, top, width, height, conf, cls] = cells as [number, number, number, number, number, number, number?, number?];
    if (!Number.isInteger(frame) || frame < 1 || width <= 0 || height <= 0) throw new RegistryError('TRUTH_INVALID', `MOT ground truth line ${i + 1}: bad frame or box`);
    if (conf === 0) return;
    if (cls !== undefined && cls !== 1) return;
    const list = frames.get(frame) ?? [];
    list.push(xywhToXyxy([left, top, width, height]));
    frames.set(frame, list);
  });
  if (frames.size === 0) throw new RegistryError('TRUTH_INVALID', 'MOT ground truth has no person boxes');
  return { kind: 'mot', frames };
}
