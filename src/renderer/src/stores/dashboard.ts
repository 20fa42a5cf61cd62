import { create } from 'zustand';
import type { BucketSize } from '../../../shared/enums';
import { createResourceStore } from './resource';

export type Bucket = BucketSize;

/** Hourly charts cover the last day, daily charts the last 30 days. */
export const RANGE_MS: Record<Bucket, number> = { hour: 24 * 3600_000, day: 30 * 24 * 3600_000 };

export interface DashboardQuery {
  bucket: Bucket;
  cameraId: string | null;
}

export const useCountSummary = createResourceStore('Loading count summary', (api, q: DashboardQuery) =>
  api.counts.summary({
    bucket: q.bucket,
    from: new Date(Date.now() - RANGE_MS[q.bucket]).toISOString(),
    ...(q.cameraId ? { cameraId: q.cameraId } : {}),
  }),
);

export const useRecentEvents = createResourceStore('Loading recent events', (api, q: DashboardQuery) =>
  api.counts.recent({ limit: 20, ...(q.cameraId ? { cameraId: q.cameraId } : {}) }),
);

interface DashboardState extends DashboardQuery {
  setBucket(bucket: Bucket): void;
  setCamera(cameraId: string | null): void;
}

export const useDashboardQuery = create<DashboardState>()((set) => ({
  bucket: 'hour',
  cameraId: null,
  setBucket: (bucket) => set({ bucket }),
  setCamera: (cameraId) => set({ cameraId }),
}));
