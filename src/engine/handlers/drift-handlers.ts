/**
 * `drift:status` (the Health page's drift card) and `drift:check` (score the windows and scan for
 * tampering now): thin over src/engine/drift/drift-service.ts. In the engine `drift:check` goes
 * to the same worker thread as the hourly check (the engine's DriftChecker); the command line,
 * which runs nothing else, checks on its own thread. Same service, same file: same result.
 */
import type { Handlers } from '../../shared/contract';
import type { driftRequests } from '../../shared/requests-drift';
import { AppError } from '../../shared/result';
import { inlineDriftChecker, type DriftChecker } from '../drift/drift-checker';
import { DriftService, readDriftSettings } from '../drift/drift-service';
import type { EngineContext } from '../wiring/engine-context';

type DriftRequestName = keyof typeof driftRequests;

/** What the handlers need of the engine's DriftScheduler (null: none runs, e.g. the CLI). */
export interface DriftScheduleView {
  nextHourlyRunAt(): Date | null;
}

export function driftService(ctx: Pick<EngineContext, 'db' | 'repos'>): DriftService {
  return new DriftService(ctx.db, () => readDriftSettings(ctx.repos.settings));
}

export function driftHandlers(
  ctx: Pick<EngineContext, 'db' | 'repos'>,
  schedule: DriftScheduleView | null,
  now: () => Date = () => new Date(),
  service: DriftService = driftService(ctx),
  checker: DriftChecker = inlineDriftChecker(service),
): Pick<Handlers, DriftRequestName> {
  const known = (cameraId: string | undefined): void => {
    if (cameraId !== undefined && !ctx.repos.cameras.get(cameraId)) throw new AppError('NOT_FOUND', `no camera with id "${cameraId}"`);
  };
  return {
    'drift:status': ({ cameraId, hours }) => {
      known(cameraId);
      const at = now();
      const { windows, alerts } = service.recentRows(at, hours);
      const mine = <T extends { cameraId: string }>(xs: T[]): T[] => (cameraId === undefined ? xs : xs.filter((x) => x.cameraId === cameraId));
      return { now: at.toISOString(), hours, windows: mine(windows), alerts: mine(alerts), nextCheckAt: schedule?.nextHourlyRunAt()?.toISOString() ?? null };
    },
    'drift:check': ({ cameraId, now: at }) => {
      known(cameraId);
      return checker.check({ now: at !== undefined ? new Date(at) : now(), ...(cameraId !== undefined ? { cameraId } : {}) });
    },
  };
}
