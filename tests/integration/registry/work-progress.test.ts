/**
 * Long model jobs report honest progress (issue 12: "long work shows progress"): a real import
 * walks its steps in order, a real evaluation of shop footage counts its frames up to the
 * recording's total, and `models:progress` (WorkProgress.get) answers with it while the job's own
 * request is still running — what the Models page's dialogs poll.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { ModelWorkProgressDto } from '../../../src/shared/dto-models';
import { DEFAULT_MODEL_ID, DEFAULT_MODEL_VERSION, ensureDefaultModel } from '../../../src/engine/registry/ensure-model';
import { IMPORT_STEPS } from '../../../src/engine/registry/import-model';
import { WorkProgress, type ProgressReport } from '../../../src/engine/registry/work-progress';
import { MODEL_PATH, openTestRegistry, requireAssets, SAMPLE_IMAGE, VTEST } from './registry-helpers';

const TRUTH = new URL('./fixtures/vtest-door-truth.json', import.meta.url).pathname;

beforeAll(() => requireAssets(MODEL_PATH, SAMPLE_IMAGE, VTEST));

/** Asks for `id` every few milliseconds while `job` runs, as the dialog does; returns every answer. */
async function polled<T>(work: WorkProgress, id: string, job: Promise<T>): Promise<{ result: T; seen: ModelWorkProgressDto[] }> {
  const seen: ModelWorkProgressDto[] = [];
  const timer = setInterval(() => {
    const p = work.get(id);
    if (p) seen.push(p);
  }, 5);
  try {
    const result = await job;
    const last = work.get(id);
    if (last) seen.push(last);
    return { result, seen };
  } finally {
    clearInterval(timer);
  }
}

const nonDecreasing = (xs: number[]): boolean => xs.every((x, i) => i === 0 || x >= xs[i - 1]!);

describe('progress of long model jobs', () => {
  it('an import reports its steps in order, ending done with every step counted', async () => {
    const t = openTestRegistry();
    const work = new WorkProgress();
    const reports: ProgressReport[] = [];
    const { result, seen } = await polled(
      work,
      'import-progress-1',
      work.track('import-progress-1', 'import', (progress) =>
        t.registry.importModel({ path: MODEL_PATH }, (r) => {
          reports.push(r);
          progress(r);
        }),
      ),
    );
    expect(result.status).toBe('imported');
    expect(reports.map((r) => r.stage)).toEqual(['waiting', 'reading', 'verifying', 'copying', 'validating', 'storing']);
    expect(reports.every((r) => r.total === IMPORT_STEPS)).toBe(true);
    expect(nonDecreasing(reports.map((r) => r.done!))).toBe(true);
    expect(work.get('import-progress-1')).toMatchObject({ work: 'import', unit: 'steps', stage: 'done', done: IMPORT_STEPS, total: IMPORT_STEPS, finished: true });
    // The model check (a real inference) takes long enough to be seen from outside while it runs.
    expect(seen.some((p) => !p.finished && p.stage === 'validating')).toBe(true);
  });

  it('an evaluation counts its frames up to the recording’s total while the request runs', async () => {
    const t = openTestRegistry();
    await ensureDefaultModel(t.db, MODEL_PATH);
    const work = new WorkProgress();
    const { result, seen } = await polled(
      work,
      'evaluation-progress-1',
      work.track('evaluation-progress-1', 'evaluation', (progress) =>
        t.registry.evaluate({ modelId: DEFAULT_MODEL_ID, version: DEFAULT_MODEL_VERSION, source: VTEST, truthPath: TRUTH }, progress),
      ),
    );
    expect(result.frames).toBe(60);
    const running = seen.filter((p) => !p.finished && p.stage === 'evaluating');
    // Seen several times mid-run, each time further along, always of the 60 frames the truth covers.
    const counts = [...new Set(running.map((p) => p.done!))];
    expect(counts.length).toBeGreaterThan(2);
    expect(nonDecreasing(running.map((p) => p.done!))).toBe(true);
    expect(running.every((p) => p.total === 60 && p.unit === 'frames')).toBe(true);
    expect(counts.some((n) => n > 0 && n < 60)).toBe(true);
    const stages = seen.map((p) => p.stage).filter((s, i, all) => i === 0 || s !== all[i - 1]);
    expect(stages[stages.length - 1]).toBe('done');
    expect(stages.indexOf('evaluating')).toBeLessThan(stages.indexOf('done'));
    expect(work.get('evaluation-progress-1')).toMatchObject({ stage: 'done', done: 60, total: 60, finished: true });
  });

  it('a failed job ends "failed"; an unknown id has no progress; no id reports nothing', async () => {
    const t = openTestRegistry();
    const work = new WorkProgress();
    await expect(work.track('failing-job-1', 'evaluation', (p) => t.registry.evaluate({ modelId: 'nope', version: '1.0.0', source: VTEST, truthPath: TRUTH }, p))).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    expect(work.get('failing-job-1')).toMatchObject({ stage: 'failed', finished: true });
    expect(work.get('never-started')).toBeNull();
    await work.track(undefined, 'import', async (p) => p({ stage: 'reading', done: 0, total: 5 }));
    expect(work.get('undefined')).toBeNull();
  });

  it('forgets finished jobs after a while', async () => {
    let now = 1_000_000;
    const work = new WorkProgress(() => now);
    await work.track('short-job-1', 'import', async () => undefined);
    expect(work.get('short-job-1')?.finished).toBe(true);
    now += 10 * 60_000;
    expect(work.get('short-job-1')).toBeNull();
  });
});
