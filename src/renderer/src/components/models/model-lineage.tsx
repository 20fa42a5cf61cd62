import { useEffect } from 'react';
import { t } from '../../i18n';
import { loadLineage, useLineageSelection, useModelLineage } from '../../stores/models-lineage';
import { InlineError } from '../inline-error';
import { Loading } from '../loading';
import { DetailSection } from './detail-section';
import { LineageGraph } from './lineage-graph';
import { VersionCompare } from './version-compare';
import { VersionInsight } from './version-insight';
import './models.css';

/**
 * The model's history (issue 12, item 5): its lineage as a graph, the chosen version's changelog,
 * facts, cameras and training curves, and two versions side by side.
 */
export function ModelLineagePanel({ modelId, onNotice }: { modelId: string; onNotice: (message: string) => void }) {
  const lineage = useModelLineage((s) => s.data);
  const error = useModelLineage((s) => s.error);
  const loading = useModelLineage((s) => s.loading);
  const version = useLineageSelection((s) => s.version);
  const selectionFor = useLineageSelection((s) => s.modelId);
  const choose = useLineageSelection((s) => s.choose);
  useEffect(() => void loadLineage(modelId), [modelId]);
  // A stale answer for the previously open model is not shown while this one loads.
  const current = lineage?.modelId === modelId && selectionFor === modelId ? lineage : null;
  const m = t().models.lineage;

  if (!current) {
    return (
      <DetailSection titleId="lineage-title" title={m.title}>
        {error && !loading ? (
          <div className="detail-failed">
            <InlineError error={error} context={m.loadingContext} />
            <button type="button" className="button" onClick={() => void loadLineage(modelId)}>
              {m.retry}
            </button>
          </div>
        ) : (
          <Loading what={m.loadingWhat} />
        )}
      </DetailSection>
    );
  }
  return (
    <>
      <DetailSection titleId="lineage-title" title={m.title}>
        <p className="muted small">{m.intro}</p>
        <LineageGraph lineage={current} selected={version} onSelect={choose} />
      </DetailSection>
      {version ? <VersionInsight lineage={current} version={version} onNotice={onNotice} /> : null}
      <VersionCompare lineage={current} />
    </>
  );
}
