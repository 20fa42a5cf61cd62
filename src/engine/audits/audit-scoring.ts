/**
 * How operators' answers become true / false positives and negatives (README "Audits (count
 * review)"), defined once: the audit report (audit-service.ts) and the experiments' audit truth
 * (experiments/audit-truth.ts) both count the answers with AUDIT_ANSWER_COUNTS_SQL and turn the
 * counts into TP / FP / FN with truthOfAnswers, so a model version's audit precision and an
 * experiment arm's precision can never disagree on the rules.
 *
 * - a crossing answered `right`: TP.
 * - `not_a_person`: FP (the count should not exist).
 * - `wrong_direction`: FP and FN — false in the direction it was given, and the person's real
 *   crossing (the other direction) was missed.
 * - `missed_one` on a crossing: TP + FN (this count is right, someone else crossed uncounted);
 *   on a frame with no crossing: FN.
 * - `right` on a frame with no crossing: a confirmed empty frame (a true negative: no effect on
 *   precision or recall).
 */

/** The answer counts as SELECT columns over audit_items rows with an answer (aggregate). */
export const AUDIT_ANSWER_COUNTS_SQL = `count(*) AS answers,
  count(*) FILTER (WHERE kind = 'crossing' AND answer = 'right') AS right,
  count(*) FILTER (WHERE answer = 'wrong_direction') AS wrong,
  count(*) FILTER (WHERE answer = 'not_a_person') AS nap,
  count(*) FILTER (WHERE kind = 'crossing' AND answer = 'missed_one') AS missed_c,
  count(*) FILTER (WHERE kind = 'no_crossing' AND answer = 'missed_one') AS missed_e,
  count(*) FILTER (WHERE kind = 'no_crossing' AND answer = 'right') AS empty`;

/** One row of AUDIT_ANSWER_COUNTS_SQL. */
export interface AnswerCounts {
  answers: number;
  right: number;
  wrong: number;
  nap: number;
  missed_c: number;
  missed_e: number;
  empty: number;
}

export interface AnswerTruth {
  tp: number;
  fp: number;
  fn: number;
}

export function truthOfAnswers(c: AnswerCounts): AnswerTruth {
  return { tp: c.right + c.missed_c, fp: c.nap + c.wrong, fn: c.missed_c + c.missed_e + c.wrong };
}
