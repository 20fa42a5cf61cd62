/**
 * The camera form's state and its conversion to `cameras:add` / `cameras:edit` input. Pure
 * functions (no React, no DOM) so the parsing rules are easy to read and to test.
 */
import { CAMERA_TUNING_FIELDS, type TuningKey } from '../../../../shared/camera-tuning-fields';
import type { RequestInput } from '../../../../shared/contract';
import type { CameraDto, CameraSourceKind } from '../../../../shared/dto';
import { t } from '../../i18n';
import type { DrawLine, DrawZone, Pt } from './geometry';

export interface LineRow {
  /** The stored line's id: sent back so the line keeps its running totals. */
  id?: number;
  name: string;
  x1: string;
  y1: string;
  x2: string;
  y2: string;
  enabled?: boolean;
}

export interface ZoneRow {
  id?: number;
  name: string;
  /** "x,y;x,y;x,y" */
  points: string;
}

/** Write-only: the form never holds the stored password, only what to do with it. */
export type PasswordChange = { kind: 'keep' } | { kind: 'set'; value: string } | { kind: 'remove' };

export interface CameraForm {
  name: string;
  sourceKind: CameraSourceKind;
  url: string;
  password: PasswordChange;
  enabled: boolean;
  processFps: string;
  frameWidth: string;
  frameHeight: string;
  lines: LineRow[];
  zones: ZoneRow[];
  /** Per-camera detection and counting settings as typed; '' = the default. partialBoxes: '', 'true' or 'false'. */
  tuning: Record<TuningKey, string>;
  /** A version pinned on this camera, or null: the camera follows the deployments. */
  model: { modelId: string; modelVersion: string | null } | null;
}

/** The kinds in the order the form offers them; their names are the catalogue's `cameras.sources`, the placeholder an example address. */
export const SOURCE_KINDS: ReadonlyArray<{ kind: CameraSourceKind; placeholder: string }> = [
  { kind: 'rtsp', placeholder: 'rtsp://user@192.168.1.20:554/stream1' },
  { kind: 'http_mjpeg', placeholder: 'http://192.168.1.21/mjpeg' },
  { kind: 'usb', placeholder: '/dev/video0' },
  { kind: 'file', placeholder: '/home/shop/recordings/door.mp4' },
];

export const needsPassword = (kind: CameraSourceKind): boolean => kind === 'rtsp' || kind === 'http_mjpeg';

const num = (n: number): string => (Number.isFinite(n) ? String(n) : '');

const noTuning = (): Record<TuningKey, string> => Object.fromEntries(CAMERA_TUNING_FIELDS.map((f) => [f.key, ''])) as Record<TuningKey, string>;

export function emptyForm(): CameraForm {
  return { name: '', sourceKind: 'rtsp', url: '', password: { kind: 'keep' }, enabled: true, processFps: '', frameWidth: '', frameHeight: '', lines: [], zones: [], tuning: noTuning(), model: null };
}

function tuningForm(t: CameraDto['tuning']): Record<TuningKey, string> {
  const out = noTuning();
  for (const f of CAMERA_TUNING_FIELDS) {
    const v = t?.[f.key];
    if (v !== undefined) out[f.key] = String(v);
  }
  return out;
}

export function formFromCamera(c: CameraDto): CameraForm {
  return {
    name: c.name,
    sourceKind: c.sourceKind,
    url: c.url,
    password: { kind: 'keep' },
    enabled: c.enabled,
    processFps: num(c.processFps),
    // The engine reports 0 for a size it has not probed yet.
    frameWidth: c.frameWidth > 0 ? num(c.frameWidth) : '',
    frameHeight: c.frameHeight > 0 ? num(c.frameHeight) : '',
    lines: c.lines.map((l) => ({ id: l.id, name: l.name, x1: num(l.x1), y1: num(l.y1), x2: num(l.x2), y2: num(l.y2), enabled: l.enabled })),
    zones: c.zones.map((z) => ({ id: z.id, name: z.name, points: z.polygon.map(([x, y]) => `${x},${y}`).join(';') })),
    tuning: tuningForm(c.tuning),
    model: c.modelId ? { modelId: c.modelId, modelVersion: c.modelVersion } : null,
  };
}

/**
 * Moves a password typed inside a URL (`rtsp://user:pw@host/…`) out of the visible field, the way
 * the engine splits it (user info ends at the last '@' before the path; the first ':' separates
 * the password). The user name stays in the URL. Returns null when the URL has no password.
 */
