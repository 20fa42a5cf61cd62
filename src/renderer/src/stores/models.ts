import { create } from 'zustand';
import { createResourceStore } from './resource';

export const useModels = createResourceStore('Loading models', (api) => api.models.list());

export const useModelVersions = createResourceStore('Loading model versions', (api, modelId: string) => api.models.versions({ modelId }));

interface Selection {
  selectedModelId: string | null;
  select(modelId: string | null): void;
}

export const useModelSelection = create<Selection>()((set) => ({
  selectedModelId: null,
  select(modelId) {
    set({ selectedModelId: modelId });
    if (modelId) void useModelVersions.getState().load(modelId);
  },
}));
