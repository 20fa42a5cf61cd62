/**
 * Where each miss is lost: for every true crossing of a scripted scene, whether it was counted,
 * and if not, at which stage of the pipeline the person was lost; for every false count, what
 * produced it. Pure code over what the pipeline reports per frame (tracked boxes with their ids)
 * and the scene's exact truth (each actor's true box per frame), so the accuracy test and the
 * bench print the same diagnosis.
 *
 * A true box and an output box are the same person when they overlap with IoU ≥ MATCH_IOU
 * (greedy, best pairs first, one to one per frame: the MOT convention), or when the output box is
 * the visible top of the true one (same top edge, the true box cut to the output's height overlaps
 * it with IoU ≥ MATCH_IOU): a half-hidden person's box is still a detection of that person.
 */
import { boxIou, type XyxyBox } from '../vision/box';
import type { Direction, PredictedEvent, TruthEvent } from './synthetic/ground-truth';

/** IoU for "this output box is this true person" (MOT evaluation's threshold). */
export const MATCH_IOU = 0.5;
/** Frames either side of a crossing inspected for detections (1 s at 10 fps). */
export const WINDOW_FRAMES = 10;
/** How far (frames) before and after a crossing the person's track id is looked for. */
export const ID_SEARCH_FRAMES = 30;

export type MissCause =
  /** The person was not detected (merged into a neighbour's box by NMS or the model, or below threshold) in most frames around the crossing. */
  | 'no detection'
  /** Detected, but the track before the crossing ended in the occlusion and a new id (or none) followed. */
  | 'track lost'
  /** The person's track changed to one that had been (or went on to be) another person's. */
  | 'id switch'
  /** The same track before and after, but the crossing happened while it was unmatched and was not counted. */
  | 'crossed while unmatched'
  /** Tracked throughout, yet not counted (a counter rule). */
  | 'counter';

export type FalseCountCause =
  /** The track followed two people, and counted the second one's motion. */
  | 'id switch'
  /** The person's crossing was counted by another track as well. */
  | 'duplicate'
  /** A person who did not cross this way (standing, jittering, turning back) was counted. */
  | 'no crossing'
  /** The counted track matched no true person at the time. */
  | 'ghost';

/** What the pipeline reported for one frame: tracked boxes (x1,y1,x2,y2 source px) and ids (-1 none). */
export interface ReportFrame {
  frame: number;
  length: number;
  xyxy: ArrayLike<number>;
  trackerId?: ArrayLike<number>;
}

/** True box of each actor present in a frame. */
export type TruthBoxes = (frame: number) => ReadonlyArray<{ actor: string; box: XyxyBox }>;

export interface CrossingRow {
  actor: string;
  direction: Direction;
  truthFrame: number;
  counted: boolean;
  track?: number;
  predictedFrame?: number;
  cause?: MissCause;
  /** Why, in words: detected k of n frames, the ids before and after. */
  detail: string;
}

export interface FalseCountRow {
  direction: Direction;
  frame: number;
  track?: number;
  cause: FalseCountCause;
  /** The actors this track matched, in order of first appearance. */
  actors: string[];
  detail: string;
}

export interface CrossingReport {
  crossings: CrossingRow[];
  falseCounts: FalseCountRow[];
  /** Misses per cause (all causes present, 0 where none). */
  missesByCause: Record<MissCause, number>;
}

interface ActorFrame {
  detected: boolean;
  track: number;
}

/** Per actor, per frame: whether an output box matched the true box, and the id it carried. */
export function associateFrames(frames: ReadonlyArray<ReportFrame>, truthBoxes: TruthBoxes): Map<string, Map<number, ActorFrame>> {
  const out = new Map<string, Map<number, ActorFrame>>();
  for (const f of frames) {
    const truth = truthBoxes(f.frame);
    const pairs: Array<[number, number, number]> = [];
    truth.forEach((t, ti) => {
      const [x1, y1, x2, y2] = t.box;
      for (let d = 0; d < f.length; d++) {
        const o = d * 4;
        const dy1 = f.xyxy[o + 1]!;
        const dy2 = f.xyxy[o + 3]!;
        let v = boxIou(x1, y1, x2, y2, f.xyxy[o]!, dy1, f.xyxy[o + 2]!, dy2);
        const h = dy2 - dy1;
        if (h < y2 - y1 && Math.abs(dy1 - y1) <= 0.15 * (y2 - y1)) {
          // the visible top: compare with the true box cut to the output's height
          v = Math.max(v, boxIou(x1, y1, x2, y1 + h, f.xyxy[o]!, dy1, f.xyxy[o + 2]!, dy2));
        }
        if (v >= MATCH_IOU) pairs.push([v, ti, d]);
      }
    });
    pairs.sort((a, b) => b[0] - a[0] || a[1] - b[1] || a[2] - b[2]);
    const usedT = new Set<number>();
    const usedD = new Set<number>();
    const matchOf = new Map<number, number>();
    for (const [, ti, d] of pairs) {
      if (usedT.has(ti) || usedD.has(d)) continue;
      usedT.add(ti);
      usedD.add(d);
      matchOf.set(ti, d);
    }
    truth.forEach((t, ti) => {
      let m = out.get(t.actor);
      if (!m) out.set(t.actor, (m = new Map()));
      const d = matchOf.get(ti);
      m.set(f.frame, { detected: d !== undefined, track: d !== undefined ? (f.trackerId?.[d] ?? -1) : -1 });
    });
  }
  return out;
}

