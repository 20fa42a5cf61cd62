import { create } from 'zustand';
import type { FootfallApi } from '../../../shared/client';
import type { ModelDto, ModelVersionDto } from '../../../shared/dto';
import { formatModelRef } from '../../../shared/model-ref';
import { ok, type Result } from '../../../shared/result';
import { t } from '../i18n';
import { createResourceStore } from './resource';

export const useExperiments = createResourceStore(() => t().experiments.stores.list, (api) => api.experiments.list());

/** `experiments:status` of the selected experiment: arms, comparison, verdict, intervals. */
export const useExperimentStatus = createResourceStore(() => t().experiments.stores.status, (api, experimentId: string) => api.experiments.status({ experimentId }));

/** One registered version an experiment can name, as `MODEL_ID@VERSION`. */
export interface VersionChoice {
  ref: string;
  modelId: string;
  modelName: string;
  versionNumber: string;
  /** In production (the default baseline). */
  production: boolean;
  description: string | null;
  createdAt: string;
}

function isProductionVersion(model: ModelDto, v: ModelVersionDto): boolean {
  if (v.deploymentEnvironment === 'production') return true;
  return model.isProduction && model.modelVersion === v.versionNumber;
}

async function loadVersionChoices(api: FootfallApi): Promise<Result<VersionChoice[]>> {
  const models = await api.models.list();
  if (!models.ok) return models;
  const choices: VersionChoice[] = [];
  for (const model of models.value) {
    const versions = await api.models.versions({ modelId: model.modelId });
    if (!versions.ok) return versions;
    for (const v of versions.value) {
      choices.push({
        ref: formatModelRef(model.modelId, v.versionNumber),
        modelId: model.modelId,
        modelName: model.modelName,
        versionNumber: v.versionNumber,
        production: isProductionVersion(model, v),
        description: v.versionChanges ?? v.versionDescription,
        createdAt: v.createdAt,
      });
    }
  }
  return ok(choices);
}

/** Every registered version (models:list + models:versions), for the baseline and challenger pickers. */
export const useVersionChoices = createResourceStore(() => t().experiments.stores.versions, (api) => loadVersionChoices(api));

/** The production version: the default baseline (the first one when several models are in production). */
export function productionRef(choices: readonly VersionChoice[]): string | null {
  return choices.find((c) => c.production)?.ref ?? choices[0]?.ref ?? null;
}

interface Selection {
  selectedId: string | null;
  select(experimentId: string | null): void;
}

export const useExperimentSelection = create<Selection>()((set) => ({
  selectedId: null,
  select(experimentId) {
    set({ selectedId: experimentId });
    if (experimentId) void useExperimentStatus.getState().load(experimentId);
  },
}));

/** After an action: the list and the open experiment both show the new state. */
export async function refreshExperiments(): Promise<void> {
  const selected = useExperimentSelection.getState().selectedId;
  await Promise.all([useExperiments.getState().load(), selected ? useExperimentStatus.getState().load(selected) : Promise.resolve()]);
}
