/**
 * Sales and business metrics (issue 13 part 5): the shop's till imported per hour, footfall turned
 * into conversion rate and revenue per visitor, and the business figures of model_performance_metrics.
 * Spread into `requests` in contract.ts. The work is in src/engine/sales (its README has the formulas).
 */
import { z } from 'zod';
import { BUCKET_SIZES } from './enums';
import { idSchema, isoTimeSchema, request } from './request-spec';
import { timeZoneSchema } from './requests-counts';

/** One hour of the till as stored: `hour` is the UTC start of the hour. */
export interface SalesHourDto {
  hour: string;
  /** null: the whole store; else the camera (entrance) the till belongs to. */
  cameraId: string | null;
  transactions: number;
  revenue: number;
  sourceFile: string;
  importId: string;
  importedAt: string;
}

/** A problem of one row of a refused file (line 1 is the header; 0: the file as a whole). */
export interface SalesRowErrorDto {
  line: number;
  /** The column it is about, when one: hour, transactions or revenue. */
  field: string | null;
  message: string;
}

export interface SalesImportDto {
  importId: string;
  sourceFile: string;
  cameraId: string | null;
  /** Rows written (new and replaced). */
  imported: number;
  /** Hours that had sales from an earlier import and were replaced (`replace: true`). */
  replaced: number;
  firstHour: string;
  lastHour: string;
  transactions: number;
  revenue: number;
  delimiter: ',' | ';';
  /** Columns of the file other than hour, transactions and revenue (not read). */
  ignoredColumns: string[];
  /** How an hour without a UTC offset was read. */
  timeZone: string;
  /** Business rows written to model_performance_metrics afterwards (one per model version, camera and day). */
  metrics: BusinessMetricDto[];
}

export interface SalesSeriesPointDto {
  /** Slot start, UTC ISO-8601 (same slots as counts:series). */
  start: string;
  /** Footfall `in` of the slot (the Dashboard's count series). */
  in: number;
  /** Hours of the slot that have sales. */
  salesHours: number;
  /** Footfall `in` of those hours only: the denominator of the rates. */
  visitors: number;
  /** null: no sales for this slot. */
  transactions: number | null;
  revenue: number | null;
  /** transactions ÷ visitors (a fraction); null when there are no sales or no visitors ("—"). */
  conversionRate: number | null;
  /** revenue ÷ visitors; null when there are no sales or no visitors. */
  revenuePerVisitor: number | null;
}

export interface SalesSeriesDto {
  cameraId: string | null;
  from: string;
  to: string;
  resolution: (typeof BUCKET_SIZES)[number];
  utcOffsetMinutes: number;
  /** Setting business.currency (null when not set). */
  currency: string | null;
  /** Whether any hour of the period has sales. */
  hasSales: boolean;
  totals: Omit<SalesSeriesPointDto, 'start'>;
  points: SalesSeriesPointDto[];
}

/** A business row of model_performance_metrics with its inputs (model_business_metrics). */
export interface BusinessMetricDto {
  performanceMetricId: number;
  ref: string;
  modelId: string;
  modelVersion: string;
  cameraId: string;
  periodStart: string;
  periodEnd: string;
  inferences: number;
  inferenceSeconds: number;
  devicePowerWatts: number;
  energyPricePerKwh: number;
  energyKwh: number;
  /** Cost of the period's inferences: energyKwh × energyPricePerKwh. */
  inferenceCost: number;
  costPerInference: number | null;
  visitors: number;
  salesHours: number;
  visitorsInSalesHours: number;
  transactionsAttributed: number | null;
  revenueAttributed: number | null;
  revenuePerInference: number | null;
  conversionRate: number | null;
  costPerVisitor: number | null;
  revenuePerVisitor: number | null;
  /** (revenueAttributed − inferenceCost) ÷ inferenceCost × 100. */
  roiPercentage: number | null;
  currency: string;
}

const seriesQuery = {
  cameraId: idSchema.optional(),
  from: isoTimeSchema,
  to: isoTimeSchema,
  resolution: z.enum(BUCKET_SIZES).default('hour'),
  utcOffsetMinutes: z.number().int().min(-840).max(840).default(0),
  /** As in counts:series: the same local slots, DST included. */
  timeZone: timeZoneSchema.optional(),
};

export const salesRequests = {
  'sales:series': request<SalesSeriesDto>()(z.strictObject(seriesQuery), 'viewer'),
  'sales:list': request<SalesHourDto[]>()(
    z.strictObject({ cameraId: idSchema.optional(), from: isoTimeSchema, to: isoTimeSchema }),
    'viewer',
  ),
  'sales:import': request<SalesImportDto>()(
    z.strictObject({
      /** The file's name as the shop knows it (stored with each row). */
      filename: z.string().min(1).max(255),
      /** The file's text (UTF-8); at most the contract's payload size. */
      content: z.string().max(900_000),
      /** The camera whose footfall the till belongs to; the whole store when left out. */
      cameraId: idSchema.optional(),
      /** Hours already imported: refused (default) or replaced. */
      replace: z.boolean().default(false),
      /** UTC offset (minutes east) of hours written without one; this machine's time zone when left out. */
      utcOffsetMinutes: z.number().int().min(-840).max(840).optional(),
    }),
    'operator',
  ),
  'sales:metrics': request<BusinessMetricDto[]>()(
    z.strictObject({ from: isoTimeSchema, to: isoTimeSchema, cameraId: idSchema.optional() }),
    'technician',
  ),
} as const;