/**
 * The report. Unlike scoreEvents (which pairs counts with crossings by direction and time only, as
 * the product's counts are judged), the report attributes each count to the person its track was
 * on at that moment: a crossing is "counted" only by a count of that person's own track, and a
 * count of a track that was on someone who did not cross that way is a false count here, even
 * when the totals come out right. That is what tells an id switch from a miss.
 */
export function buildCrossingReport(
  frames: ReadonlyArray<ReportFrame>,
  truthBoxes: TruthBoxes,
  truth: ReadonlyArray<TruthEvent>,
  predicted: ReadonlyArray<PredictedEvent>,
): CrossingReport {
  const perActor = associateFrames(frames, truthBoxes);
  // Which actors each track id was seen on, and when.
  const trackActors = new Map<number, Map<string, number[]>>();
  for (const [actor, m] of perActor) {
    for (const [frame, af] of m) {
      if (af.track < 0) continue;
      let a = trackActors.get(af.track);
      if (!a) trackActors.set(af.track, (a = new Map()));
      let list = a.get(actor);
      if (!list) a.set(actor, (list = []));
      list.push(frame);
    }
  }
  const onOtherActor = (track: number, actor: string, from: number, to: number): boolean => {
    // whether the track was on someone else in [from, to]
    const a = trackActors.get(track);
    if (!a) return false;
    for (const [other, list] of a) if (other !== actor && list.some((f) => f >= from && f <= to)) return true;
    return false;
  };

  // The actor a track was on around a frame: the one it matched most often within ±WINDOW_FRAMES
  // (while two people overlap, a single frame's IoU can pair a box with either), ties to the
  // nearer match, then by name.
  const actorOf = (track: number | undefined, frame: number): string | null => {
    if (track === undefined) return null;
    let best: string | null = null;
    let bestCount = 0;
    let bestGap = Infinity;
    for (const [name, list] of trackActors.get(track) ?? []) {
      let count = 0;
      let gap = Infinity;
      for (const f of list) {
        const g = Math.abs(f - frame);
        if (g > WINDOW_FRAMES) continue;
        count++;
        if (g < gap) gap = g;
      }
      if (count === 0) continue;
      if (count > bestCount || (count === bestCount && (gap < bestGap || (gap === bestGap && best !== null && name < best)))) {
        best = name;
        bestCount = count;
        bestGap = gap;
      }
    }
    return best;
  };
  // Identity-aware attribution: a count is this person's when its track was on this person.
  const eventActor = predicted.map((p) => actorOf(p.track, p.frame));
  const usedEvent = new Set<number>();
  const ownEvent = new Map<TruthEvent, number>();
  for (const t of truth) {
    let bestK = -1;
    predicted.forEach((p, k) => {
      if (usedEvent.has(k) || p.direction !== t.direction || eventActor[k] !== t.actor) return;
      if (Math.abs(p.frame - t.frame) > ID_SEARCH_FRAMES) return;
      if (bestK < 0 || Math.abs(p.frame - t.frame) < Math.abs(predicted[bestK]!.frame - t.frame)) bestK = k;
    });
    if (bestK >= 0) {
      usedEvent.add(bestK);
      ownEvent.set(t, bestK);
    }
  }

  const crossings: CrossingRow[] = [];
  const missesByCause: Record<MissCause, number> = {
    'no detection': 0, 'track lost': 0, 'id switch': 0, 'crossed while unmatched': 0, counter: 0,
  };
  for (const t of truth) {
    const own = ownEvent.get(t);
    if (own !== undefined) {
      const p = predicted[own]!;
      crossings.push({ actor: t.actor, direction: t.direction, truthFrame: t.frame, counted: true, track: p.track, predictedFrame: p.frame, detail: '' });
      continue;
    }
    const m = perActor.get(t.actor) ?? new Map<number, ActorFrame>();
    let present = 0;
    let detected = 0;
    for (let f = t.frame - WINDOW_FRAMES; f <= t.frame + WINDOW_FRAMES; f++) {
      const af = m.get(f);
      if (!af) continue;
      present++;
      if (af.detected) detected++;
    }
    let pre = -1;
    let preFrame = -1;
    for (let f = t.frame - 1; f >= t.frame - ID_SEARCH_FRAMES; f--) {
      const id = m.get(f)?.track ?? -1;
      if (id >= 0) {
        pre = id;
        preFrame = f;
        break;
      }
    }
    let post = -1;
    let postFrame = -1;
    for (let f = t.frame; f <= t.frame + ID_SEARCH_FRAMES; f++) {
      const id = m.get(f)?.track ?? -1;
      if (id >= 0) {
        post = id;
        postFrame = f;
        break;
      }
    }
    const ids = `track before ${pre >= 0 ? `${pre} (last @${preFrame})` : 'none'}, after ${post >= 0 ? `${post} (from @${postFrame})` : 'none'}`;
    const detail = `detected in ${detected}/${present} frames ±${WINDOW_FRAMES}; ${ids}`;
    let cause: MissCause;
    if (present === 0 || detected / present < 0.5) cause = 'no detection';
    else if (pre >= 0 && post >= 0 && pre === post) {
      // The same track on both sides. Did it already count this direction for someone else?
      const countedElsewhere = predicted.some((p) => p.track === pre && p.direction === t.direction);
      cause = countedElsewhere ? 'id switch' : postFrame - preFrame > 1 ? 'crossed while unmatched' : 'counter';
    } else if (
      (post >= 0 && onOtherActor(post, t.actor, t.frame - ID_SEARCH_FRAMES * 3, postFrame - 1)) ||
      (pre >= 0 && onOtherActor(pre, t.actor, preFrame + 1, t.frame + ID_SEARCH_FRAMES))
    ) {
      cause = 'id switch';
    } else cause = 'track lost';
    missesByCause[cause]++;
    crossings.push({ actor: t.actor, direction: t.direction, truthFrame: t.frame, counted: false, cause, detail });
  }

  const falseCounts: FalseCountRow[] = [];
  predicted.forEach((p, k) => {
    if (usedEvent.has(k)) return;
    const a = p.track !== undefined ? trackActors.get(p.track) : undefined;
    const actors = a ? [...a.entries()].sort((x, y) => Math.min(...x[1]) - Math.min(...y[1])).map(([name]) => name) : [];
    const nearest = eventActor[k] ?? null;
    let cause: FalseCountCause;
    if (nearest === null) cause = 'ghost';
    else if (truth.some((t) => t.actor === nearest && t.direction === p.direction)) cause = 'duplicate';
    else cause = actors.length > 1 ? 'id switch' : 'no crossing';
    falseCounts.push({
      direction: p.direction,
      frame: p.frame,
      track: p.track,
      cause,
      actors,
      detail: `track ${p.track ?? '?'} on ${actors.join(' → ') || 'nobody'}; at the count on ${nearest ?? 'nobody'}`,
    });
  });
  return { crossings, falseCounts, missesByCause };
}

/** Fixed-width text of a report, misses and false counts first. */
export function formatCrossingReport(r: CrossingReport): string {
  const lines: string[] = [];
  const missed = r.crossings.filter((c) => !c.counted);
  lines.push(
    `crossings: ${r.crossings.length - missed.length}/${r.crossings.length} counted by the person's own track; misses by cause: ` +
      (Object.entries(r.missesByCause).map(([k, v]) => `${k} ${v}`).join(', ')),
  );
  for (const c of missed) lines.push(`  MISS ${c.direction.padEnd(3)} ${c.actor} @${c.truthFrame}: ${c.cause} — ${c.detail}`);
  for (const f of r.falseCounts) lines.push(`  FALSE ${f.direction.padEnd(3)} @${f.frame}: ${f.cause} — ${f.detail}`);
  for (const c of r.crossings.filter((x) => x.counted)) {
    lines.push(`  ok   ${c.direction.padEnd(3)} ${c.actor} @${c.truthFrame} → track ${c.track ?? '?'} @${c.predictedFrame ?? '?'}`);
  }
  return lines.join('\n');
}
