import type { JsonValue } from '../db/json-column';
import type { ModelBranch, ModelCommit } from '../db/repositories/version-control-repository';
import type { RegistryContext } from './registry-context';
import { RegistryError } from './registry-error';

// Branches in model_branches are global (branch_name is UNIQUE and the table has no model_id), so
// each model's branches are stored as "<modelId>/<branch>": `yolov8n-coco/main`,
// `yolov8n-coco/night-shift`. The CLI and DTOs show the short name.

export const MAIN_BRANCH = 'main';
const BRANCH_RE = /^[a-z0-9][a-z0-9._-]{0,31}$/;

export function branchFullName(modelId: string, branch: string): string {
  if (!BRANCH_RE.test(branch)) {
    throw new RegistryError('BRANCH_NOT_FOUND', `branch name "${branch.slice(0, 40)}" must be 1-32 lowercase letters, digits, '.', '_' or '-'`);
  }
  return `${modelId}/${branch}`;
}

export function shortBranchName(modelId: string, fullName: string | null): string | null {
  if (fullName === null) return null;
  return fullName.startsWith(`${modelId}/`) ? fullName.slice(modelId.length + 1) : fullName;
}

export function branchesOf(ctx: RegistryContext, modelId: string): ModelBranch[] {
  return ctx.repos.versionControl.listBranches().filter((b) => b.branchName.startsWith(`${modelId}/`));
}

/** Newest first. */
export function commitsOf(ctx: RegistryContext, modelId: string): ModelCommit[] {
  return ctx.repos.versionControl.listCommits(modelId);
}

/** The latest recorded change of a version: its review decides whether it may be deployed. */
export function latestCommitFor(ctx: RegistryContext, modelId: string, version: string): ModelCommit | undefined {
  return commitsOf(ctx, modelId).find((c) => c.versionNumber === version);
}

export function branchHead(ctx: RegistryContext, modelId: string, fullBranch: string): ModelCommit | undefined {
  return commitsOf(ctx, modelId).find((c) => c.branchName === fullBranch);
}

/** The model's main branch, created with its first version. */
export function ensureMainBranch(ctx: RegistryContext, modelId: string, baseVersion: string): ModelBranch {
  const name = branchFullName(modelId, MAIN_BRANCH);
  return (
    ctx.repos.versionControl.getBranch(name) ??
    ctx.repos.versionControl.createBranch({
      branchName: name,
      baseVersion,
      branchDescription: `Main line of ${modelId}`,
      branchPurpose: 'mainline',
      branchStatus: 'active',
    })
  );
}

/** The branch a new version goes on; it must exist and be active (main is created on demand). */
export function requireActiveBranch(ctx: RegistryContext, modelId: string, branch: string): ModelBranch | null {
  const name = branchFullName(modelId, branch);
  const row = ctx.repos.versionControl.getBranch(name);
  if (!row) {
    if (branch === MAIN_BRANCH) return null;
    throw new RegistryError('BRANCH_NOT_FOUND', `model ${modelId} has no branch "${branch}"; create it with models branch`);
  }
  if (row.branchStatus !== 'active') throw new RegistryError('BRANCH_NOT_ACTIVE', `branch "${branch}" of ${modelId} is ${row.branchStatus}`);
  return row;
}

export interface CreateBranchRequest {
  modelId: string;
  name: string;
  baseVersion: string;
  purpose?: string;
  description?: string;
  createdBy?: number | null;
}

export function createBranch(ctx: RegistryContext, r: CreateBranchRequest): ModelBranch {
  const fullName = branchFullName(r.modelId, r.name);
  if (!ctx.repos.aiModels.get(r.modelId)) throw new RegistryError('NOT_FOUND', `no model "${r.modelId}"`);
  if (!ctx.repos.modelVersions.find(r.modelId, r.baseVersion)) {
    throw new RegistryError('NOT_FOUND', `model ${r.modelId} has no version ${r.baseVersion} to branch from`);
  }
  if (ctx.repos.versionControl.getBranch(fullName)) throw new RegistryError('BRANCH_EXISTS', `branch "${r.name}" of ${r.modelId} already exists`);
  return ctx.repos.versionControl.createBranch({
    branchName: fullName,
    baseVersion: r.baseVersion,
    branchDescription: r.description ?? null,
    branchPurpose: r.purpose ?? 'experiment',
    branchStatus: 'active',
    createdBy: r.createdBy ?? null,
  });
}

