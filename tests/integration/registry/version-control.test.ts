import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { validateInput } from '../../../src/shared/validate';
import { createRepositories } from '../../../src/engine/db/repositories';
import { DEFAULT_MODEL_ID, ensureDefaultModel } from '../../../src/engine/registry/ensure-model';
import { compareSemver, nextPatchVersion, parseSemver } from '../../../src/engine/registry/semver';
import { EventBus } from '../../../src/engine/wiring/event-bus';
import { modelHandlers } from '../../../src/engine/handlers/model-handlers';
import { MODEL_PATH, openTestRegistry, requireAssets, SAMPLE_IMAGE, withExtraMetadata, type TestRegistry } from './registry-helpers';

beforeAll(() => requireAssets(MODEL_PATH, SAMPLE_IMAGE));

async function importVariant(t: TestRegistry, tag: string, extra: { version?: string; branch?: string }): Promise<string> {
  const file = join(t.dir, `${tag}.onnx`);
  writeFileSync(file, withExtraMetadata(readFileSync(MODEL_PATH), 'footfall_variant', tag));
  return (await t.registry.importModel({ path: file, modelId: DEFAULT_MODEL_ID, changelog: tag, ...extra })).version.versionNumber;
}

describe('version control: parents, branches, merges, reviews', () => {
  it('records every version with its parent, keeps branches apart, merges with a fresh review', async () => {
    const t = openTestRegistry();
    await ensureDefaultModel(t.db, MODEL_PATH);
    const repos = createRepositories(t.db);

    const main1 = await importVariant(t, 'main-1', {});
    expect(main1).toBe('8.0.1');
    const branch = t.registry.createBranch({ modelId: DEFAULT_MODEL_ID, name: 'night-shift', baseVersion: '8.0.1', purpose: 'experiment', description: 'darker footage', createdByName: 'minh' });
    expect(branch).toMatchObject({ name: 'night-shift', fullName: `${DEFAULT_MODEL_ID}/night-shift`, baseVersion: '8.0.1', status: 'active', purpose: 'experiment' });
    expect(() => t.registry.createBranch({ modelId: DEFAULT_MODEL_ID, name: 'night-shift', baseVersion: '8.0.0' })).toThrow(expect.objectContaining({ code: 'BRANCH_EXISTS' }));
    expect(() => t.registry.createBranch({ modelId: DEFAULT_MODEL_ID, name: 'x', baseVersion: '7.0.0' })).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }));

    const night1 = await importVariant(t, 'night-1', { version: '8.1.0-night.1', branch: 'night-shift' });
    const night2 = await importVariant(t, 'night-2', { version: '8.1.0-night.2', branch: 'night-shift' });
    await expect(importVariant(t, 'lost', { branch: 'no-such-branch' })).rejects.toMatchObject({ code: 'BRANCH_NOT_FOUND' });

    const commits = repos.versionControl.listCommits(DEFAULT_MODEL_ID);
    const of = (v: string) => commits.find((c) => c.versionNumber === v)!;
    expect(of('8.0.1')).toMatchObject({ parentVersion: '8.0.0', branchName: `${DEFAULT_MODEL_ID}/main` });
    expect(of(night1)).toMatchObject({ parentVersion: '8.0.1', branchName: `${DEFAULT_MODEL_ID}/night-shift` });
    expect(of(night2)).toMatchObject({ parentVersion: night1, branchName: `${DEFAULT_MODEL_ID}/night-shift` });

    // Approved on the branch...
    t.registry.review({ modelId: DEFAULT_MODEL_ID, version: night2, decision: 'approved', reviewer: 'lan' });
    // ...but adopting it on main is a new change that needs its own review before deployment.
    const merged = t.registry.merge({ modelId: DEFAULT_MODEL_ID, branch: 'night-shift', summary: 'night model is better after 18:00', authorName: 'Minh' });
    expect(merged.branch).toMatchObject({ status: 'merged', mergedTo: 'main', mergedAt: expect.any(String) });
    expect(merged.commit).toMatchObject({
      versionNumber: night2,
      parentVersion: '8.0.1',
      branch: 'main',
      message: "Merge branch 'night-shift' into 'main'",
      summary: 'night model is better after 18:00',
      reviewStatus: 'pending',
      authorName: 'Minh',
    });
    expect(merged.commit.details).toMatchObject({ kind: 'merge', mergedFrom: 'night-shift', versionsOnBranch: [night1, night2] });
    await expect(t.registry.promote({ modelId: DEFAULT_MODEL_ID, version: night2 })).rejects.toMatchObject({ code: 'REVIEW_REQUIRED' });
    expect(() => t.registry.merge({ modelId: DEFAULT_MODEL_ID, branch: 'night-shift' })).toThrow(expect.objectContaining({ code: 'BRANCH_NOT_ACTIVE' }));

    const rejected = t.registry.review({ modelId: DEFAULT_MODEL_ID, version: night2, decision: 'rejected', reviewer: 'lan', notes: 'misses people in shadow' });
    expect(rejected).toMatchObject({ reviewStatus: 'rejected', reviewedBy: 'lan', reviewNotes: 'misses people in shadow', reviewedAt: expect.any(String) });
    await expect(t.registry.promote({ modelId: DEFAULT_MODEL_ID, version: night2 })).rejects.toMatchObject({ code: 'REVIEW_REJECTED' });
    expect(repos.users.getByUsername('lan')).toMatchObject({ role: 'technician' });

    const shown = t.registry.show(DEFAULT_MODEL_ID);
    expect(shown.branches.map((b) => [b.name, b.status])).toEqual([
      ['main', 'active'],
      ['night-shift', 'merged'],
    ]);
    expect(shown.versions.map((v) => [v.versionNumber, v.reviewStatus])).toEqual(
      expect.arrayContaining([
        ['8.0.0', 'approved'],
        ['8.0.1', 'pending'],
        [night2, 'rejected'],
      ]),
    );
  });
});

