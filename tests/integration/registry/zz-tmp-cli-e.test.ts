import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { MODEL_PATH, requireAssets, SAMPLE_IMAGE, tempDir, withExtraMetadata } from './registry-helpers';

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const TSX = join(ROOT, 'node_modules', '.bin', 'tsx');

interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

async function cli(...args: string[]): Promise<CliResult> {
  try {
    const r = await run(TSX, [join(ROOT, 'src/cli/index.ts'), ...args], { cwd: ROOT, maxBuffer: 16 * 1024 * 1024 });
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (err) {
    const e = err as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof e.code === 'number' ? e.code : 1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}

beforeAll(() => requireAssets(MODEL_PATH, SAMPLE_IMAGE));

describe('footfall models … (command line)', () => {
  it('import, list, show, review, branch, merge, promote, pipeline, deployments, rollback, verify with --json', async () => {
    const dir = tempDir();
    const db = join(dir, 'footfall.db');
    const file = join(dir, 'entrance.onnx');
    writeFileSync(file, withExtraMetadata(readFileSync(MODEL_PATH), 'footfall_variant', 'cli'));

    const imported = await cli('models', 'import', file, '--db', db, '--model-id', 'entrance', '--version', '1.0.0', '--sample-image', SAMPLE_IMAGE, '--json');
    expect(imported.code, imported.stderr).toBe(0);
    expect(JSON.parse(imported.stdout)).toMatchObject({ status: 'imported', model: { modelId: 'entrance' }, version: { versionNumber: '1.0.0' }, reviewStatus: 'pending' });
    const again = await cli('models', 'import', file, '--db', db, '--json');
    expect(JSON.parse(again.stdout)).toMatchObject({ status: 'existing' });

    // First start registered the bundled default next to it.
    const list = JSON.parse((await cli('models', 'list', '--db', db, '--json')).stdout) as Array<{ modelId: string; isProduction: boolean }>;
    expect(list.map((m) => [m.modelId, m.isProduction]).sort()).toEqual([
      ['entrance', false],
      ['yolov8n-coco', true],
    ]);

    const notReviewed = await cli('models', 'promote', 'entrance', '1.0.0', '--db', db, '--json');
    expect(notReviewed.code).toBe(1);
    expect(JSON.parse(notReviewed.stderr)).toMatchObject({ error: { code: 'REVIEW_REQUIRED' } });

    const reviewed = await cli('models', 'review', 'entrance', '1.0.0', '--approve', '--reviewer', 'lan', '--notes', 'ok', '--db', db, '--json');
    expect(JSON.parse(reviewed.stdout)).toMatchObject({ reviewStatus: 'approved' });
    expect((await cli('models', 'review', 'entrance', '1.0.0', '--reviewer', 'lan', '--db', db)).code).toBe(2);

    const branch = await cli('models', 'branch', 'entrance', 'night', '--from', '1.0.0', '--purpose', 'experiment', '--db', db, '--json');
    expect(JSON.parse(branch.stdout)).toMatchObject({ name: 'night', baseVersion: '1.0.0', status: 'active' });
    const emptyMerge = await cli('models', 'merge', 'entrance', 'night', '--db', db);
    expect(emptyMerge.code).toBe(1);
    expect(emptyMerge.stderr).toMatch(/no versions to merge \[BRANCH_NOT_ACTIVE\]/);

    const promoted = await cli('models', 'promote', 'entrance', '1.0.0', '--through', 'benchmark', '--benchmark-runs', '1', '--by', 'lan', '--db', db, '--json');
    expect(promoted.code, promoted.stderr).toBe(0);
    const p = JSON.parse(promoted.stdout) as { pipeline: { pipelineId: string; stages: Array<{ status: string }>; pipelineStatus: string } };
    expect(p.pipeline.pipelineStatus).toBe('running');
    expect(p.pipeline.stages.map((s) => s.status)).toEqual(['completed', 'completed', 'pending', 'pending', 'pending']);
    const human = await cli('models', 'pipeline', p.pipeline.pipelineId, '--db', db);
    expect(human.stdout).toMatch(/benchmark\s+completed/);

    const finished = await cli('models', 'promote', 'entrance', '1.0.0', '--db', db, '--json');
    expect(JSON.parse(finished.stdout)).toMatchObject({ pipeline: { pipelineStatus: 'completed' }, deployment: { modelId: 'entrance', cameraId: null } });
    const deployments = JSON.parse((await cli('models', 'deployments', '--db', db, '--json')).stdout) as unknown[];
    expect(deployments).toMatchObject([{ modelId: 'entrance', versionNumber: '1.0.0', role: 'production', cameraId: null }]);

    const rolled = await cli('models', 'rollback', '--reason', 'night counts too low', '--db', db, '--json');
    expect(JSON.parse(rolled.stdout)).toMatchObject({ from: { modelId: 'entrance' }, to: { modelId: 'yolov8n-coco', versionNumber: '8.0.0' }, reason: 'night counts too low' });
    const shown = JSON.parse((await cli('models', 'show', 'entrance', '--db', db, '--json')).stdout) as { pipelines: Array<{ rollbackReason: string }> };
    expect(shown.pipelines[0]!.rollbackReason).toBe('night counts too low');

    expect(JSON.parse((await cli('models', 'verify', 'entrance', '1.0.0', '--db', db, '--json')).stdout)).toMatchObject({ ok: true });
    const missing = await cli('models', 'show', 'nope', '--db', db);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toBe('footfall: no model "nope" [NOT_FOUND]\n');
  });
});
