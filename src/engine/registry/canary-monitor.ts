/**
 * Watches the canaries that are on cameras (pipelines 'running' at the canary stage, started by
 * this engine or by the CLI on the same database) and moves them on by themselves:
 * - every `intervalMs` (default 60 s) each waiting canary's guards are checked from stored data
 *   (canary-data.ts → canary-guard.ts) by continuing its pipeline (promote(), the one code path);
 * - a breached guard fails the canary stage and rolls the canary back (its cameras return to their
 *   production version; 'stage_failed' and 'rolled_back' events say why, in words);
 * - once the canary's time is over with the guards held, the pipeline goes on to production (or
 *   stops after the canary when its last call asked only for that);
 * - after any change, `onChange` (the engine: CameraManager.refreshModels) applies it to the
 *   running cameras at once.
 * tick() is public so tests drive it with a fake clock, without timers or sleeps.
 */
import type { Logger } from '../log';
import { promote, waitingCanaries, type PromoteOutcome } from './deployment-pipeline';
import type { RegistryContext } from './registry-context';

export interface CanaryMonitorOptions {
  /** How often the guards are checked (default 60 s). */
  intervalMs?: number;
  /** The clock (ms since the epoch); default Date.now. */
  now?: () => number;
  /** Called after a tick changed a deployment (rolled back, or promoted). */
  onChange?: () => Promise<void> | void;
  log?: Pick<Logger, 'info' | 'warn' | 'error'>;
}

export interface CanaryTickResult {
  pipelineId: string;
  outcome: 'waiting' | 'rolled_back' | 'canary_completed' | 'promoted' | 'failed' | 'error';
  message: string | null;
}

export const DEFAULT_CANARY_CHECK_MS = 60_000;

export class CanaryMonitor {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<CanaryTickResult[]> | null = null;
  private readonly now: () => number;
  private ctx: RegistryContext | null;

  /** `registry` may be a factory: the engine builds the registry context on first use. */
  constructor(
    private readonly registry: RegistryContext | (() => RegistryContext),
    private readonly o: CanaryMonitorOptions = {},
  ) {
    this.now = o.now ?? Date.now;
    this.ctx = typeof registry === 'function' ? null : registry;
  }

  private context(): RegistryContext | null {
    if (this.ctx) return this.ctx;
    try {
      this.ctx = (this.registry as () => RegistryContext)();
    } catch {
      // E.g. an in-memory database without a model store: there is no registry to watch.
      return null;
    }
    return this.ctx;
  }

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => void this.tick(), this.o.intervalMs ?? DEFAULT_CANARY_CHECK_MS);
    this.timer.unref();
  }

  /** Stops the timer and waits for a check under way. */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running?.catch(() => undefined);
  }

  /** One check of every waiting canary; never two at once (a second call waits for the first). */
  tick(nowMs?: number): Promise<CanaryTickResult[]> {
    if (this.running) return this.running;
    this.running = this.check(nowMs ?? this.now()).finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async check(nowMs: number): Promise<CanaryTickResult[]> {
    const results: CanaryTickResult[] = [];
    const ctx = this.context();
    if (!ctx) return results;
    for (const { pipeline, request } of waitingCanaries(ctx)) {
      let outcome: PromoteOutcome;
      try {
        outcome = await promote(ctx, request, { now: () => nowMs });
      } catch (err) {
        // E.g. the version's review was revoked: the canary stays; the error is logged each check.
        const message = err instanceof Error ? err.message : String(err);
        this.o.log?.warn({ pipelineId: pipeline.pipelineId, err: message }, 'canary check failed');
        results.push({ pipelineId: pipeline.pipelineId, outcome: 'error', message });
        continue;
      }
      results.push(this.describe(outcome));
    }
    if (results.some((r) => r.outcome !== 'waiting' && r.outcome !== 'error')) {
      try {
        await this.o.onChange?.();
      } catch (err) {
        this.o.log?.error({ err }, 'applying a canary change to the cameras failed');
      }
    }
    return results;
  }

  private describe(o: PromoteOutcome): CanaryTickResult {
    const pipelineId = o.pipeline.pipelineId;
    if (o.failed) {
      const outcome = o.failed.stage === 'canary' && o.failed.code === 'CANARY_GUARD_BREACHED' ? 'rolled_back' : 'failed';
      this.o.log?.warn({ pipelineId, stage: o.failed.stage, code: o.failed.code }, o.failed.message);
      return { pipelineId, outcome, message: o.failed.message };
    }
    if (o.pipeline.pipelineStatus === 'completed') {
      this.o.log?.info({ pipelineId }, 'canary held its guards; promoted to production');
      return { pipelineId, outcome: 'promoted', message: null };
    }
    if (o.pipeline.currentStage === 'canary' && o.pipeline.stageStatus === 'completed') {
      this.o.log?.info({ pipelineId }, 'canary held its guards; waiting for a call to continue to production');
      return { pipelineId, outcome: 'canary_completed', message: null };
    }
    return { pipelineId, outcome: 'waiting', message: null };
  }
}
