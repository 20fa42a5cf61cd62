import { createResourceStore } from './resource';

export const useCameras = createResourceStore('Loading cameras', (api) => api.cameras.list());

/** State, health and model version of every camera (`cameras:status`); pushed health updates it in between. */
export const useCameraStatus = createResourceStore('Loading camera states', (api) => api.cameras.status());
