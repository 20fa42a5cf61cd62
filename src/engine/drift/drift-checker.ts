/**
 * What runs a drift check for the engine (the scheduler and the `drift:check` request): the
 * DriftService on this thread (the command line, an in-memory database) or in a worker thread
 * (drift-worker-checker.ts: the engine). Both run the same DriftService.check over the same file,
 * so their results are the same.
 */
import type { DriftCheckOptions, DriftCheckResult, DriftService } from './drift-service';

export interface DriftChecker {
  check(o: DriftCheckOptions): Promise<DriftCheckResult>;
  close(): Promise<void>;
}

/** On the calling thread: for `drift check` (nothing else runs there) and in-memory databases. */
export function inlineDriftChecker(service: DriftService): DriftChecker {
  return {
    check: async (o) => service.check(o),
    close: async () => {},
  };
}
