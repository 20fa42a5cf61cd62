/**
 * Shadow experiments through the real command line on a real recording (vtest.avi) with the real
 * default model: an A/A test (the challenger is the production version itself) finds no
 * difference and never recommends deploying; a challenger derived with a 0.85 detection threshold
 * misses people and is kept out. The JSON fields checked are the contract.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src/engine/db/open-database';
import { defaultModelPath } from '../../../src/engine/paths';
import { runCli } from '../pipeline/cli-runner';

const VTEST = join(import.meta.dirname, '../../fixtures/media/vtest.avi');
const LINE = '600,150,600,450';
const BASELINE = 'yolov8n-coco@8.0.0';
// The whole recording at 5 frames a second (about 400 frames, 27 intervals of 3 s, some thirty
// crossings): enough intervals with crossings for the always-valid test to decide, short enough
// for two models on two cores.
const RUN = ['--source', VTEST, '--line', LINE, '--fps', '5', '--json'];
const TIMEOUT = 600_000;

interface StatusJson {
  status: string;
  arms: Array<{ role: string; ref: string; frames: number; in: number; out: number; latencyMs: number; precision: number | null; recall: number | null; f1: number | null }>;
  comparison: { metric: string; difference: number; ci: [number, number]; pValue: number; significant: boolean };
  srm: { pValue: number; ok: boolean } | null;
  recommendation: string;
  reason: string;
}

function json<T>(r: { code: number | null; stdout: string; stderr: string }): T {
  expect(r.stderr).not.toMatch(/Error:|at .*\.ts:/);
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout) as T;
}

describe.skipIf(!existsSync(defaultModelPath()))('experiments on the command line (real recording, real model)', () => {
  let dir: string;
  let db: string;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'footfall-exp-cli-'));
    db = join(dir, 'footfall.db');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  async function shadowAgainst(challenger: string, name: string): Promise<{ id: string; status: StatusJson }> {
    const created = json<{ experimentId: string; mode: string; baselineRef: string; challengerRef: string; status: string }>(
      await runCli(['experiments', 'create', '--db', db, '--name', name, '--baseline', BASELINE, '--challenger', challenger, '--mode', 'shadow', '--min-samples', '200', '--interval', '3', '--json']),
    );
    expect(created).toMatchObject({ mode: 'shadow', baselineRef: BASELINE, challengerRef: challenger, status: 'draft' });
    const run = json<{ frames: number; status: StatusJson }>(await runCli(['experiments', 'run', '--db', db, '--id', created.experimentId, ...RUN], { timeoutMs: TIMEOUT }));
    expect(run.frames).toBeGreaterThan(390);
    const status = json<StatusJson>(await runCli(['experiments', 'status', '--db', db, '--id', created.experimentId, '--json']));
    return { id: created.experimentId, status };
  }

  it(
    'an A/A shadow test: both arms see every frame, count alike, no significant difference, not deploy_challenger',
    async () => {
      const { status } = await shadowAgainst(BASELINE, 'A/A');
      expect(status.status).toBe('running');
      const [b, c] = status.arms;
      expect(b).toMatchObject({ role: 'baseline', ref: BASELINE });
      expect(c).toMatchObject({ role: 'challenger', ref: BASELINE, frames: b!.frames });
      expect(b!.in + b!.out).toBeGreaterThan(3);
      // The same model on the same frames counts the same crossings.
      expect([c!.in, c!.out]).toEqual([b!.in, b!.out]);
      expect(b!.latencyMs).toBeGreaterThan(0);
      expect(status.comparison.significant).toBe(false);
      expect(status.comparison.difference).toBe(0);
      expect(status.comparison.ci[0]).toBeLessThanOrEqual(0);
      expect(status.comparison.ci[1]).toBeGreaterThanOrEqual(0);
      expect(status.srm).toBeNull();
      expect(status.recommendation).not.toBe('deploy_challenger');
      expect(status.reason.length).toBeGreaterThan(20);
    },
    TIMEOUT,
  );

  it(
    'a challenger derived with a 0.85 threshold misses people: keep_baseline, with the shortfall in the reason',
    async () => {
      const derived = json<{ ref: string; parentRef: string; kind: string }>(
        await runCli(['models', 'derive', 'yolov8n-coco', '8.0.0', '--db', db, '--conf-threshold', '0.85', '--json'], { timeoutMs: TIMEOUT }),
      );
      expect(derived.parentRef).toBe(BASELINE);
      const { id, status } = await shadowAgainst(derived.ref, 'strict threshold');
      const [b, c] = status.arms;
      expect(c!.in + c!.out).toBeLessThan(b!.in + b!.out);
      expect(status.comparison.difference).toBeLessThan(0);
      expect(status.recommendation).toBe('keep_baseline');
      expect(status.reason).toMatch(/fewer/);
      // The shadow comparison is also in the seed's comparison table, and the conclusion is recorded.
      const concluded = json<{ recommendation: string; pipeline: unknown }>(await runCli(['experiments', 'conclude', '--db', db, '--id', id, '--json']));
      expect(concluded).toMatchObject({ recommendation: 'keep_baseline', pipeline: null });
      const refused = await runCli(['experiments', 'conclude', '--db', db, '--id', id, '--rollout', '--json']);
      expect(refused.code).not.toBe(0);
      const sqlite = openDatabase(db, { readonly: true });
      try {
        const rows = sqlite.prepare('SELECT group_name, sample_size FROM ab_testing_results WHERE experiment_id = ?').all(id) as Array<{ group_name: string; sample_size: number }>;
        const frames = (g: string): number => rows.filter((r) => r.group_name === g).reduce((s, r) => s + r.sample_size, 0);
        expect(frames('challenger')).toBe(frames('baseline'));
        expect(frames('challenger')).toBeGreaterThan(390);
        const conclusion = sqlite.prepare('SELECT recommendation, conclusion_reason FROM ab_testing_conclusions WHERE experiment_id = ?').all(id);
        expect(conclusion).toHaveLength(1);
        const experiment = sqlite.prepare('SELECT experiment_status, traffic_split_method FROM ab_testing_experiments WHERE experiment_id = ?').get(id);
        expect(experiment).toEqual({ experiment_status: 'completed', traffic_split_method: 'random' });
        const comparison = sqlite.prepare('SELECT count(*) AS n FROM model_comparison_metrics').get() as { n: number };
        expect(comparison.n).toBeGreaterThanOrEqual(2);
      } finally {
        sqlite.close();
      }
    },
    TIMEOUT,
  );
});
