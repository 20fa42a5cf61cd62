/**
 * Count review / audits (issue 13 part 4). Spread into `requests` in contract.ts.
 * Handlers: src/engine/handlers/audit-handlers.ts; the work: src/engine/audits/.
 */
import { z } from 'zod';
import { idSchema, isoTimeSchema, request } from './request-spec';

import { AUDIT_ANSWERS, type AuditAnswer, type AuditItemKind } from './enums';

export { AUDIT_ANSWERS, type AuditAnswer, type AuditItemKind };

export interface AuditItemDto {
  id: number;
  cameraId: string;
  camera: string;
  modelId: string | null;
  modelVersion: string;
  kind: AuditItemKind;
  /** The counted direction (crossings only). */
  direction: 'in' | 'out' | null;
  line: string | null;
  trackId: number | null;
  countingEventId: string | null;
  /** People detected on the frame. */
  people: number;
  capturedAt: string;
  expiresAt: string;
  /** The evidence picture as a JPEG data URL; null once deleted (retention, auditing off). */
  picture: string | null;
  pictureWidth: number | null;
  pictureHeight: number | null;
  answer: AuditAnswer | null;
  answeredAt: string | null;
}

export interface AuditProgressDto {
  /** Items answered / with a picture still to review, in the same scope. */
  reviewed: number;
  open: number;
  total: number;
}

export interface AuditNextDto {
  enabled: boolean;
  item: AuditItemDto | null;
  progress: AuditProgressDto;
  /** Pictures deleted by the retention pass run before this answer. */
  purged: number;
}

export interface AuditAnswerDto {
  item: AuditItemDto;
  progress: AuditProgressDto;
}

export interface AuditReportRowDto {
  cameraId: string;
  camera: string;
  modelId: string | null;
  modelVersion: string;
  answers: number;
  counts: { right: number; wrongDirection: number; notAPerson: number; missedOne: number; confirmedEmpty: number };
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
  /** 0–1; null when the denominator is 0. */
  precision: number | null;
  recall: number | null;
  f1: number | null;
  /** The model_performance_metrics row written for this row (`store`), else null. */
  performanceMetricId: number | null;
}

export interface AuditReportDto {
  from: string | null;
  to: string | null;
  rows: AuditReportRowDto[];
}

const scope = {
  cameraId: idSchema.optional(),
  /** Evaluate retention at this time (tests and the CLI's --now); default now. */
  now: isoTimeSchema.optional(),
};

export const auditRequests = {
  // The next item to review (oldest first), with progress; runs the picture retention first.
  'audits:next': request<AuditNextDto>()(z.strictObject({ ...scope, skip: z.array(z.number().int().positive()).max(1000).optional() }), 'operator'),
  'audits:answer': request<AuditAnswerDto>()(
    z.strictObject({ id: z.number().int().positive(), answer: z.enum(AUDIT_ANSWERS), now: isoTimeSchema.optional() }),
    'operator',
  ),
  // Precision / recall / F1 per camera and model version from the answers; `store` writes them
  // to model_performance_metrics (and the versions' validation_* columns).
  'audits:report': request<AuditReportDto>()(
    z.strictObject({ cameraId: idSchema.optional(), from: isoTimeSchema.optional(), to: isoTimeSchema.optional(), store: z.boolean().default(false) }),
    'viewer',
  ),
} as const;