export function extractUrlPassword(url: string): { url: string; password: string } | null {
  const schemeEnd = url.indexOf('://');
  if (schemeEnd === -1) return null;
  const start = schemeEnd + 3;
  const rest = url.slice(start);
  const end = rest.search(/[/?#]/);
  const authority = end === -1 ? rest : rest.slice(0, end);
  const at = authority.lastIndexOf('@');
  if (at === -1) return null;
  const userInfo = authority.slice(0, at);
  const colon = userInfo.indexOf(':');
  if (colon === -1) return null;
  const user = userInfo.slice(0, colon);
  let password = userInfo.slice(colon + 1);
  try {
    password = decodeURIComponent(password);
  } catch {
    // Not percent-encoding after all: keep it as typed (the engine does the same).
  }
  if (password === '') return null;
  return { url: url.slice(0, start) + (user ? `${user}@` : '') + rest.slice(at + 1), password };
}

/** Errors found before sending, keyed like envelope issue paths (`lines.0`, `zones.1`, `processFps`). */
export type FormProblems = Record<string, string>;

function parseNumber(text: string): number | null {
  const t = text.trim();
  if (t === '') return null;
  const n = Number(t);
  return Number.isFinite(n) ? n : null;
}

function optionalNumber(text: string, path: string, what: string, problems: FormProblems): number | undefined {
  if (text.trim() === '') return undefined;
  const n = parseNumber(text);
  if (n === null) problems[path] = t().cameras.problems.notNumber(what);
  return n ?? undefined;
}

/** "x,y;x,y;…" → [[x,y],…]; null when a point is not two numbers. */
export function parsePolygon(text: string): Array<[number, number]> | null {
  const points = text
    .split(';')
    .map((p) => p.trim())
    .filter((p) => p !== '');
  const out: Array<[number, number]> = [];
  for (const p of points) {
    const parts = p.split(',').map((s) => parseNumber(s));
    if (parts.length !== 2 || parts[0] === null || parts[1] === null || parts[0] === undefined || parts[1] === undefined) return null;
    out.push([parts[0], parts[1]]);
  }
  return out;
}

type LineInput = NonNullable<RequestInput<'cameras:add'>['lines']>[number];
type ZoneInput = NonNullable<RequestInput<'cameras:add'>['zones']>[number];

function linesInput(rows: LineRow[], problems: FormProblems): LineInput[] {
  return rows.map((row, i) => {
    const coords = [row.x1, row.y1, row.x2, row.y2].map(parseNumber);
    if (coords.some((c) => c === null)) problems[`lines.${i}`] = t().cameras.problems.lineCoords;
    const [x1 = 0, y1 = 0, x2 = 0, y2 = 0] = coords.map((c) => c ?? 0);
    return {
      ...(row.id !== undefined ? { id: row.id } : {}),
      ...(row.name.trim() ? { name: row.name.trim() } : {}),
      x1,
      y1,
      x2,
      y2,
      ...(row.enabled !== undefined ? { enabled: row.enabled } : {}),
    };
  });
}

function zonesInput(rows: ZoneRow[], problems: FormProblems): ZoneInput[] {
  return rows.map((row, i) => {
    const polygon = parsePolygon(row.points);
    if (polygon === null) problems[`zones.${i}`] = t().cameras.problems.zoneCorners;
    return { ...(row.id !== undefined ? { id: row.id } : {}), ...(row.name.trim() ? { name: row.name.trim() } : {}), polygon: polygon ?? [] };
  });
}

/** Splits a URL typed with a password before it is sent, so the password never sits in `url`. */
function urlAndPassword(form: CameraForm): { url: string; password: PasswordChange } {
  const split = needsPassword(form.sourceKind) ? extractUrlPassword(form.url.trim()) : null;
  return split ? { url: split.url, password: { kind: 'set', value: split.password } } : { url: form.url.trim(), password: form.password };
}

/** The typed rate and frame size as numbers (undefined: left empty); a field that is no number becomes a problem. */
function sizeAndRate(form: CameraForm, problems: FormProblems): Record<'processFps' | 'frameWidth' | 'frameHeight', number | undefined> {
  const m = t().cameras.problems;
  return {
    processFps: optionalNumber(form.processFps, 'processFps', m.processingRate, problems),
    frameWidth: optionalNumber(form.frameWidth, 'frameWidth', m.width, problems),
    frameHeight: optionalNumber(form.frameHeight, 'frameHeight', m.height, problems),
  };
}

export function toAddInput(form: CameraForm): { input: RequestInput<'cameras:add'>; problems: FormProblems } {
  const problems: FormProblems = {};
  const { url, password } = urlAndPassword(form);
  const { processFps, frameWidth, frameHeight } = sizeAndRate(form, problems);
  const input: RequestInput<'cameras:add'> = {
    name: form.name.trim(),
    url,
    sourceKind: form.sourceKind,
    enabled: form.enabled,
    ...(password.kind === 'set' && needsPassword(form.sourceKind) ? { password: password.value } : {}),
    ...(processFps !== undefined ? { processFps } : {}),
    ...(frameWidth !== undefined ? { frameWidth } : {}),
    ...(frameHeight !== undefined ? { frameHeight } : {}),
    lines: linesInput(form.lines, problems),
    zones: zonesInput(form.zones, problems),
  };
  const tuning = tuningInput(form.tuning, problems);
  if (tuning) input.tuning = tuning;
  if (form.model) {
    input.modelId = form.model.modelId;
    if (form.model.modelVersion) input.modelVersion = form.model.modelVersion;
  }
  return { input, problems };
}

/** Only what changed is sent: an untouched URL or password is left as stored. */
export function toEditInput(camera: CameraDto, form: CameraForm): { input: RequestInput<'cameras:edit'>; problems: FormProblems } {
  const problems: FormProblems = {};
  const { url, password } = urlAndPassword(form);
  const { processFps, frameWidth, frameHeight } = sizeAndRate(form, problems);
  const before = formFromCamera(camera);
  const input: RequestInput<'cameras:edit'> = {
    cameraId: camera.cameraId,
    ...(form.name.trim() !== camera.name ? { name: form.name.trim() } : {}),
    ...(form.sourceKind !== camera.sourceKind ? { sourceKind: form.sourceKind } : {}),
    ...(url !== camera.url ? { url } : {}),
    ...(password.kind === 'set' ? { password: password.value } : password.kind === 'remove' ? { password: null } : {}),
    ...(form.enabled !== camera.enabled ? { enabled: form.enabled } : {}),
    ...(processFps !== undefined && form.processFps !== before.processFps ? { processFps } : {}),
    // Cleared size fields mean "probe it again".
    ...(form.frameWidth !== before.frameWidth ? { frameWidth: frameWidth ?? null } : {}),
    ...(form.frameHeight !== before.frameHeight ? { frameHeight: frameHeight ?? null } : {}),
    lines: linesInput(form.lines, problems),
    zones: zonesInput(form.zones, problems),
  };
  const tuning = tuningInput(form.tuning, problems);
  if (JSON.stringify(sortKeys(tuning)) !== JSON.stringify(sortKeys(camera.tuning && Object.keys(camera.tuning).length > 0 ? camera.tuning : null))) input.tuning = tuning;
  const pinned = form.model ? `${form.model.modelId}@${form.model.modelVersion ?? ''}` : '';
  const wasPinned = camera.modelId ? `${camera.modelId}@${camera.modelVersion ?? ''}` : '';
  if (pinned !== wasPinned) {
    input.modelId = form.model?.modelId ?? null;
    input.modelVersion = form.model?.modelVersion ?? null;
  }
  return { input, problems };
}

function sortKeys(t: Record<string, number | boolean> | null): Array<[string, number | boolean]> | null {
  return t ? Object.entries(t).sort(([a], [b]) => a.localeCompare(b)) : null;
}

/**
 * The typed tuning as the request's `tuning` (null: all defaults), each value checked against
 * the range the engine accepts; problems are keyed `tuning.<setting>` like the engine's.
 */
export function tuningInput(typed: Record<TuningKey, string>, problems: FormProblems): Record<string, number | boolean> | null {
  const m = t().cameras.problems;
  const out: Record<string, number | boolean> = {};
  for (const f of CAMERA_TUNING_FIELDS) {
    const text = (typed[f.key] ?? '').trim();
    if (text === '') continue;
    if (f.kind === 'boolean') {
      out[f.key] = text === 'true';
      continue;
    }
    const n = parseNumber(text);
    if (n === null) problems[`tuning.${f.key}`] = m.mustBeNumber;
    else if (n < f.min || n > f.max) problems[`tuning.${f.key}`] = m.between(String(f.min), String(f.max));
    else out[f.key] = n;
  }
  const start = typeof out.newTrackThresh === 'number' ? out.newTrackThresh : 0.45;
  const keep = typeof out.trackThresh === 'number' ? out.trackThresh : 0.35;
  if (keep > start && !problems['tuning.trackThresh']) problems['tuning.trackThresh'] = m.notAboveStart(String(start));
  return Object.keys(out).length > 0 ? out : null;
}

/** The form's rows as drawable geometry: a row whose numbers do not parse is not drawn (and kept as typed). */
export function drawingFromRows(lines: LineRow[], zones: ZoneRow[]): { lines: DrawLine[]; zones: DrawZone[] } {
  const drawnLines: DrawLine[] = [];
  lines.forEach((r, i) => {
    const c = [r.x1, r.y1, r.x2, r.y2].map(parseNumber);
    if (c.some((v) => v === null)) return;
    const [x1, y1, x2, y2] = c as [number, number, number, number];
    drawnLines.push({ key: `row-${i}`, name: r.name.trim() || `line${i + 1}`, x1, y1, x2, y2 });
  });
  const drawnZones: DrawZone[] = [];
  zones.forEach((r, i) => {
    const polygon = parsePolygon(r.points);
    if (polygon === null) return;
    drawnZones.push({ key: `row-${i}`, name: r.name.trim() || `zone${i + 1}`, points: polygon });
  });
  return { lines: drawnLines, zones: drawnZones };
}

const rowIndex = (key: string): number | null => (/^row-(\d+)$/.test(key) ? Number(key.slice(4)) : null);
const polygonText = (points: readonly Pt[]): string => points.map(([x, y]) => `${x},${y}`).join(';');

/**
 * Applies what was drawn to the form's rows: drawn rows take the new numbers (a number left
 * unchanged keeps its text), rows no longer drawn are removed, rows that could not be drawn stay
 * as typed, and new lines and zones are appended (named as drawn).
 */
export function rowsFromDrawing(
  before: { lines: LineRow[]; zones: ZoneRow[] },
  drawn: { lines: readonly DrawLine[]; zones: readonly DrawZone[] },
): { lines: LineRow[]; zones: ZoneRow[] } {
  const wasDrawn = drawingFromRows(before.lines, before.zones);
  const drawnLine = new Map(drawn.lines.map((l) => [l.key, l]));
  const drawnZone = new Map(drawn.zones.map((z) => [z.key, z]));
  const shownLines = new Set(wasDrawn.lines.map((l) => l.key));
  const shownZones = new Set(wasDrawn.zones.map((z) => z.key));
  const keep = (text: string, n: number): string => (parseNumber(text) === n ? text : String(n));
  const lines: LineRow[] = [];
  before.lines.forEach((row, i) => {
    const key = `row-${i}`;
    const l = drawnLine.get(key);
    if (l) lines.push({ ...row, x1: keep(row.x1, l.x1), y1: keep(row.y1, l.y1), x2: keep(row.x2, l.x2), y2: keep(row.y2, l.y2) });
    else if (!shownLines.has(key)) lines.push(row);
  });
  for (const l of drawn.lines) if (rowIndex(l.key) === null) lines.push({ name: l.name, x1: String(l.x1), y1: String(l.y1), x2: String(l.x2), y2: String(l.y2) });
  const zones: ZoneRow[] = [];
  before.zones.forEach((row, i) => {
    const key = `row-${i}`;
    const z = drawnZone.get(key);
    if (z) zones.push(polygonText(z.points) === polygonText(parsePolygon(row.points) ?? []) ? row : { ...row, points: polygonText(z.points) });
    else if (!shownZones.has(key)) zones.push(row);
  });
  for (const z of drawn.zones) if (rowIndex(z.key) === null) zones.push({ name: z.name, points: polygonText(z.points) });
  return { lines, zones };
}

/** `cameras:test` for what the form holds: the stored camera when its address and password are untouched. */
export function toTestInput(camera: CameraDto | null, form: CameraForm): RequestInput<'cameras:test'> {
  const { url, password } = urlAndPassword(form);
  if (camera && url === camera.url && form.sourceKind === camera.sourceKind && password.kind === 'keep') return { cameraId: camera.cameraId };
  return {
    url,
    sourceKind: form.sourceKind,
    ...(password.kind === 'set' && needsPassword(form.sourceKind) ? { password: password.value } : {}),
  };
}
