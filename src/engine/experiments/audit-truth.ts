/**
 * Audit answers as an experiment's ground truth (issue 13 part 4: "answers … feed experiments as
 * truth"). An operator's answer about a moment on a camera (audits/, migration 0017) is truth for
 * the arm that counted on that camera at that moment: the interval rows whose unit is the camera
 * (live shadows key their intervals by camera id), whose [interval_start, interval_end) holds the
 * item's captured_at, and whose arm is the model version the item was captured from (the
 * baseline's items come from the camera's own counting, the challenger's from the live shadow's
 * own audit capture). TP / FP / FN follow the audit report's rules (audits/audit-scoring.ts).
 *
 * Computed when the status is read, not stored: an answer given (or corrected) after its interval
 * was recorded counts at once, and nothing has to be kept in step. Truth recorded by the run
 * itself (a ground-truth file, `experiments run --truth`) wins over audits for its interval.
 * Two arms of the very same version cannot be told apart: each gets every answer of that version.
 */
import type { SqliteDatabase } from '../db/open-database';
import type { IntervalMetric } from '../db/repositories/ab-experiments-repository';
import { AUDIT_ANSWER_COUNTS_SQL, truthOfAnswers, type AnswerCounts, type AnswerTruth } from '../audits/audit-scoring';

export interface IntervalAuditTruth extends AnswerTruth {
  answers: number;
}

const statements = new WeakMap<SqliteDatabase, ReturnType<SqliteDatabase['prepare']>>();

function query(db: SqliteDatabase): ReturnType<SqliteDatabase['prepare']> {
  let stmt = statements.get(db);
  if (!stmt) {
    // audit_items' partial index (camera_id, model_version, captured_at) WHERE answer IS NOT NULL
    // serves the join: a few items per interval row.
    stmt = db.prepare(`SELECT m.id AS interval_id, ${AUDIT_ANSWER_COUNTS_SQL}
      FROM ab_interval_metrics m
      JOIN ab_testing_experiments e ON e.experiment_id = m.experiment_id
      JOIN ab_experiment_designs d ON d.experiment_id = m.experiment_id
      JOIN audit_items a ON a.answer IS NOT NULL AND a.camera_id = m.unit
        AND a.model_version = CASE m.arm WHEN 'baseline' THEN d.baseline_version ELSE d.challenger_version END
        AND a.model_id IS (CASE m.arm WHEN 'baseline' THEN e.baseline_model_id ELSE e.challenger_model_id END)
        AND a.captured_at >= m.interval_start AND a.captured_at < m.interval_end
      WHERE m.experiment_id = ?
      GROUP BY m.id`);
    statements.set(db, stmt);
  }
  return stmt;
}

/** Audit truth per ab_interval_metrics id of the experiment (intervals without answers absent). */
export function auditTruthByInterval(db: SqliteDatabase, experimentId: string): Map<number, IntervalAuditTruth> {
  const rows = query(db).all(experimentId) as Array<AnswerCounts & { interval_id: number }>;
  return new Map(rows.map((r) => [r.interval_id, { ...truthOfAnswers(r), answers: r.answers }]));
}

/**
 * The interval rows with audit truth filled in where the run recorded none, and how many answers
 * each arm got (what the status shows beside the arm's precision and recall).
 */
export function withAuditTruth(
  rows: readonly IntervalMetric[],
  truth: ReadonlyMap<number, IntervalAuditTruth>,
): { rows: IntervalMetric[]; answers: { baseline: number; challenger: number } } {
  const answers = { baseline: 0, challenger: 0 };
  const out = rows.map((r) => {
    const t = truth.get(r.id);
    if (!t || r.truePositives !== null) return r;
    answers[r.arm] += t.answers;
    return { ...r, truePositives: t.tp, falsePositives: t.fp, falseNegatives: t.fn };
  });
  return { rows: out, answers };
}
