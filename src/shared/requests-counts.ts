/**
 * Footfall over time (issue 12: Dashboard, `counts export`). Spread into `requests` in contract.ts.
 * One engine function (src/engine/db/count-series.ts) answers both requests and the CLI.
 */
import { z } from 'zod';
import { BUCKET_SIZES } from './enums';
import { idSchema, isoTimeSchema, request } from './request-spec';

export interface CountSeriesPointDto {
  /** Slot start, UTC ISO-8601 (slots are aligned to the shop's local hours and midnights). */
  start: string;
  in: number;
  out: number;
}

export interface CountSeriesDto {
  cameraId: string | null;
  from: string;
  to: string;
  resolution: (typeof BUCKET_SIZES)[number];
  utcOffsetMinutes: number;
  totalIn: number;
  totalOut: number;
  /** Every slot of the period, zeros included. */
  points: CountSeriesPointDto[];
}

export interface CountSeriesResultDto {
  current: CountSeriesDto;
  /** The period of the same length just before, when asked for. */
  previous: CountSeriesDto | null;
  /** % change of each total against the previous period; null where it had none. */
  change: { in: number | null; out: number | null } | null;
}

export interface CountExportDto {
  filename: string;
  mimeType: string;
  content: string;
}

const seriesQuery = {
  cameraId: idSchema.optional(),
  from: isoTimeSchema,
  to: isoTimeSchema,
  resolution: z.enum(BUCKET_SIZES).default('hour'),
  /** The viewer's UTC offset (minutes east), so slots follow its local hours. */
  utcOffsetMinutes: z.number().int().min(-840).max(840).default(0),
};

export const countRequests = {
  'counts:series': request<CountSeriesResultDto>()(z.strictObject({ ...seriesQuery, compare: z.boolean().default(false) }), 'viewer'),
  'counts:export': request<CountExportDto>()(z.strictObject({ ...seriesQuery, format: z.enum(['csv', 'json']) }), 'viewer'),
} as const;
