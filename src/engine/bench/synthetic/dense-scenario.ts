import type { LineSeg } from './ground-truth';
import { PLAZA_LINE } from './plaza-scenario';
import type { ActorScript } from './scene';

/**
 * The dense scene: the same plaza and door as the sparse one (PLAZA_LINE, vertical at x = 360 from
 * y 190 to 470; toward larger x is **in**), but with the crowds shops see at busy hours. People
 * are 75–125 px tall here and ~30–50 px wide, so 18 px apart in depth (foot y) means their boxes
 * overlap by half or more in the image: every group below is also a test of occlusion.
 *
 * Truth (exact, from the scripted anchors): 12 in, 12 out.
 */
export const DENSE_LINE: LineSeg = PLAZA_LINE;

export const DENSE_FRAMES = 345;

const group = (
  prefix: string,
  members: ReadonlyArray<readonly [number, number]>,
  to: number,
  o: { startFrame: number; speed: number; mirror?: boolean },
): ActorScript[] =>
  members.map(([x, y], i) => ({ name: `${prefix}${i + 1}`, path: [[x, y], [to + (x - members[0]![0]), y]], ...o }));

export const DENSE_ACTORS: ActorScript[] = [
  // A group of five walking in meets a group of four walking out right at the line (frames 74–84).
  // Each group keeps to its side of the path, but where they meet the nearer two of the five walk
  // between the farther two of the four (16–20 px apart in depth): they pass through each other.
  ...group('A-in-group5-', [[-30, 288], [-70, 304], [5, 321], [-45, 340], [-10, 358]], 800, { startFrame: 0, speed: 5 }),
  ...group('B-out-group4-', [[760, 332], [800, 350], [728, 372], [836, 392]], -90, { startFrame: 0, speed: 5, mirror: true }),
  // A pair walking in side by side, 18 px apart in depth, one a step ahead (crosses at ~165).
  ...group('P-in-pair-', [[-30, 425], [-16, 443]], 800, { startFrame: 100, speed: 6 }),
  // A trio walking out abreast, 17 px apart, far from the camera (small people; ~198).
  ...group('T-out-trio-', [[800, 233], [826, 251], [770, 269]], -60, { startFrame: 110, speed: 5, mirror: true }),
  // Crosses in, walks 50 px past the line and comes back out (in ~240, out ~257). Enters after the
  // out-group has left the frame's edge (see README: a person leaving where another enters, in the
  // same frame, can hand them their track).
  { name: 'R-in-and-back', path: [[-30, 280], [410, 285], [-30, 290]], startFrame: 175, speed: 6 },
  // Two fast walkers (13 px/frame, jogging) passing each other just past the line (~211, ~218).
  { name: 'F-in-fast', path: [[-40, 450], [810, 455]], startFrame: 180, speed: 13 },
  { name: 'F-out-fast', path: [[800, 455], [-40, 450]], startFrame: 184, speed: 13, mirror: true },
  // Waits 30 px before the line for 14 s (standing close enough to jitter near it), then walks in (~146).
  { name: 'W-waits-then-in', path: [[330, 250], [800, 250]], waits: [140], startFrame: 0, speed: 5 },
  // Stands exactly on the line the whole time (1 px past it, inside the hysteresis band): no count,
  // and the groups and the pair walk past and in front of them.
  { name: 'S-stands-on-line', path: [[361, 412]], startFrame: 0, speed: 0 },
  // Stands just past the line, beside the far end, the whole time: no count.
  { name: 'V-stands-beside', path: [[395, 212]], startFrame: 0, speed: 0, mirror: true },
  // A group of three walking out late, in depth order (~300–306).
  ...group('D-out-group3-', [[800, 283], [830, 301], [798, 321]], -60, { startFrame: 215, speed: 5, mirror: true }),
  // A trio walking in near the camera; the third walks 8 px beside the segment's end: 2 counts (~328).
  ...group('C-in-trio-', [[-30, 440], [-60, 458], [4, 478]], 800, { startFrame: 250, speed: 5 }),
];
