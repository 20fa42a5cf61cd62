/**
 * The cameras as data: add, edit, remove, enable, test — what the `cameras:*` requests and
 * `footfall cameras …` do, as the registry's ModelRegistry is for models. Passwords are split from
 * URLs and stored encrypted, addresses are checked so only camera schemes reach ffmpeg, lines and
 * zones are kept in step with what was asked, every change names its user, and the running
 * cameras are told (CameraController) so a change applies to that camera within seconds.
 */
import { randomBytes } from 'node:crypto';
import type { z } from 'zod';
import type { CameraFrameDto, CameraTestDto } from '../../shared/dto-cameras';
import type { cameraAddSchema, cameraEditSchema, cameraFrameSchema, cameraTestSchema, lineInputSchema, zoneInputSchema } from '../../shared/requests-cameras';
import { AppError } from '../../shared/result';
import { REDACTED } from '../capture/redact-url';
import { parseSourceUrl, SourceError, type CameraSource, type SourceKind } from '../capture/source';
import type { Repositories } from '../db/repositories';
import type { Camera, CameraPatch } from '../db/repositories/cameras-repository';
import { scrubText } from '../log';
import { rememberSecret } from '../secrets/known-secrets';
import type { SecretBox } from '../secrets/secret-box';
import type { CameraController } from './camera-manager';
import { decodeSecret, encodeSecret, isEmptySecret, mergeQuerySecrets, secretStrings, splitUrlSecrets, type CameraSecret } from './camera-secrets';
import { cameraSourceFor } from './camera-source';
import { grabStill } from './camera-still';
import { testCameraSource } from './camera-test';
import { CameraTuningError, resolveCameraTuning } from '../tracking/camera-tuning';

/** A tuning outside its safe range is refused when the camera is saved, in plain words. */
function checkTuning(tuning: unknown): void {
  try {
    resolveCameraTuning(tuning);
  } catch (err) {
    if (err instanceof CameraTuningError) throw new AppError('VALIDATION', err.message, [{ path: `tuning.${err.setting}`, message: err.message }]);
    throw err;
  }
}

type LineInput = z.output<typeof lineInputSchema>;
type ZoneInput = z.output<typeof zoneInputSchema>;
export type CameraAddInput = z.output<typeof cameraAddSchema>;
export type CameraEditInput = z.output<typeof cameraEditSchema>;
export type CameraTestInput = z.output<typeof cameraTestSchema>;
export type CameraFrameInput = z.output<typeof cameraFrameSchema>;

/** Stands in for the engine where no camera runs (the CLI): a running `serve` picks changes up itself. */
export const detachedCameras: CameraController = {
  apply: async () => undefined,
  remove: async () => undefined,
  health: () => [],
  snapshot: () => ({ cameras: [], at: new Date().toISOString() }),
};

/**
 * Resolves what the user typed into a stored address and a validated source kind. Only the
 * schemes parseSourceUrl accepts get through; a plain path needs the explicit kind 'file'.
 */
function resolveAddress(publicUrl: string, kind: SourceKind | undefined, fallback?: SourceKind): { kind: SourceKind; stored: string } {
  let source: CameraSource;
  try {
    source = parseSourceUrl(publicUrl, kind);
  } catch (err) {
    if (kind === undefined && fallback === 'file' && err instanceof SourceError && err.code === 'INVALID_SOURCE') {
      source = parseSourceUrl(publicUrl, 'file');
    } else {
      throw err;
    }
  }
  switch (source.kind) {
    case 'file':
      return { kind: 'file', stored: source.path };
    case 'usb':
      return { kind: 'usb', stored: source.device };
    default:
      return { kind: source.kind, stored: source.url };
  }
}

function slug(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 40) || 'camera';
}

export class CameraService {
  constructor(
    private readonly repos: Repositories,
    private readonly secrets: SecretBox,
    /** The running cameras (the engine's manager), or detachedCameras. */
    private readonly cameras: CameraController,
  ) {}

  require(cameraId: string): Camera {
    const c = this.repos.cameras.get(cameraId);
    if (!c) throw new AppError('NOT_FOUND', `no camera "${cameraId}"`);
    return c;
  }

