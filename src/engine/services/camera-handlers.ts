import type { Handlers } from '../../shared/contract';
import type { cameraRequests } from '../../shared/requests-cameras';
import type { EngineContext } from './engine-context';

/** Handlers of the camera-domain requests declared in src/shared/requests-cameras.ts. */
export function cameraHandlers(_ctx: EngineContext): Pick<Handlers, keyof typeof cameraRequests> {
  return {};
}
