import { randomBytes } from 'node:crypto';
import type { z } from 'zod';
import type { Handlers } from '../../shared/contract';
import type { Caller } from '../../shared/roles';
import type { CameraDto } from '../../shared/dto';
import type { cameraEditSchema, cameraRequests, lineInputSchema, zoneInputSchema } from '../../shared/requests-cameras';
import { AppError } from '../../shared/result';
import { REDACTED, scrubSecrets, urlSecrets } from '../capture/redact-url';
import { parseSourceUrl, SourceError, type CameraSource, type SourceKind } from '../capture/source';
import {
  decodeSecret,
  encodeSecret,
  isEmptySecret,
  mergeQuerySecrets,
  secretStrings,
  splitUrlSecrets,
  type CameraSecret,
} from '../cameras/camera-secrets';
import type { CameraController } from '../cameras/camera-manager';
import { cameraSourceFor } from '../cameras/camera-source';
import { listCameraDevices, testCameraSource } from '../cameras/camera-test';
import type { Camera, CameraPatch } from '../db/repositories/cameras-repository';
import { scrubText } from '../log';
import { rememberSecret } from '../secrets/known-secrets';
import type { SecretBox } from '../secrets/secret-box';
import { toCameraDto } from './dto-mappers';
import type { EngineContext } from '../wiring/engine-context';

type CameraRequestName = keyof typeof cameraRequests;
type LineInput = z.output<typeof lineInputSchema>;
type ZoneInput = z.output<typeof zoneInputSchema>;

export interface CameraHandlerDeps {
  /** The running cameras (the engine's manager), or a stand-in that runs nothing (the CLI). */
  cameras: CameraController;
  secrets: SecretBox;
}

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

/**
 * Handlers of the camera-domain requests declared in src/shared/requests-cameras.ts. Every error
 * leaving here is scrubbed of the request's own secrets and of every URL credential.
 */