  /** Adds a camera (its password encrypted, its lines and zones) and starts it; returns its id. */
  async add(input: CameraAddInput, userId: number | null): Promise<string> {
    const { repos } = this;
    const split = splitUrlSecrets(input.url);
    if (split.secret.query.some(([, v]) => v === REDACTED)) {
      throw new AppError('VALIDATION', `the URL contains a redacted value (${REDACTED}); type the real value`);
    }
    const secret: CameraSecret = {
      password: input.password !== undefined ? input.password : split.secret.password,
      query: split.secret.query,
    };
    const username = input.username !== undefined ? input.username : split.username;
    const addr = resolveAddress(split.publicUrl, input.sourceKind);
    if ((addr.kind === 'file' || addr.kind === 'usb') && !isEmptySecret(secret)) {
      throw new AppError('VALIDATION', `a ${addr.kind} camera has no password`);
    }
    this.checkModel(input.modelId);
    checkTuning(input.tuning);
    const cameraId = input.cameraId ?? this.newCameraId(input.name);
    if (repos.cameras.get(cameraId)) throw new AppError('CONFLICT', `a camera "${cameraId}" already exists`);
    const cipher = this.seal(secret);
    repos.transaction(() => {
      repos.cameras.create({
        cameraId,
        name: input.name,
        sourceKind: addr.kind,
        url: addr.stored,
        username,
        secretCiphertext: cipher,
        enabled: input.enabled ?? true,
        processFps: input.processFps ?? null,
        frameWidth: input.frameWidth ?? null,
        frameHeight: input.frameHeight ?? null,
        modelId: input.modelId ?? null,
        modelVersion: input.modelVersion ?? null,
        tuning: input.tuning ?? null,
      });
      this.syncLines(cameraId, input.lines ?? []);
      this.syncZones(cameraId, input.zones ?? []);
      repos.cameras.stampWho(cameraId, userId, true);
    });
    await this.cameras.apply(cameraId);
    return cameraId;
  }

  /** Changes what was given; a new address or password restarts that camera only. */
  async edit(input: CameraEditInput, userId: number | null): Promise<void> {
    const { repos } = this;
    const existing = this.require(input.cameraId);
    const touchesSecret = input.url !== undefined || input.password !== undefined;
    let secret: CameraSecret = { password: null, query: [] };
    if (touchesSecret) {
      try {
        secret = this.storedSecret(input.cameraId) ?? secret;
      } catch (err) {
        // A secret the current key cannot open may be replaced, never silently kept or merged.
        if (input.password === undefined) throw err;
      }
    }
    const before = encodeSecret(secret);
    const patch: CameraPatch = {};
    if (input.url !== undefined) {
      const split = splitUrlSecrets(input.url);
      const merged = mergeQuerySecrets(split.secret.query, secret.query);
      if (merged.missing.length > 0) {
        throw new AppError('VALIDATION', `the URL has ${merged.missing.map((n) => `${n}=${REDACTED}`).join(', ')} but no stored value to keep; type the real value`);
      }
      secret = { password: split.secret.password ?? secret.password, query: merged.query };
      const addr = resolveAddress(split.publicUrl, input.sourceKind, existing.sourceKind);
      patch.url = addr.stored;
      patch.sourceKind = addr.kind;
      if (split.username !== null) patch.username = split.username;
      if (addr.stored !== existing.urlRedacted && input.frameWidth === undefined) {
        // Another address may be another picture size: probe it again.
        patch.frameWidth = null;
        patch.frameHeight = null;
      }
    } else if (input.sourceKind !== undefined && input.sourceKind !== existing.sourceKind) {
      const addr = resolveAddress(existing.urlRedacted, input.sourceKind);
      patch.url = addr.stored;
      patch.sourceKind = addr.kind;
    }
    if (input.username !== undefined) patch.username = input.username;
    if (input.password !== undefined) secret = { ...secret, password: input.password };
    this.checkModel(input.modelId);
    checkTuning(input.tuning);
    for (const k of ['name', 'enabled', 'processFps', 'frameWidth', 'frameHeight', 'modelId', 'modelVersion', 'tuning'] as const) {
      if (input[k] !== undefined) Object.assign(patch, { [k]: input[k] });
    }
    const kind = patch.sourceKind ?? existing.sourceKind;
    if ((kind === 'file' || kind === 'usb') && !isEmptySecret(secret)) {
      throw new AppError('VALIDATION', `a ${kind} camera has no password`);
    }
    // A camera turned into a file or USB source drops the network password it no longer needs.
    const dropSecret = !touchesSecret && (kind === 'file' || kind === 'usb') && existing.hasPassword;
    const secretChanged = (touchesSecret && encodeSecret(secret) !== before) || dropSecret;
    const cipher = secretChanged && !dropSecret ? this.seal(secret) : null;
    repos.transaction(() => {
      repos.cameras.update(input.cameraId, patch);
      if (secretChanged) repos.cameras.setSecret(input.cameraId, cipher);
      if (input.lines) this.syncLines(input.cameraId, input.lines);
      if (input.zones) this.syncZones(input.cameraId, input.zones);
      repos.cameras.stampWho(input.cameraId, userId, false);
    });
    await this.cameras.apply(input.cameraId);
  }


  async remove(cameraId: string): Promise<boolean> {
    await this.cameras.remove(cameraId);
    return this.repos.cameras.delete(cameraId);
  }

  async setEnabled(cameraId: string, enabled: boolean, userId: number | null): Promise<void> {
    this.require(cameraId);
    this.repos.transaction(() => {
      this.repos.cameras.update(cameraId, { enabled });
      this.repos.cameras.stampWho(cameraId, userId, false);
    });
    await this.cameras.apply(cameraId);
  }

  /** Connects to a stored camera or to an address typed in, and says what it sees. */
  async test(input: CameraTestInput): Promise<CameraTestDto> {
    const resolved = this.sourceFor(input);
    if ('failed' in resolved) return { ...resolved.failed, width: null, height: null, fps: null };
    return testCameraSource(resolved.source, input.timeoutMs);
  }

