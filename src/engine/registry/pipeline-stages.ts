import type { JsonValue } from '../db/json-column';
import { isOneOf, PIPELINE_STAGES, STAGE_STATUSES, type PipelineStage, type StageStatus } from '../../shared/enums';

/** One element of model_deployment_pipeline.pipeline_stages (the seed's "array of pipeline stages"). */
export interface StageRecord {
  stage: PipelineStage;
  status: StageStatus;
  startedAt: string | null;
  completedAt: string | null;
  details: { [key: string]: JsonValue } | null;
  error: { code: string; message: string } | null;
}

export function freshStages(): StageRecord[] {
  return PIPELINE_STAGES.map((stage) => ({ stage, status: 'pending', startedAt: null, completedAt: null, details: null, error: null }));
}

export function stagesToJson(stages: readonly StageRecord[]): JsonValue[] {
  return stages.map((s) => ({ stage: s.stage, status: s.status, startedAt: s.startedAt, completedAt: s.completedAt, details: s.details, error: s.error }));
}

const isObject = (v: JsonValue | undefined): v is { [key: string]: JsonValue } => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: JsonValue | undefined): string | null => (typeof v === 'string' ? v : null);

/** Reads the stored JSON back; unknown or missing stages come back as pending. */
export function stagesFromJson(value: JsonValue[] | null): StageRecord[] {
  const byName = new Map<string, { [key: string]: JsonValue }>();
  for (const item of value ?? []) if (isObject(item) && typeof item.stage === 'string') byName.set(item.stage, item);
  return freshStages().map((fresh) => {
    const s = byName.get(fresh.stage);
    if (!s) return fresh;
    const status = isOneOf(STAGE_STATUSES, s.status) ? s.status : 'pending';
    const error = isObject(s.error) ? { code: str(s.error.code) ?? 'ERROR', message: str(s.error.message) ?? '' } : null;
    return { stage: fresh.stage, status, startedAt: str(s.startedAt), completedAt: str(s.completedAt), details: isObject(s.details) ? s.details : null, error };
  });
}
