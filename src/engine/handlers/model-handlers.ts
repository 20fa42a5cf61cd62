import type { Handlers } from '../../shared/contract';
import { AppError } from '../../shared/result';
import type { Caller } from '../../shared/roles';
import type { modelRequests } from '../../shared/requests-models';
import { ModelRegistry } from '../registry/model-registry';
import type { RegistryOptions } from '../registry/registry-context';
import { WorkProgress } from '../registry/work-progress';
import type { EngineContext } from '../wiring/engine-context';
import { toModelDto, toModelVersionDto } from './dto-mappers';
import { modelLineage, trainingCurves } from './model-lineage';

export type ModelRequestName = keyof typeof modelRequests | 'models:list' | 'models:versions';

/**
 * Handlers of the model requests: the registry requests declared in src/shared/requests-models.ts
 * and the two reads of the app shell (`models:list`, `models:versions`). Every binding (IPC, HTTP,
 * the CLI's `models` commands) runs these through dispatch(). The registry is built on first use:
 * the store folder is derived from the database path (or the `models.store_dir` setting, or
 * `options.storeDir`), and an in-memory database without that setting should still open.
 */
/** A caller signed in through the app (HTTP or the desktop), as opposed to the CLI's owner or in-process code. */
function signedIn(caller: Caller | undefined): boolean {
  return caller?.user !== undefined && caller.user !== null && (caller.transport === 'http' || caller.transport === 'ipc');
}

function by(caller: Caller | undefined, named: string | undefined): string | undefined {
  return signedIn(caller) ? caller!.user!.username : (named ?? caller?.user?.username);
}

export function modelHandlers(ctx: EngineContext, options: RegistryOptions = {}): Pick<Handlers, ModelRequestName> {
  const { repos } = ctx;
  let registry: ModelRegistry | undefined;
  const reg = (): ModelRegistry => (registry ??= ModelRegistry.open(ctx.db, options, repos));
  // Imports and evaluations started with a progressId, for `models:progress` while they run.
  const work = new WorkProgress();
  return {
    'models:list': () => repos.aiModels.list().map(toModelDto),
    'models:versions': ({ modelId }) => {
      if (!repos.aiModels.get(modelId)) throw new AppError('NOT_FOUND', `no model "${modelId}"`);
      return repos.modelVersions.listForModel(modelId).map(toModelVersionDto);
    },
    'models:import': ({ progressId, ...input }) => work.track(progressId, 'import', (progress) => reg().importModel(input, progress)),
    'models:show': ({ modelId }) => reg().show(modelId),
    // A signed-in user is always who created, reviewed or asked for a change (a name in the
    // payload cannot stand in for someone else). The command line runs as the machine's owner,
    // who may record a change on a named person's behalf; the audit log still names the owner.
    'models:branch': ({ createdBy, ...input }, caller) =>
      reg().createBranch({ ...input, ...(signedIn(caller) ? { createdBy: caller!.user!.id } : { createdByName: createdBy ?? caller?.user?.username }) }),
    'models:merge': (input) => reg().merge(input),
    'models:review': ({ reviewer, ...input }, caller) => {
      const name = signedIn(caller) ? caller!.user!.username : (reviewer ?? caller?.user?.username);
      if (!name) throw new AppError('VALIDATION', 'a review needs a reviewer', [{ path: 'reviewer', message: 'required' }]);
      return reg().review({ ...input, reviewer: name });
    },
    'models:evaluate': ({ progressId, ...input }) => work.track(progressId, 'evaluation', (progress) => reg().evaluate(input, progress)),
    'models:progress': ({ progressId }) => ({ progress: work.get(progressId) }),
    'models:promote': (input, caller) => reg().promote({ ...input, requestedBy: by(caller, input.requestedBy) }),
    'models:rollback': (input, caller) => reg().rollback({ ...input, requestedBy: by(caller, input.requestedBy) }),
    'models:pipeline': ({ pipelineId }) => reg().pipeline(pipelineId),
    'models:deployments': () => reg().deployments(),
    'models:training': (input) => reg().importTraining(input),
    'models:verify': ({ modelId, version }) => reg().verify(modelId, version),
    'models:derive': (input, caller) => reg().derive({ ...input, authorName: by(caller, input.authorName) }),
    // Reads of the Models page (issue 12): no registry store needed, only the rows.
    'models:lineage': ({ modelId }) => modelLineage(ctx, modelId),
    'models:trainingCurves': ({ modelId, version }) => trainingCurves(ctx, modelId, version),
  };
}
