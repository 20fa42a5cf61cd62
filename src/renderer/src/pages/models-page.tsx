import { useEffect } from 'react';
import { EmptyState } from '../components/empty-state';
import { Loading } from '../components/loading';
import { PageHeader } from '../components/page-header';
import { StateBadge } from '../components/state-badge';
import { DASH, formatDateTime, formatDecimal, shortChecksum, yesNo } from '../format';
import { useModelSelection, useModels, useModelVersions } from '../stores/models';

function Versions({ modelId, modelName }: { modelId: string; modelName: string }) {
  const versions = useModelVersions((s) => s.data);
  const loading = useModelVersions((s) => s.loading);
  return (
    <section className="card" aria-labelledby="versions-title">
      <h2 id="versions-title">Versions of {modelName}</h2>
      {versions === null || loading ? (
        <Loading what="versions" />
      ) : versions.length === 0 ? (
        <EmptyState title="No versions recorded" />
      ) : (
        <div className="table-wrap">
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">Version</th>
                <th scope="col">Status</th>
                <th scope="col">Environment</th>
                <th scope="col">Deployed</th>
                <th scope="col" className="num">
                  Size (MB)
                </th>
                <th scope="col" className="num">
                  F1
                </th>
                <th scope="col">Checksum</th>
              </tr>
            </thead>
            <tbody>
              {versions
                .filter((v) => v.modelId === modelId)
                .map((v) => (
                  <tr key={v.id}>
                    <th scope="row">{v.versionNumber}</th>
                    <td>
                      <StateBadge state={v.deploymentStatus} />
                    </td>
                    <td>{v.deploymentEnvironment ?? DASH}</td>
                    <td>{formatDateTime(v.deploymentTimestamp)}</td>
                    <td className="num">{formatDecimal(v.modelFileSizeMb)}</td>
                    <td className="num">{v.validationF1 === null ? DASH : v.validationF1.toFixed(3)}</td>
                    <td>
                      <code title={v.modelFileChecksum ?? undefined}>{shortChecksum(v.modelFileChecksum)}</code>
                    </td>
                  </tr>
                ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

export function ModelsPage() {
  const models = useModels((s) => s.data);
  const loading = useModels((s) => s.loading);
  const load = useModels((s) => s.load);
  const selected = useModelSelection((s) => s.selectedModelId);
  const select = useModelSelection((s) => s.select);
  useEffect(() => void load(), [load]);
  const selectedModel = models?.find((m) => m.modelId === selected) ?? null;

  return (
    <section className="page" aria-labelledby="page-title">
      <PageHeader title="Models" description="The model registry: versions, production status, checksums and licences." />
      {models === null ? (
        loading ? <Loading what="models" /> : null
      ) : models.length === 0 ? (
        <EmptyState title="No models registered">
          Import one with <code>npm run cli -- models import …</code>
        </EmptyState>
      ) : (
        <div className="card table-wrap">
          <table className="data-table">
            <caption className="visually-hidden">Registered models</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Type</th>
                <th scope="col">Version</th>
                <th scope="col">Production</th>
                <th scope="col">Status</th>
                <th scope="col">Checksum</th>
                <th scope="col">Licence</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {models.map((m) => {
                const isSelected = m.modelId === selected;
                return (
                  <tr key={m.modelId} className={isSelected ? 'row-selected' : undefined}>
                    <th scope="row">{m.modelName}</th>
                    <td>{m.modelType}</td>
                    <td>{m.modelVersion ?? DASH}</td>
                    <td>{yesNo(m.isProduction)}</td>
                    <td>
                      <StateBadge state={m.deploymentStatus} />
                    </td>
                    <td>
                      <code title={m.modelChecksum ?? undefined}>{shortChecksum(m.modelChecksum)}</code>
                    </td>
                    <td>{m.licence ?? DASH}</td>
                    <td>
                      <button type="button" className="button button-quiet" aria-pressed={isSelected} onClick={() => select(isSelected ? null : m.modelId)}>
                        {isSelected ? 'Hide versions' : 'Versions'}
                        <span className="visually-hidden"> of {m.modelName}</span>
                      </button>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {selectedModel ? <Versions modelId={selectedModel.modelId} modelName={selectedModel.modelName} /> : null}
    </section>
  );
}
