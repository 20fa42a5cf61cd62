import { useEffect, useState } from 'react';
import { EmptyState } from '../components/empty-state';
import { Loading } from '../components/loading';
import { CameraModels } from '../components/models/camera-models';
import { ImportModelDialog } from '../components/models/import-model-dialog';
import { ModelDetailPanel } from '../components/models/model-detail';
import { ModelTable } from '../components/models/model-table';
import { Notice } from '../components/notice';
import { PageHeader } from '../components/page-header';
import { t } from '../i18n';
import { refreshModels, useModelSelection, useModels } from '../stores/models';
import { useCanRequest } from '../stores/session';

export function ModelsPage() {
  const models = useModels((s) => s.data);
  const loading = useModels((s) => s.loading);
  const load = useModels((s) => s.load);
  const selected = useModelSelection((s) => s.selectedModelId);
  const select = useModelSelection((s) => s.select);
  const [importing, setImporting] = useState(false);
  const [notice, setNotice] = useState('');
  useEffect(() => void load(), [load]);
  // Coming back to the page with a model still selected: show its current state, not the old one.
  useEffect(() => {
    const id = useModelSelection.getState().selectedModelId;
    if (id) select(id);
  }, [select]);
  const selectedModel = models?.find((m) => m.modelId === selected) ?? null;
  const canImport = useCanRequest('models:import');
  const m = t().models.page;

  return (
    <section className="page" aria-labelledby="page-title">
      <PageHeader
        title={m.title}
        description={m.description}
        actions={
          canImport ? (
            <button type="button" className="button button-primary" onClick={() => setImporting(true)}>
              {m.importModel}
            </button>
          ) : null
        }
      />
      <Notice message={notice} onDismiss={() => setNotice('')} />
      {models === null ? (
        loading ? <Loading what={m.loadingWhat} /> : null
      ) : models.length === 0 ? (
        <EmptyState title={m.emptyTitle}>{m.emptyHint}</EmptyState>
      ) : (
        <ModelTable models={models} selectedId={selected} onSelect={select} />
      )}
      {selectedModel ? <ModelDetailPanel modelId={selectedModel.modelId} onNotice={setNotice} /> : null}
      <CameraModels />
      {importing ? (
        <ImportModelDialog
          onClose={() => setImporting(false)}
          onDone={(message, modelId) => {
            setImporting(false);
            setNotice(message);
            select(modelId);
            void refreshModels();
          }}
        />
      ) : null}
    </section>
  );
}