describe('the contract', () => {
  it('validates models:* inputs at the boundary and the handlers answer with DTOs', async () => {
    expect(validateInput('models:promote', { modelId: 'a', version: '1.0.0', cameraId: null, through: 'canary' }).ok).toBe(true);
    expect(validateInput('models:promote', { modelId: 'A B', version: '1.0.0' }).ok).toBe(false);
    expect(validateInput('models:promote', { modelId: 'a', version: '1.0.0', through: 'staging' }).ok).toBe(false);
    expect(validateInput('models:rollback', { reason: '   ' }).ok).toBe(false);
    expect(validateInput('models:review', { modelId: 'a', version: '1.0.0', decision: 'approved', reviewer: 'lan', extra: 1 }).ok).toBe(false);
    const parsed = validateInput('models:rollback', { reason: 'bad counts' });
    expect(parsed).toMatchObject({ ok: true, value: { modelType: 'detection', reason: 'bad counts' } });

    const t = openTestRegistry();
    await ensureDefaultModel(t.db, MODEL_PATH);
    const handlers = modelHandlers({ db: t.db, repos: createRepositories(t.db), events: new EventBus(), host: 'serve', dbPath: t.dbPath });
    expect(await handlers['models:deployments']({})).toMatchObject([{ cameraId: null, role: 'production', modelId: DEFAULT_MODEL_ID }]);
    const detail = await handlers['models:show']({ modelId: DEFAULT_MODEL_ID });
    expect(detail.model).toMatchObject({ modelId: DEFAULT_MODEL_ID, isProduction: true });
    expect(detail.events[0]).toMatchObject({ eventType: 'promoted' });
    await expect(handlers['models:rollback']({ modelType: 'detection', reason: 'nothing to go back to' })).rejects.toMatchObject({ code: 'NO_PREVIOUS_VERSION' });
  });
});

describe('semantic versions', () => {
  it.each([
    ['1.0.0', '1.0.1', -1],
    ['1.10.0', '1.9.0', 1],
    ['2.0.0-rc.1', '2.0.0', -1],
    ['2.0.0-alpha', '2.0.0-alpha.1', -1],
    ['2.0.0-alpha.2', '2.0.0-alpha.10', -1],
    ['2.0.0-beta', '2.0.0-alpha.10', 1],
    ['1.0.0+build.5', '1.0.0', 0],
  ])('%s vs %s → %i', (a, b, expected) => {
    expect(compareSemver(a, b)).toBe(expected);
  });

  it('parses only MAJOR.MINOR.PATCH[-pre][+build] and picks the next patch release', () => {
    for (const bad of ['1.0', 'v1.0.0', '01.0.0', '1.0.0-', '1.0.0-01', '']) expect(parseSemver(bad)).toBeUndefined();
    expect(nextPatchVersion([])).toBe('1.0.0');
    expect(nextPatchVersion(['1.0.0', '1.2.3', '1.10.0'])).toBe('1.10.1');
    expect(nextPatchVersion(['1.0.0', '2.0.0-rc.1'])).toBe('2.0.0');
  });
});
