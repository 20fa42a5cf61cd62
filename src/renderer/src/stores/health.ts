import type { CameraHealthDto } from '../../../shared/dto';
import { t } from '../i18n';
import { createResourceStore } from './resource';

export const useCameraHealth = createResourceStore(() => t().health.contexts.cameraHealth, (api) => api.health.cameras());

export const useModelHealth = createResourceStore(() => t().health.contexts.modelHealth, (api) => api.health.models({ limit: 200 }));

/** A pushed `health:camera` sample replaces that camera's row without a reload. */
export function applyCameraHealth(sample: CameraHealthDto): void {
  useCameraHealth.setState((state) => {
    const rows = state.data ?? [];
    const index = rows.findIndex((r) => r.cameraId === sample.cameraId);
    return { data: index === -1 ? [...rows, sample] : rows.map((r, i) => (i === index ? sample : r)) };
  });
}

/** The database card (`health:database`): sizes, growth, disk, retention runs. */
export const useDatabaseHealth = createResourceStore(() => t().health.contexts.database, (api) => api.health.database());
