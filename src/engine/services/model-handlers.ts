import type { Handlers } from '../../shared/contract';
import type { modelRequests } from '../../shared/requests-models';
import type { EngineContext } from './engine-context';

/** Handlers of the model-registry requests declared in src/shared/requests-models.ts. */
export function modelHandlers(_ctx: EngineContext): Pick<Handlers, keyof typeof modelRequests> {
  return {};
}
