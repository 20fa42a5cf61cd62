import type { CameraHealthDto } from '../../../shared/dto';
import { createResourceStore } from './resource';

export const useCameraHealth = createResourceStore('Loading camera health', (api) => api.health.cameras());

export const useModelHealth = createResourceStore('Loading model health', (api) => api.health.models({ limit: 200 }));

/** A pushed `health:camera` sample replaces that camera's row without a reload. */
export function applyCameraHealth(sample: CameraHealthDto): void {
  useCameraHealth.setState((state) => {
    const rows = state.data ?? [];
    const index = rows.findIndex((r) => r.cameraId === sample.cameraId);
    return { data: index === -1 ? [...rows, sample] : rows.map((r, i) => (i === index ? sample : r)) };
  });
}

/** The database card (`health:database`): sizes, growth, disk, retention runs. */
export const useDatabaseHealth = createResourceStore('Loading database health', (api) => api.health.database());
