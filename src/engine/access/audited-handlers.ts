/**
 * Wraps the engine's handlers so that every change is recorded with its user, in one place:
 * an audit_log row (who, when, what, before/after, sanitised) for every request that changes
 * something, and the who-columns the registry code does not know about (deployments and their
 * events, imported models) stamped with the caller's user id. Requests of the access domain
 * (auth:*, users:*, audit:*) record themselves in access-service.ts.
 */
import type { Handlers, RequestName } from '../../shared/contract';
import type { Caller } from '../../shared/roles';
import { requiredRole } from '../../shared/contract';
import type { AccessService } from './access-service';

/** Requests that only read, though they need more than a viewer. */
const READ_ONLY: ReadonlySet<RequestName> = new Set<RequestName>(['cameras:test', 'cameras:devices', 'cameras:frame', 'recordings:list', 'models:verify', 'models:progress', 'backup:list', 'retention:preview']);

function isChange(name: RequestName): boolean {
  if (/^(auth|users|audit):/.test(name)) return false;
  const role = requiredRole(name);
  return role !== 'viewer' && role !== 'public' && !READ_ONLY.has(name);
}

type Snapshot = (input: Record<string, unknown>, handlers: Handlers) => Promise<unknown> | unknown;

async function quiet(fn: () => Promise<unknown> | unknown): Promise<unknown> {
  try {
    return await fn();
  } catch {
    return null;
  }
}

const cameraBefore: Snapshot = (input, h) => quiet(() => h['cameras:get']({ cameraId: String(input.cameraId) }));
const deployments: Snapshot = (_input, h) => quiet(() => h['models:deployments']({}));
const setting: Snapshot = async (input, h) => ((await quiet(() => h['settings:list']({}))) as Array<{ key: string }> | null)?.find((s) => s.key === input.key) ?? null;

/** What each change looked like before it ran (after: the reply, or the same snapshot again). */
const BEFORE: Partial<Record<RequestName, Snapshot>> = {
  'cameras:edit': cameraBefore,
  'cameras:setEnabled': cameraBefore,
  'cameras:remove': cameraBefore,
  'settings:set': setting,
  'models:promote': deployments,
  'models:rollback': deployments,
};
const AFTER: Partial<Record<RequestName, Snapshot>> = {
  'models:promote': deployments,
  'models:rollback': deployments,
};

function targetOf(input: Record<string, unknown>): string | null {
  const camera = typeof input.cameraId === 'string' ? `camera ${input.cameraId}` : null;
  if (typeof input.modelId === 'string') {
    const model = typeof input.version === 'string' ? `model ${input.modelId}@${input.version}` : `model ${input.modelId}`;
    return camera ? `${model} on ${camera}` : model;
  }
  if (camera) return camera;
  if (typeof input.key === 'string') return `setting ${input.key}`;
  if (typeof input.pipelineId === 'string') return `pipeline ${input.pipelineId}`;
  return null;
}

export function auditedHandlers(handlers: Handlers, access: AccessService): Handlers {
  const db = access.database;
  const stampPipeline = db.prepare('UPDATE camera_model_deployments SET deployed_by = @user WHERE pipeline_id = @pipeline');
  const stampPipelineEvents = db.prepare('UPDATE model_deployment_events SET user_id = @user WHERE pipeline_id = @pipeline AND user_id IS NULL');
  const stampEvent = db.prepare('UPDATE model_deployment_events SET user_id = @user WHERE id = @id AND user_id IS NULL');
  const stampScope = db.prepare(
    "UPDATE camera_model_deployments SET deployed_by = @user WHERE ifnull(camera_id, '') = ifnull(@camera, '') AND model_type = @type AND role = 'production'",
  );
  const stampModel = db.prepare('UPDATE ai_models SET created_by = @user WHERE model_id = @model AND created_by IS NULL');

  /** Who-columns the registry code leaves empty, filled from the reply of a change. */
  function stampWho(name: RequestName, result: unknown, userId: number): void {
    const r = result as Record<string, unknown> | null;
    if (!r || typeof r !== 'object') return;
    if (name === 'models:promote') {
      const pipelineId = (r.pipeline as { pipelineId?: unknown } | undefined)?.pipelineId;
      if (typeof pipelineId === 'string') {
        stampPipeline.run({ user: userId, pipeline: pipelineId });
        stampPipelineEvents.run({ user: userId, pipeline: pipelineId });
      }
    } else if (name === 'models:rollback') {
      const event = r.event as { id?: unknown } | undefined;
      if (typeof event?.id === 'number') stampEvent.run({ user: userId, id: event.id });
      stampScope.run({ user: userId, camera: (r.cameraId as string | null) ?? null, type: r.modelType });
    } else if (name === 'models:import') {
      const model = (r.model as { modelId?: unknown } | undefined)?.modelId;
      if (typeof model === 'string' && r.status === 'imported') stampModel.run({ user: userId, model });
    }
  }

  const wrapped: Record<string, unknown> = { ...handlers };
  for (const name of Object.keys(handlers) as RequestName[]) {
    if (!isChange(name)) continue;
    const inner = handlers[name] as (input: unknown, caller?: Caller) => unknown;
    wrapped[name] = async (input: unknown, caller?: Caller) => {
      const args = (input ?? {}) as Record<string, unknown>;
      const who: Caller = caller ?? { user: null, role: null, transport: 'internal', address: 'internal' };
      const before = await BEFORE[name]?.(args, handlers);
      try {
        const result = await inner(input, caller);
        if (who.user) {
          try {
            db.transaction(() => stampWho(name, result, who.user!.id))();
          } catch {
            // the change stands; its audit row below still names the user
          }
        }
        const after = AFTER[name] ? await AFTER[name]!(args, handlers) : result;
        access.record(who, { action: name, target: targetOf(args), before: before ?? null, after, details: { input: args } });
        return result;
      } catch (err) {
        const code = (err as { code?: unknown }).code;
        access.record(who, {
          action: name,
          target: targetOf(args),
          outcome: 'failed',
          before: before ?? null,
          details: { input: args, error: { code: typeof code === 'string' ? code : 'INTERNAL', message: err instanceof Error ? err.message : String(err) } },
        });
        throw err;
      }
    };
  }
  return wrapped as Handlers;
}
