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
  /**
   * People inside at the end of the hour: in − out since the local midnight, never below 0; per
   * day, the day's highest hourly figure (src/engine/db/count-series.ts).
   */
  occupancy: number;
}

export interface CountSeriesDto {
  cameraId: string | null;
  from: string;
  to: string;
  resolution: (typeof BUCKET_SIZES)[number];
  /** The IANA zone the slots follow (DST included); null: the fixed `utcOffsetMinutes`. */
  timeZone: string | null;
  /** The UTC offset at `from` (minutes east); with no `timeZone`, the offset of every slot. */
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

/** An IANA time zone name as Intl knows it (the renderer sends `Intl.DateTimeFormat().resolvedOptions().timeZone`). */
export const timeZoneSchema = z
  .string()
  .min(1)
  .max(64)
  .refine(
    (name) => {
      try {
        new Intl.DateTimeFormat('en-US', { timeZone: name });
        return true;
      } catch {
        return false;
      }
    },
    { message: 'unknown time zone' },
  );

const seriesQuery = {
  cameraId: idSchema.optional(),
  from: isoTimeSchema,
  to: isoTimeSchema,
  resolution: z.enum(BUCKET_SIZES).default('hour'),
  /** The viewer's UTC offset (minutes east), so slots follow its local hours. */
  utcOffsetMinutes: z.number().int().min(-840).max(840).default(0),
  /** The viewer's IANA time zone: slots follow its local hours and midnights across DST changes (then utcOffsetMinutes is not used). */
  timeZone: timeZoneSchema.optional(),
};

export const countRequests = {
  'counts:series': request<CountSeriesResultDto>()(z.strictObject({ ...seriesQuery, compare: z.boolean().default(false) }), 'viewer'),
  'counts:export': request<CountExportDto>()(z.strictObject({ ...seriesQuery, format: z.enum(['csv', 'json']) }), 'viewer'),
} as const;
