/**
 * The Models page's lineage view (issue 12): `models:lineage` for the open model, the version
 * chosen in the graph, the two versions side by side, and the chosen version's training curves.
 */
import { create } from 'zustand';
import type { ModelLineageDto } from '../../../shared/dto-model-lineage';
import { t } from '../i18n';
import { createResourceStore } from './resource';

export const useModelLineage = createResourceStore(() => t().models.stores.lineage, (api, modelId: string) => api.models.lineage({ modelId }));

/** Where each version is deployed (`models:deployments`), for the cameras table's "chosen" column. */
export const useDeployments = createResourceStore(() => t().models.stores.deployments, (api) => api.models.deployments());

export const useTrainingCurves = createResourceStore(() => t().models.stores.curves, (api, ref: { modelId: string; version: string }) =>
  api.models.trainingCurves(ref),
);

interface LineageSelection {
  modelId: string | null;
  /** The version shown in detail (chosen in the graph). */
  version: string | null;
  /** The two versions side by side. */
  compare: [string | null, string | null];
  choose(version: string): void;
  setCompare(which: 0 | 1, version: string): void;
  /** Keeps the choices that still exist after a (re)load, and fills in sensible ones. */
  adopt(lineage: ModelLineageDto): void;
}

/** Production first (what runs), else the newest version. */
function defaultVersion(l: ModelLineageDto): string | null {
  return l.versions.find((v) => v.production)?.versionNumber ?? l.versions[l.versions.length - 1]?.versionNumber ?? null;
}

export const useLineageSelection = create<LineageSelection>()((set, get) => ({
  modelId: null,
  version: null,
  compare: [null, null],
  choose(version) {
    set({ version });
  },
  setCompare(which, version) {
    const compare: [string | null, string | null] = [...get().compare];
    compare[which] = version;
    set({ compare });
  },
  adopt(l) {
    const have = new Set(l.versions.map((v) => v.versionNumber));
    const same = get().modelId === l.modelId;
    const keep = (v: string | null): string | null => (same && v !== null && have.has(v) ? v : null);
    const version = keep(get().version) ?? defaultVersion(l);
    let [a, b] = get().compare.map(keep) as [string | null, string | null];
    // By default: what runs in production against the newest other version (e.g. a new derived variant).
    a ??= defaultVersion(l);
    b ??= [...l.versions].reverse().find((v) => v.versionNumber !== a)?.versionNumber ?? a;
    set({ modelId: l.modelId, version, compare: [a, b] });
  },
}));

/** Loads (or reloads, after an action) the lineage of a model and adopts it into the selection. */
export async function loadLineage(modelId: string): Promise<void> {
  await Promise.all([useModelLineage.getState().load(modelId), useDeployments.getState().load()]);
  const l = useModelLineage.getState().data;
  if (l && l.modelId === modelId) useLineageSelection.getState().adopt(l);
}
