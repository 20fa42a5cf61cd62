import { create } from 'zustand';
import { t } from '../i18n';
import { loadLineage, useDeployments } from './models-lineage';
import { createResourceStore } from './resource';

export const useModels = createResourceStore(() => t().models.stores.models, (api) => api.models.list());

/** `models:show` for the selected model: versions, reviews, pipelines, deployments, training. */
export const useModelDetail = createResourceStore(() => t().models.stores.detail, (api, modelId: string) => api.models.show({ modelId }));

interface Selection {
  selectedModelId: string | null;
  select(modelId: string | null): void;
}

export const useModelSelection = create<Selection>()((set) => ({
  selectedModelId: null,
  select(modelId) {
    set({ selectedModelId: modelId });
    if (modelId) void useModelDetail.getState().load(modelId);
  },
}));

/** After an action: the registry table and the open detail panel both show the new state. */
export async function refreshModels(): Promise<void> {
  const selected = useModelSelection.getState().selectedModelId;
  await Promise.all([useModels.getState().load(), selected ? useModelDetail.getState().load(selected) : Promise.resolve(), selected ? loadLineage(selected) : useDeployments.getState().load()]);
}
