import { createResourceStore } from './resource';

export const useExperiments = createResourceStore('Loading experiments', (api) => api.experiments.list());