  /** One still picture of a stored camera or of an address typed in, for drawing lines and zones on. */
  async frame(input: CameraFrameInput): Promise<CameraFrameDto> {
    const resolved = this.sourceFor(input);
    if ('failed' in resolved) return { ...resolved.failed, jpegDataUrl: null, width: null, height: null, from: null };
    return grabStill(resolved.source, { timeoutMs: input.timeoutMs, maxWidth: input.maxWidth });
  }

  /**
   * The source ffmpeg would open for a stored camera (its stored password) or a typed address;
   * an address that cannot be a camera is an answer (reason, message), not an error. An unknown
   * camera id throws NOT_FOUND.
   */
  private sourceFor(input: Pick<CameraTestInput, 'cameraId' | 'url' | 'sourceKind' | 'username' | 'password'>): { source: CameraSource } | { failed: { ok: false; reason: string; message: string; elapsedMs: 0 } } {
    try {
      if (input.cameraId !== undefined) {
        const camera = this.require(input.cameraId);
        return { source: cameraSourceFor(camera, this.storedSecret(input.cameraId)) };
      }
      const split = splitUrlSecrets(input.url ?? '');
      const secret: CameraSecret = { password: input.password ?? split.secret.password, query: split.secret.query };
      for (const s of secretStrings(secret)) rememberSecret(s);
      const addr = resolveAddress(split.publicUrl, input.sourceKind);
      return { source: cameraSourceFor({ sourceKind: addr.kind, urlRedacted: addr.stored, username: input.username ?? split.username }, secret) };
    } catch (err) {
      if (err instanceof AppError && err.code === 'NOT_FOUND') throw err;
      const reason = err instanceof SourceError && err.code === 'FILE_NOT_FOUND' ? 'not_found' : err instanceof AppError ? err.code : 'unsupported';
      return { failed: { ok: false, reason, message: scrubText(err instanceof Error ? err.message : String(err)), elapsedMs: 0 } };
    }
  }

  private storedSecret(cameraId: string): CameraSecret | null {
    const cipher = this.repos.cameras.getSecret(cameraId);
    if (!cipher) return null;
    const secret = decodeSecret(this.secrets.decrypt(cipher));
    for (const s of secretStrings(secret)) rememberSecret(s);
    return secret;
  }

  private seal(secret: CameraSecret): Buffer | null {
    if (isEmptySecret(secret)) return null;
    for (const s of secretStrings(secret)) rememberSecret(s);
    return this.secrets.encrypt(encodeSecret(secret));
  }

  private checkModel(modelId: string | null | undefined): void {
    if (modelId && !this.repos.aiModels.get(modelId)) throw new AppError('NOT_FOUND', `no model "${modelId}"`);
  }

  /** The camera's lines become exactly `lines`: updated by id, added, the rest removed. */
  private syncLines(cameraId: string, lines: LineInput[]): void {
    const { repos } = this;
    const existing = repos.countingLines.listForCamera(cameraId);
    const keep = new Set<number>();
    lines.forEach((l, i) => {
      const fields = { x1: l.x1, y1: l.y1, x2: l.x2, y2: l.y2, ...(l.enabled !== undefined ? { enabled: l.enabled } : {}) };
      if (l.id !== undefined) {
        if (!existing.some((e) => e.id === l.id)) throw new AppError('NOT_FOUND', `camera "${cameraId}" has no line ${l.id}`);
        keep.add(l.id);
        repos.countingLines.update(l.id, { ...fields, ...(l.name !== undefined ? { name: l.name } : {}) });
      } else {
        keep.add(repos.countingLines.add({ cameraId, name: l.name ?? `line${i + 1}`, ...fields }).id);
      }
    });
    for (const e of existing) if (!keep.has(e.id)) repos.countingLines.delete(e.id);
  }

  private syncZones(cameraId: string, zones: ZoneInput[]): void {
    const { repos } = this;
    const existing = repos.countingZones.listForCamera(cameraId);
    const keep = new Set<number>();
    zones.forEach((z, i) => {
      const polygon = z.polygon.map(([x, y]) => [x, y] as [number, number]);
      if (z.id !== undefined) {
        if (!existing.some((e) => e.id === z.id)) throw new AppError('NOT_FOUND', `camera "${cameraId}" has no zone ${z.id}`);
        keep.add(z.id);
        repos.countingZones.update(z.id, { polygon, ...(z.name !== undefined ? { name: z.name } : {}), ...(z.enabled !== undefined ? { enabled: z.enabled } : {}) });
      } else {
        keep.add(repos.countingZones.add({ cameraId, name: z.name ?? `zone${i + 1}`, polygon, ...(z.enabled !== undefined ? { enabled: z.enabled } : {}) }).id);
      }
    });
    for (const e of existing) if (!keep.has(e.id)) repos.countingZones.delete(e.id);
  }

  private newCameraId(name: string): string {
    for (;;) {
      const id = `${slug(name)}-${randomBytes(2).toString('hex')}`;
      if (!this.repos.cameras.get(id)) return id;
    }
  }
}
