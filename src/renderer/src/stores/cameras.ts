import { createResourceStore } from './resource';

export const useCameras = createResourceStore('Loading cameras', (api) => api.cameras.list());
