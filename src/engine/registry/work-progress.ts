/**
 * How far a long model job (an import, an evaluation) has got, by an id its caller chose, so the
 * dialog that started it can show a real progress bar while the request is still running: it
 * asks `models:progress` with the same id. Polling rather than a pushed event: the answer goes
 * only to whoever knows the id, through the role check every request has, and nothing is sent
 * when no one is watching. Entries live in memory only; a finished one is kept a little while so
 * the last poll sees "done" (or "failed"), then dropped.
 */
import type { ModelWorkProgressDto, ModelWorkStage } from '../../shared/dto-models';

export interface ProgressReport {
  stage: ModelWorkStage;
  done: number | null;
  total: number | null;
}

/** Called by the job at each stage (and, while evaluating, about every frame). */
export type OnProgress = (report: ProgressReport) => void;

export const NO_PROGRESS: OnProgress = () => undefined;

/** Long enough for a poll that was in flight when the job ended. */
const KEEP_FINISHED_MS = 2 * 60_000;
/** A bound on memory if callers never poll: the oldest entries go first. */
const MAX_ENTRIES = 100;

export class WorkProgress {
  private readonly entries = new Map<string, { dto: ModelWorkProgressDto; finishedAt: number | null }>();

  constructor(private readonly now: () => number = Date.now) {}

  /** Runs `job` with a reporter for `progressId` (none when no id was given) and records its end. */
  async track<T>(progressId: string | undefined, work: ModelWorkProgressDto['work'], job: (report: OnProgress) => Promise<T>): Promise<T> {
    if (progressId === undefined) return job(NO_PROGRESS);
    this.prune(1);
    const unit: ModelWorkProgressDto['unit'] = work === 'import' ? 'steps' : 'frames';
    const startedAt = new Date(this.now()).toISOString();
    let last: ProgressReport = { stage: 'starting', done: null, total: null };
    const put = (report: ProgressReport, finished: boolean) => {
      last = report;
      const dto: ModelWorkProgressDto = { progressId, work, unit, ...report, finished, startedAt, updatedAt: new Date(this.now()).toISOString() };
      this.entries.delete(progressId); // re-inserted last: the map stays in age order for prune()
      this.entries.set(progressId, { dto, finishedAt: finished ? this.now() : null });
    };
    put(last, false);
    try {
      const result = await job((report) => put(report, false));
      put({ stage: 'done', done: last.total ?? last.done, total: last.total }, true);
      return result;
    } catch (err) {
      put({ stage: 'failed', done: last.done, total: last.total }, true);
      throw err;
    }
  }

  get(progressId: string): ModelWorkProgressDto | null {
    this.prune();
    return this.entries.get(progressId)?.dto ?? null;
  }

  /** Drops finished entries past their time, and the oldest while `room` new ones would not fit. */
  private prune(room = 0): void {
    const now = this.now();
    for (const [id, e] of this.entries) if (e.finishedAt !== null && now - e.finishedAt > KEEP_FINISHED_MS) this.entries.delete(id);
    while (this.entries.size > 0 && this.entries.size + room > MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value!);
  }
}
