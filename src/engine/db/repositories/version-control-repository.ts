import type { Statement } from 'better-sqlite3';
import { nowIso } from '../../../shared/timestamps';
import type { JsonValue } from '../json-column';
import type { SqliteDatabase } from '../open-database';
import type { BranchStatus, ReviewStatus } from '../../../shared/enums';
import { col, TableMapper } from '../table-mapper';
import { fieldsExcept, TableStore, type NewRow } from '../table-store';

/** A row of model_version_control: one recorded change to a model. */
export interface ModelCommit {
  id: number;
  modelId: string | null;
  versionNumber: string;
  parentVersion: string | null;
  branchName: string | null;
  commitHash: string | null;
  commitMessage: string | null;
  changesSummary: string | null;
  changesDetails: JsonValue | null;
  filesChanged: number | null;
  linesAdded: number | null;
  linesDeleted: number | null;
  authorName: string | null;
  authorEmail: string | null;
  commitTimestamp: string | null;
  reviewStatus: ReviewStatus | null;
  reviewedBy: number | null;
  reviewedAt: string | null;
  reviewNotes: string | null;
  createdAt: string;
}

export interface ModelBranch {
  id: number;
  branchName: string;
  baseVersion: string;
  branchDescription: string | null;
  branchPurpose: string | null;
  branchStatus: BranchStatus | null;
  createdBy: number | null;
  createdAt: string;
  mergedAt: string | null;
  mergedTo: string | null;
}

export type NewModelCommit = NewRow<ModelCommit, 'modelId' | 'versionNumber', 'id'>;
export type NewModelBranch = NewRow<ModelBranch, 'branchName' | 'baseVersion', 'id'>;
export type ModelBranchPatch = Partial<Omit<ModelBranch, 'id' | 'branchName' | 'createdAt'>>;

export interface Review {
  status: ReviewStatus;
  reviewedBy: number | null;
  notes?: string | null;
  at?: string;
}

export const modelCommitMapper = new TableMapper<ModelCommit>('model_version_control', {
  id: col.integer('id'),
  modelId: col.text('model_id'),
  versionNumber: col.text('version_number'),
  parentVersion: col.text('parent_version'),
  branchName: col.text('branch_name'),
  commitHash: col.text('commit_hash'),
  commitMessage: col.text('commit_message'),
  changesSummary: col.text('changes_summary'),
  changesDetails: col.json('changes_details'),
  filesChanged: col.integer('files_changed'),
  linesAdded: col.integer('lines_added'),
  linesDeleted: col.integer('lines_deleted'),
  authorName: col.text('author_name'),
  authorEmail: col.text('author_email'),
  commitTimestamp: col.text('commit_timestamp'),
  reviewStatus: col.text('review_status'),
  reviewedBy: col.integer('reviewed_by'),
  reviewedAt: col.text('reviewed_at'),
  reviewNotes: col.text('review_notes'),
  createdAt: col.text('created_at'),
});

export const modelBranchMapper = new TableMapper<ModelBranch>('model_branches', {
  id: col.integer('id'),
  branchName: col.text('branch_name'),
  baseVersion: col.text('base_version'),
  branchDescription: col.text('branch_description'),
  branchPurpose: col.text('branch_purpose'),
  branchStatus: col.text('branch_status'),
  createdBy: col.integer('created_by'),
  createdAt: col.text('created_at'),
  mergedAt: col.text('merged_at'),
  mergedTo: col.text('merged_to'),
});

/** Model history (model_version_control) and branches (model_branches). */
export class VersionControlRepository {
  private readonly commits: TableStore<ModelCommit, 'id'>;
  private readonly branches: TableStore<ModelBranch, 'branchName'>;
  private readonly commitsForModel: Statement;
  private readonly branchesByStatus: Statement;

  constructor(db: SqliteDatabase) {
    this.commits = new TableStore(db, modelCommitMapper, {
      key: 'id',
      insertable: fieldsExcept(modelCommitMapper.columns, ['id']),
      updatable: ['reviewStatus', 'reviewedBy', 'reviewedAt', 'reviewNotes'],
    });
    this.branches = new TableStore(db, modelBranchMapper, {
      key: 'branchName',
      insertable: fieldsExcept(modelBranchMapper.columns, ['id']),
      updatable: fieldsExcept(modelBranchMapper.columns, ['id', 'branchName', 'createdAt']),
    });
    this.commitsForModel = db.prepare('SELECT * FROM model_version_control WHERE model_id = ? ORDER BY created_at DESC, id DESC');
    this.branchesByStatus = db.prepare('SELECT * FROM model_branches WHERE (@status IS NULL OR branch_status = @status) ORDER BY branch_name');
  }

  recordCommit(commit: NewModelCommit): ModelCommit {
    return this.commits.insert(commit);
  }

  getCommit(id: number): ModelCommit | undefined {
    return this.commits.get(id);
  }

  /** Newest first. */
  listCommits(modelId: string): ModelCommit[] {
    return this.commitsForModel.all(modelId).map((r) => modelCommitMapper.fromRow(r));
  }

  review(id: number, review: Review): ModelCommit {
    return this.commits.update(id, {
      reviewStatus: review.status,
      reviewedBy: review.reviewedBy,
      reviewNotes: review.notes ?? null,
      reviewedAt: review.at ?? nowIso(),
    });
  }

  createBranch(branch: NewModelBranch): ModelBranch {
    return this.branches.insert(branch);
  }

  getBranch(branchName: string): ModelBranch | undefined {
    return this.branches.get(branchName);
  }

  listBranches(status?: BranchStatus): ModelBranch[] {
    return this.branchesByStatus.all({ status: status ?? null }).map((r) => modelBranchMapper.fromRow(r));
  }

  updateBranch(branchName: string, patch: ModelBranchPatch): ModelBranch {
    return this.branches.update(branchName, patch);
  }

  mergeBranch(branchName: string, into: string, at: string = nowIso()): ModelBranch {
    return this.branches.update(branchName, { branchStatus: 'merged', mergedTo: into, mergedAt: at });
  }
}
