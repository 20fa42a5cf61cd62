/**
 * `count --camera NAME`: footage recorded by one of the shop's cameras is imported under that
 * camera, so its counts land on the camera's dashboard beside the live ones. The camera is created
 * on first use — disabled, so a running engine does not start replaying it — and the lines and
 * zones given are matched to the camera's own by position (created when new), so a second import
 * appends to the same lines instead of making copies.
 */
import { randomBytes } from 'node:crypto';
import type { CameraSource } from '../capture/source';
import type { Repositories } from '../db/repositories';
import type { CountingLine } from '../db/repositories/counting-lines-repository';
import type { LineSpec, ZoneSpec } from '../pipeline/frame-processor';
import { splitCameraUrl } from './camera-url';

export interface RecordingCamera {
  cameraId: string;
  name: string;
  created: boolean;
  lines: Array<LineSpec & { id: number; createdAt: string }>;
  zones: ZoneSpec[];
}

/** Same place within a pixel: the line a user typed again. */
const SAME_POINT_PX = 0.5;

export function recordingCamera(
  repos: Repositories,
  o: { name: string; source: CameraSource; frameWidth: number; frameHeight: number; lines: LineSpec[]; zones: ZoneSpec[] },
): RecordingCamera {
  const name = o.name.trim();
  if (!name) throw Object.assign(new Error('--camera needs a name'), { code: 'INVALID_CAMERA' });
  return repos.db.transaction((): RecordingCamera => {
    const wanted = name.toLowerCase();
    let camera = repos.cameras.list().find((c) => c.cameraId === name || c.name.toLowerCase() === wanted);
    const created = camera === undefined;
    if (!camera) {
      camera = repos.cameras.create({
        cameraId: uniqueId(repos, name),
        name,
        ...storedAddress(o.source),
        enabled: false,
        frameWidth: o.frameWidth,
        frameHeight: o.frameHeight,
      });
    }
    const cameraId = camera.cameraId;
    const existing = repos.countingLines.listForCamera(cameraId);
    const lines =
      o.lines.length === 0
        ? existing.filter((l) => l.enabled)
        : o.lines.map((l, i) => existing.find((e) => sameLine(e, l)) ?? repos.countingLines.add({ cameraId, name: lineName(l, i, existing), x1: l.x1, y1: l.y1, x2: l.x2, y2: l.y2 }));
    if (lines.length === 0) throw Object.assign(new Error(`camera "${name}" has no counting line: give one with --line`), { code: 'INVALID_GEOMETRY' });
    const storedZones = repos.countingZones.listForCamera(cameraId);
    const zones =
      o.zones.length === 0
        ? storedZones.filter((z) => z.enabled)
        : o.zones.map((z, i) => storedZones.find((s) => samePolygon(s.polygon, z.polygon)) ?? repos.countingZones.add({ cameraId, name: z.name || `zone${i + 1}`, polygon: z.polygon.map(([x, y]) => [x, y] as [number, number]) }));
    return {
      cameraId,
      name: camera.name,
      created,
      lines: lines.map((l) => ({ id: l.id, name: l.name, x1: l.x1, y1: l.y1, x2: l.x2, y2: l.y2, createdAt: l.createdAt })),
      zones: zones.map((z) => ({ id: z.id, name: z.name, polygon: z.polygon })),
    };
  })();
}

function storedAddress(source: CameraSource): { sourceKind: CameraSource['kind']; url: string; username?: string | null } {
  switch (source.kind) {
    case 'file':
      return { sourceKind: 'file', url: source.path };
    case 'usb':
      return { sourceKind: 'usb', url: source.device };
    default: {
      // A password is never stored in clear; the import needs none after this run.
      const split = splitCameraUrl(source.url);
      return { sourceKind: source.kind, url: split.urlRedacted, username: split.username };
    }
  }
}

function uniqueId(repos: Repositories, name: string): string {
  const base = name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 40) || 'camera';
  return repos.cameras.get(base) ? `${base}-${randomBytes(2).toString('hex')}` : base;
}

function sameLine(a: CountingLine, b: LineSpec): boolean {
  return [a.x1 - b.x1, a.y1 - b.y1, a.x2 - b.x2, a.y2 - b.y2].every((d) => Math.abs(d) < SAME_POINT_PX);
}

function samePolygon(a: ReadonlyArray<readonly [number, number]>, b: ReadonlyArray<readonly [number, number]>): boolean {
  return a.length === b.length && a.every((p, i) => Math.abs(p[0] - b[i]![0]) < SAME_POINT_PX && Math.abs(p[1] - b[i]![1]) < SAME_POINT_PX);
}

function lineName(l: LineSpec, i: number, existing: CountingLine[]): string {
  const taken = new Set(existing.map((e) => e.name));
  let name = l.name || `line${i + 1}`;
  for (let n = 2; taken.has(name); n++) name = `${l.name || 'line'}-${n}`;
  return name;
}
