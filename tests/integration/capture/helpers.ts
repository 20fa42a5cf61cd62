import { execFileSync } from 'node:child_process';
import type { CameraState, CameraSupervisor, StateChange } from '../../../src/engine/capture/camera-supervisor';

/**
 * Capture ffmpegs (writing raw frames to pipe:1) whose parent is this test worker, straight from
 * `ps` rather than our registry. The HTTP-MJPEG test server is an ffmpeg child too: left out.
 */
export function childFfmpegPids(): number[] {
  let out = '';
  try {
    out = execFileSync('ps', ['-o', 'pid=,comm=,args=', '--ppid', String(process.pid)], { encoding: 'utf8' });
  } catch {
    return []; // ps exits 1 when there is no child at all
  }
  return out
    .split('\n')
    .map((l) => l.trim().split(/\s+/))
    .filter((cols) => cols[1] === 'ffmpeg' && cols.includes('pipe:1'))
    .map((cols) => Number(cols[0]));
}

/** Records every state change of a supervisor, with the time it happened. */
export class StateLog {
  readonly changes: StateChange[] = [];
  constructor(sup: CameraSupervisor) {
    sup.on('state', (s) => this.changes.push(s));
  }

  /** Resolves with the first change to `state` at or after `since` (ms epoch). */
  async waitFor(state: CameraState, timeoutMs: number, since = 0): Promise<StateChange> {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const hit = this.changes.find((c) => c.state === state && c.at >= since);
      if (hit) return hit;
      if (Date.now() > until) {
        throw new Error(`no '${state}' within ${timeoutMs} ms; saw ${this.changes.map((c) => `${c.state}/${c.reason}`).join(' → ')}`);
      }
      await new Promise((r) => setTimeout(r, 25));
    }
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
