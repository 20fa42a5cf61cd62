import type { Handlers } from '../../shared/contract';
import type { Caller } from '../../shared/roles';
import type { CameraDto, CameraHealthDto } from '../../shared/dto';
import type { CameraStatusDto } from '../../shared/dto-cameras';
import type { cameraRequests } from '../../shared/requests-cameras';
import { AppError } from '../../shared/result';
import { scrubSecrets, urlSecrets } from '../capture/redact-url';
import type { CameraController } from '../cameras/camera-manager';
import { CameraService } from '../cameras/camera-service';
import { listCameraDevices } from '../cameras/camera-test';
import { listRecordings, recordingsFolderFor } from '../cameras/recordings-folder';
import type { Camera } from '../db/repositories/cameras-repository';
import { resolveDeployedModel } from '../registry/model-loader';
import { scrubText } from '../log';
import type { SecretBox } from '../secrets/secret-box';
import { toCameraDto } from './dto-mappers';
import type { EngineContext } from '../wiring/engine-context';

type CameraRequestName = keyof typeof cameraRequests;

export interface CameraHandlerDeps {
  /** The running cameras (the engine's manager), or detachedCameras (the CLI). */
  cameras: CameraController;
  secrets: SecretBox;
}

/**
 * Handlers of the camera-domain requests declared in src/shared/requests-cameras.ts: thin, the
 * work is CameraService's. Every error leaving here is scrubbed of the request's own secrets and
 * of every URL credential.
 */
export function cameraHandlers(ctx: EngineContext, deps: CameraHandlerDeps): Pick<Handlers, CameraRequestName> {
  const { repos } = ctx;
  const service = new CameraService(repos, deps.secrets, deps.cameras);
  const dto = (cameraId: string): CameraDto =>
    toCameraDto(service.require(cameraId), repos.countingLines.listForCamera(cameraId), repos.countingZones.listForCamera(cameraId));
  const userOf = (caller: Caller | undefined): number | null => caller?.user?.id ?? null;

  const handlers: Pick<Handlers, CameraRequestName> = {
    'cameras:get': ({ cameraId }) => dto(cameraId),
    'cameras:add': async (input, caller) => dto(await service.add(input, userOf(caller))),
    'cameras:edit': async (input, caller) => {
      await service.edit(input, userOf(caller));
      return dto(input.cameraId);
    },
    'cameras:remove': async ({ cameraId }) => ({ cameraId, removed: await service.remove(cameraId) }),
    'cameras:setEnabled': async ({ cameraId, enabled }, caller) => {
      await service.setEnabled(cameraId, enabled, userOf(caller));
      return dto(cameraId);
    },
    'cameras:test': (input) => service.test(input),
    'cameras:devices': () => listCameraDevices(),
    'live:snapshot': ({ cameraId }) => deps.cameras.snapshot(cameraId),
    'cameras:frame': async (input) => {
      // A running USB camera is held by its capture (a second open fails "device busy"): its
      // latest live preview is the picture then.
      if (input.cameraId !== undefined && service.require(input.cameraId).sourceKind === 'usb') {
        const preview = deps.cameras.snapshot(input.cameraId).cameras[0]?.preview;
        if (preview?.width && preview.height) {
          return { ok: true, reason: null, message: `${preview.width}x${preview.height}`, jpegDataUrl: preview.jpegDataUrl, width: preview.width, height: preview.height, from: 'live', elapsedMs: 0 };
        }
      }
      return service.frame(input);
    },
    'cameras:status': () => {
      const health = new Map(deps.cameras.health().map((h) => [h.cameraId, h]));
      return repos.cameras.list().map((c): CameraStatusDto => ({
        cameraId: c.cameraId,
        health: health.get(c.cameraId) ?? idleHealth(c.cameraId, c.name, c.enabled),
        running: deps.cameras.runningModel?.(c.cameraId) ?? null,
        chosen: chosenModel(ctx, c),
      }));
    },
    'recordings:list': () => listRecordings(recordingsFolderFor(ctx.dbPath)),
  };

  return withScrubbedErrors(handlers);
}

/** The model the camera runs or would run, as cameras/model-resolver.ts decides it (without loading anything). */
function chosenModel(ctx: EngineContext, c: Camera): CameraStatusDto['chosen'] {
  if (c.modelId) return { modelId: c.modelId, versionNumber: c.modelVersion, how: 'pinned' };
  const deployed = resolveDeployedModel(ctx.db, c.cameraId);
  if (!deployed) return { modelId: null, versionNumber: null, how: 'default' };
  return { modelId: deployed.modelId, versionNumber: deployed.versionNumber, how: deployed.role === 'canary' ? 'canary' : deployed.cameraId === null ? 'site' : 'camera' };
}

function idleHealth(cameraId: string, name: string, enabled: boolean): CameraHealthDto {
  const none = { inputFps: null, processedFps: null, droppedFrames: null, inferenceLatencyMs: null, reconnectCount: null, lastFrameAt: null, sampledAt: null };
  return { cameraId, name, state: 'stopped', reason: enabled ? 'stopped' : 'disabled', ...none };
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