export interface MergeRequest {
  modelId: string;
  branch: string;
  into?: string;
  summary?: string;
  authorName?: string;
  authorEmail?: string;
}

export interface MergeOutcome {
  branch: ModelBranch;
  commit: ModelCommit;
}

/**
 * Adopts a branch's newest version on the target branch: one model_version_control row on the
 * target (parent = the target's previous head) whose review starts over at 'pending', because what
 * was approved for an experiment is not yet approved for the main line.
 */
export function mergeBranch(ctx: RegistryContext, r: MergeRequest): MergeOutcome {
  const into = r.into ?? MAIN_BRANCH;
  if (into === r.branch) throw new RegistryError('BRANCH_NOT_ACTIVE', 'a branch cannot be merged into itself');
  const source = requireActiveBranch(ctx, r.modelId, r.branch);
  if (!source) throw new RegistryError('BRANCH_NOT_FOUND', `model ${r.modelId} has no branch "${r.branch}"`);
  const head = branchHead(ctx, r.modelId, source.branchName);
  if (!head) throw new RegistryError('BRANCH_NOT_ACTIVE', `branch "${r.branch}" has no versions to merge`);
  return ctx.repos.transaction(() => {
    const targetName = branchFullName(r.modelId, into);
    const target = requireActiveBranch(ctx, r.modelId, into) ?? ensureMainBranch(ctx, r.modelId, source.baseVersion);
    const targetHead = branchHead(ctx, r.modelId, target.branchName);
    const onBranch = commitsOf(ctx, r.modelId)
      .filter((c) => c.branchName === source.branchName)
      .map((c) => c.versionNumber)
      .reverse();
    const details: { [key: string]: JsonValue } = {
      kind: 'merge',
      mergedFrom: r.branch,
      mergedInto: into,
      mergedVersion: head.versionNumber,
      branchBase: source.baseVersion,
      previousHead: targetHead?.versionNumber ?? null,
      versionsOnBranch: onBranch,
    };
    const commit = ctx.repos.versionControl.recordCommit({
      modelId: r.modelId,
      versionNumber: head.versionNumber,
      parentVersion: targetHead?.versionNumber ?? source.baseVersion,
      branchName: targetName,
      commitHash: head.commitHash,
      commitMessage: `Merge branch '${r.branch}' into '${into}'`,
      changesSummary: r.summary ?? `Adopt ${head.versionNumber} from ${r.branch}`,
      changesDetails: details,
      filesChanged: 1,
      authorName: r.authorName ?? null,
      authorEmail: r.authorEmail ?? null,
      commitTimestamp: new Date().toISOString(),
      reviewStatus: 'pending',
    });
    const branch = ctx.repos.versionControl.mergeBranch(source.branchName, targetName);
    return { branch, commit };
  });
}

export interface ReviewRequest {
  modelId: string;
  version: string;
  decision: 'approved' | 'rejected';
  reviewer: string;
  notes?: string;
}

/** Reviewers are app users; an unknown name becomes a technician account so the decision has an owner. */
export function reviewerId(ctx: RegistryContext, username: string): number {
  const existing = ctx.repos.users.getByUsername(username);
  if (existing) return existing.id;
  return ctx.repos.users.create({ username, role: 'technician' }).id;
}

export function reviewVersion(ctx: RegistryContext, r: ReviewRequest): ModelCommit {
  const commit = latestCommitFor(ctx, r.modelId, r.version);
  if (!commit) throw new RegistryError('NOT_FOUND', `model ${r.modelId} has no version ${r.version}`);
  return ctx.repos.transaction(() =>
    ctx.repos.versionControl.review(commit.id, { status: r.decision, reviewedBy: reviewerId(ctx, r.reviewer), notes: r.notes ?? null }),
  );
}

/** A version may be deployed only when its latest change was approved. */
export function requireApproved(ctx: RegistryContext, modelId: string, version: string): ModelCommit {
  const commit = latestCommitFor(ctx, modelId, version);
  if (!commit) throw new RegistryError('NOT_FOUND', `model ${modelId} has no version ${version}`);
  if (commit.reviewStatus === 'rejected') throw new RegistryError('REVIEW_REJECTED', `${modelId} ${version} was rejected in review and cannot be deployed`);
  if (commit.reviewStatus !== 'approved') {
    throw new RegistryError('REVIEW_REQUIRED', `${modelId} ${version} must be approved (models review) before it can be deployed`);
  }
  return commit;
}
