/**
 * The gate in front of production (and, for the evaluation part, in front of the canary): a
 * version whose evaluation is below the floor, whose shadow verdict was against it, or whose
 * canary guards were breached cannot reach production without an override (who and why), which
 * is then recorded. Pure: the pipeline gathers the facts (stage-production.ts).
 *
 * Evaluation floor (model_versions.validation_f1, percent, written by `models evaluate`):
 *  - absolute: `minF1` (default 50: a counter that finds fewer than half the people, or reports
 *    as many phantoms, is not a counter);
 *  - relative: the scope's production version's F1 minus `maxF1Drop` (default 5 points), when
 *    production has been evaluated too.
 * A version that was never evaluated passes this part (there is nothing to judge; the details say
 * so) — set `requireEvaluation` to make evaluation mandatory.
 */

export interface GateLimits {
  /** Absolute F1 floor in percent; null: none. */
  minF1: number | null;
  /** Largest drop below the production version's F1, in points; null: not compared. */
  maxF1Drop: number | null;
  /** An unevaluated version fails the gate. */
  requireEvaluation: boolean;
}

export const DEFAULT_GATE_LIMITS: GateLimits = { minF1: 50, maxF1Drop: 5, requireEvaluation: false };

/** Settings keys (Settings page / `settings:set`) that change the defaults; a request's options win. */
export const ROLLOUT_SETTINGS = {
  minF1: 'rollout.min_f1',
  maxF1Drop: 'rollout.max_f1_drop',
  requireEvaluation: 'rollout.require_evaluation',
  canaryMinutes: 'rollout.canary_minutes',
  canaryMaxLatencyRatio: 'rollout.canary_max_latency_ratio',
  canaryMaxCountDifference: 'rollout.canary_max_count_difference',
  allowInconclusiveShadow: 'rollout.allow_inconclusive_shadow',
} as const;

export interface GateFacts {
  candidate: { ref: string; f1: number | null };
  /** The scope's production version now (null: none). */
  production: { ref: string; f1: number | null } | null;
  /** Why the shadow stage went against the version, when it did and was overridden. */
  shadowAgainst: string | null;
  /** Why a canary of this version was rolled back by a guard, when this pipeline's canary did not prove it since. */
  guardAgainst: string | null;
}

export interface GateCheck {
  check: 'evaluation' | 'shadow' | 'guards';
  ok: boolean;
  message: string;
}

export interface GateResult {
  ok: boolean;
  checks: GateCheck[];
  /** The failed checks' messages, joined in plain words. */
  failures: string[];
}

export function evaluationCheck(facts: Pick<GateFacts, 'candidate' | 'production'>, limits: GateLimits): GateCheck {
  const { candidate, production } = facts;
  const f1 = candidate.f1;
  if (f1 === null) {
    return limits.requireEvaluation
      ? { check: 'evaluation', ok: false, message: `${candidate.ref} has not been evaluated (models evaluate) and evaluation is required` }
      : { check: 'evaluation', ok: true, message: `${candidate.ref} has not been evaluated: no F1 to check` };
  }
  const floors: Array<{ floor: number; why: string }> = [];
  if (limits.minF1 !== null) floors.push({ floor: limits.minF1, why: `the floor ${limits.minF1}` });
  if (limits.maxF1Drop !== null && production && production.f1 !== null && production.ref !== candidate.ref) {
    floors.push({ floor: production.f1 - limits.maxF1Drop, why: `production ${production.ref}'s F1 ${production.f1} minus ${limits.maxF1Drop}` });
  }
  const broken = floors.filter((f) => f1 < f.floor).sort((a, b) => b.floor - a.floor)[0];
  if (broken) {
    return { check: 'evaluation', ok: false, message: `${candidate.ref} has a validation F1 of ${f1}, below ${broken.why} (${Math.round(broken.floor * 100) / 100})` };
  }
  return { check: 'evaluation', ok: true, message: `${candidate.ref} has a validation F1 of ${f1}${floors.length ? `, not below ${floors.map((f) => f.why).join(' or ')}` : ''}` };
}

export function evaluateGate(facts: GateFacts, limits: GateLimits): GateResult {
  const checks: GateCheck[] = [evaluationCheck(facts, limits)];
  checks.push(
    facts.shadowAgainst === null
      ? { check: 'shadow', ok: true, message: 'the shadow stage did not go against the version' }
      : { check: 'shadow', ok: false, message: `the shadow stage went against it: ${facts.shadowAgainst}` },
  );
  checks.push(
    facts.guardAgainst === null
      ? { check: 'guards', ok: true, message: 'no canary guard was breached' }
      : { check: 'guards', ok: false, message: `a canary guard was breached: ${facts.guardAgainst}` },
  );
  const failures = checks.filter((c) => !c.ok).map((c) => c.message);
  return { ok: failures.length === 0, checks, failures };
}
