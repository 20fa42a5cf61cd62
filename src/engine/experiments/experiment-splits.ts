/**
 * Which arm serves which frame in an ab experiment, deterministically from the experiment's seed
 * (the same unit always lands in the same arm, so a re-run or a restarted camera splits alike).
 */
import type { ExperimentGroup } from '../../shared/enums';
import type { ExperimentDesign } from '../db/repositories/ab-experiments-repository';
import { deterministicAssign } from './stats';
import type { IntervalKey } from './interval-book';

export interface FramePlace {
  key: IntervalKey;
  arm: ExperimentGroup;
  /** The assignment unit (recorded in ab_testing_assignments once). */
  assignmentUnit: string;
  /** Slot split: inside the burn-in after a switch (the frame counts, the experiment ignores it). */
  burnIn: boolean;
}

/**
 * @param unit the camera id (or the recording's name) the frames come from
 * @param timeS the frame's time in seconds (from the recording's start, or epoch seconds live)
 */
export function placeFrame(design: ExperimentDesign, trafficPercent: number, unit: string, frameIndex: number, timeS: number): FramePlace {
  const intervalOf = (lengthS: number): IntervalKey => {
    const index = Math.floor(timeS / lengthS);
    return { index, unit, startS: index * lengthS, endS: (index + 1) * lengthS };
  };
  if (design.mode === 'shadow') return { key: intervalOf(design.intervalS), arm: 'baseline', assignmentUnit: unit, burnIn: false };
  if (design.split === 'slot') {
    const slotS = (design.slotMinutes ?? 15) * 60;
    const key = intervalOf(slotS);
    const assignmentUnit = `${unit}#slot${key.index}`;
    return { key, arm: deterministicAssign(design.seed, assignmentUnit, trafficPercent), assignmentUnit, burnIn: timeS - key.startS < design.burnInS };
  }
  if (design.split === 'camera') {
    return { key: intervalOf(design.intervalS), arm: deterministicAssign(design.seed, unit, trafficPercent), assignmentUnit: unit, burnIn: false };
  }
  const assignmentUnit = `${unit}#f${frameIndex}`;
  return { key: intervalOf(design.intervalS), arm: deterministicAssign(design.seed, assignmentUnit, trafficPercent), assignmentUnit, burnIn: false };
}
