import type { Handlers } from '../../shared/contract';
import type { modelRequests } from '../../shared/requests-models';
import { ModelRegistry } from '../registry/model-registry';
import type { EngineContext } from '../wiring/engine-context';

/**
 * Handlers of the model-registry requests declared in src/shared/requests-models.ts. The registry
 * is built on first use: the store folder is derived from the database path (or the
 * `models.store_dir` setting), and an in-memory database without that setting should still open.
 */
export function modelHandlers(ctx: EngineContext): Pick<Handlers, keyof typeof modelRequests> {
  let registry: ModelRegistry | undefined;
  const reg = (): ModelRegistry => (registry ??= ModelRegistry.open(ctx.db, {}, ctx.repos));
  return {
    'models:import': (input) => reg().importModel(input),
    'models:show': ({ modelId }) => reg().show(modelId),
    'models:branch': ({ createdBy, ...input }) => reg().createBranch({ ...input, createdByName: createdBy }),
    'models:merge': (input) => reg().merge(input),
    'models:review': (input) => reg().review(input),
    'models:evaluate': (input) => reg().evaluate(input),
    'models:promote': (input) => reg().promote(input),
    'models:rollback': (input) => reg().rollback(input),
    'models:pipeline': ({ pipelineId }) => reg().pipeline(pipelineId),
    'models:deployments': () => reg().deployments(),
    'models:training': (input) => reg().importTraining(input),
    'models:verify': ({ modelId, version }) => reg().verify(modelId, version),
  };
}
