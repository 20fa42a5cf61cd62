import { t } from '../i18n';
import { createResourceStore } from './resource';

export const useCameras = createResourceStore(() => t().cameras.loading.cameras, (api) => api.cameras.list());

/** State, health and model version of every camera (`cameras:status`); pushed health updates it in between. */
export const useCameraStatus = createResourceStore(() => t().cameras.loading.states, (api) => api.cameras.status());