export function cameraHandlers(ctx: EngineContext, deps: CameraHandlerDeps): Pick<Handlers, CameraRequestName> {
  const { repos } = ctx;
  const { cameras, secrets } = deps;

  const dto = (cameraId: string): CameraDto => {
    const c = repos.cameras.get(cameraId);
    if (!c) throw new AppError('NOT_FOUND', `no camera "${cameraId}"`);
    return toCameraDto(c, repos.countingLines.listForCamera(cameraId), repos.countingZones.listForCamera(cameraId));
  };

  const requireCamera = (cameraId: string): Camera => {
    const c = repos.cameras.get(cameraId);
    if (!c) throw new AppError('NOT_FOUND', `no camera "${cameraId}"`);
    return c;
  };

  const storedSecret = (cameraId: string): CameraSecret | null => {
    const cipher = repos.cameras.getSecret(cameraId);
    if (!cipher) return null;
    const secret = decodeSecret(secrets.decrypt(cipher));
    for (const s of secretStrings(secret)) rememberSecret(s);
    return secret;
  };

  const seal = (secret: CameraSecret): Buffer | null => {
    if (isEmptySecret(secret)) return null;
    for (const s of secretStrings(secret)) rememberSecret(s);
    return secrets.encrypt(encodeSecret(secret));
  };

  const checkModel = (modelId: string | null | undefined): void => {
    if (modelId && !repos.aiModels.get(modelId)) throw new AppError('NOT_FOUND', `no model "${modelId}"`);
  };

  const syncLines = (cameraId: string, lines: LineInput[]): void => {
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
  };

  const syncZones = (cameraId: string, zones: ZoneInput[]): void => {
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
  };

  const newCameraId = (name: string): string => {
    for (;;) {
      const id = `${slug(name)}-${randomBytes(2).toString('hex')}`;
      if (!repos.cameras.get(id)) return id;
    }
  };

  const edit = async (input: z.output<typeof cameraEditSchema>, caller?: Caller): Promise<CameraDto> => {
    const existing = requireCamera(input.cameraId);
    const touchesSecret = input.url !== undefined || input.password !== undefined;
    let secret: CameraSecret = { password: null, query: [] };
    if (touchesSecret) {
      try {
        secret = storedSecret(input.cameraId) ?? secret;
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
    checkModel(input.modelId);
    for (const k of ['name', 'enabled', 'processFps', 'frameWidth', 'frameHeight', 'modelId', 'modelVersion'] as const) {
      if (input[k] !== undefined) Object.assign(patch, { [k]: input[k] });
    }
    const kind = patch.sourceKind ?? existing.sourceKind;
    if ((kind === 'file' || kind === 'usb') && !isEmptySecret(secret)) {
      throw new AppError('VALIDATION', `a ${kind} camera has no password`);
    }
    // A camera turned into a file or USB source drops the network password it no longer needs.
    const dropSecret = !touchesSecret && (kind === 'file' || kind === 'usb') && existing.hasPassword;
    const secretChanged = (touchesSecret && encodeSecret(secret) !== before) || dropSecret;
    const cipher = secretChanged && !dropSecret ? seal(secret) : null;
    repos.transaction(() => {
      repos.cameras.update(input.cameraId, patch);
      if (secretChanged) repos.cameras.setSecret(input.cameraId, cipher);
      if (input.lines) syncLines(input.cameraId, input.lines);
      if (input.zones) syncZones(input.cameraId, input.zones);
      repos.cameras.stampWho(input.cameraId, caller?.user?.id ?? null, false);
    });
    await cameras.apply(input.cameraId);
    return dto(input.cameraId);
  };

  const handlers: Pick<Handlers, CameraRequestName> = {
    'cameras:get': ({ cameraId }) => dto(cameraId),

    'cameras:add': async (input, caller) => {
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
      checkModel(input.modelId);
      const cameraId = input.cameraId ?? newCameraId(input.name);
      if (repos.cameras.get(cameraId)) throw new AppError('CONFLICT', `a camera "${cameraId}" already exists`);
      const cipher = seal(secret);
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
        });
        syncLines(cameraId, input.lines ?? []);
        syncZones(cameraId, input.zones ?? []);
        repos.cameras.stampWho(cameraId, caller?.user?.id ?? null, true);
      });
      await cameras.apply(cameraId);
      return dto(cameraId);
    },

    'cameras:edit': edit,

    'cameras:remove': async ({ cameraId }) => {
      await cameras.remove(cameraId);
      return { cameraId, removed: repos.cameras.delete(cameraId) };
    },

    'cameras:setEnabled': async ({ cameraId, enabled }, caller) => {
      requireCamera(cameraId);
      repos.transaction(() => {
        repos.cameras.update(cameraId, { enabled });
        repos.cameras.stampWho(cameraId, caller?.user?.id ?? null, false);
      });
      await cameras.apply(cameraId);
      return dto(cameraId);
    },

    'cameras:test': async (input) => {
      let source: CameraSource;
      try {
        if (input.cameraId !== undefined) {
          const camera = requireCamera(input.cameraId);
          source = cameraSourceFor(camera, storedSecret(input.cameraId));
        } else {
          const split = splitUrlSecrets(input.url ?? '');
          const secret: CameraSecret = { password: input.password ?? split.secret.password, query: split.secret.query };
          for (const s of secretStrings(secret)) rememberSecret(s);
          const addr = resolveAddress(split.publicUrl, input.sourceKind);
          source = cameraSourceFor({ sourceKind: addr.kind, urlRedacted: addr.stored, username: input.username ?? split.username }, secret);
        }
      } catch (err) {
        if (err instanceof AppError && err.code === 'NOT_FOUND') throw err;
        const reason = err instanceof SourceError && err.code === 'FILE_NOT_FOUND' ? 'not_found' : err instanceof AppError ? err.code : 'unsupported';
        return { ok: false, reason, message: scrubText(err instanceof Error ? err.message : String(err)), width: null, height: null, fps: null, elapsedMs: 0 };
      }
      return testCameraSource(source, input.timeoutMs);
    },

    'cameras:devices': () => listCameraDevices(),

    'live:snapshot': ({ cameraId }) => cameras.snapshot(cameraId),
  };

  return withScrubbedErrors(handlers);
}

/** Wraps every handler so a thrown message can never carry the request's secrets back out. */
function withScrubbedErrors<H extends Partial<Handlers>>(handlers: H): H {
  const wrapped: Record<string, (input: unknown, caller?: Caller) => unknown> = {};
  for (const [name, fn] of Object.entries(handlers) as Array<[string, (input: unknown, caller?: Caller) => unknown]>) {
    wrapped[name] = async (input: unknown, caller?: Caller) => {
      try {
        return await fn(input, caller);
      } catch (err) {
        const secrets = inputSecrets(input);
        const message = scrubSecrets(scrubText(err instanceof Error ? err.message : String(err)), secrets);
        const code = err instanceof AppError ? err.code : typeof (err as { code?: unknown })?.code === 'string' ? String((err as { code: string }).code) : 'INTERNAL';
        throw new AppError(/^[A-Z][A-Z0-9_]*$/.test(code) ? code : 'INTERNAL', message, err instanceof AppError ? err.issues : undefined);
      }
    };
  }
  return wrapped as unknown as H;
}

function inputSecrets(input: unknown): string[] {
  if (input === null || typeof input !== 'object') return [];
  const i = input as { url?: unknown; password?: unknown };
  const out: string[] = [];
  if (typeof i.url === 'string') out.push(...urlSecrets(i.url));
  // Like urlSecrets: 1–2 character strings would shred unrelated text.
  if (typeof i.password === 'string' && i.password.length >= 3) out.push(i.password);
  return out;
}
