import { DASH, formatDateTime, formatDecimal, formatPercent, shortChecksum } from '../../format';
import { StateBadge } from '../state-badge';
import type { ModelDialog, VersionRow } from './model-types';

/** Every version with its review, rollout state, validation metrics and the actions on it. */
export function VersionTable({ versions, onAction }: { versions: VersionRow[]; onAction: (dialog: ModelDialog) => void }) {
  const sorted = [...versions].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  return (
    <section className="detail-section" aria-labelledby="versions-title">
      <h3 id="versions-title">Versions</h3>
      <div className="table-wrap">
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">Version</th>
              <th scope="col">Review</th>
              <th scope="col">Rollout</th>
              <th scope="col" className="num">
                Precision
              </th>
              <th scope="col" className="num">
                Recall
              </th>
              <th scope="col" className="num">
                F1
              </th>
              <th scope="col" className="num">
                Size (MB)
              </th>
              <th scope="col">Checksum</th>
              <th scope="col">Created</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {sorted.map((v) => (
              <tr key={v.id}>
                <th scope="row">
                  {v.versionNumber}
                  {v.versionDescription ? <span className="cell-sub">{v.versionDescription}</span> : null}
                </th>
                <td>{v.reviewStatus ? <StateBadge state={v.reviewStatus} /> : <span className="muted">{DASH}</span>}</td>
                <td>
                  <StateBadge state={v.deploymentStatus} />
                  {v.deploymentEnvironment ? <span className="cell-sub">{v.deploymentEnvironment}</span> : null}
                </td>
                <td className="num">{formatPercent(v.validationPrecision)}</td>
                <td className="num">{formatPercent(v.validationRecall)}</td>
                <td className="num">{formatPercent(v.validationF1)}</td>
                <td className="num">{formatDecimal(v.modelFileSizeMb)}</td>
                <td>
                  <code title={v.modelFileChecksum ?? undefined}>{shortChecksum(v.modelFileChecksum)}</code>
                </td>
                <td>{formatDateTime(v.createdAt)}</td>
                <td className="cell-actions">
                  <div className="button-row">
                    <button type="button" className="button button-small" onClick={() => onAction({ kind: 'review', version: v })}>
                      Review<span className="visually-hidden"> version {v.versionNumber}</span>
                    </button>
                    <button type="button" className="button button-small" onClick={() => onAction({ kind: 'promote', version: v })}>
                      Promote<span className="visually-hidden"> version {v.versionNumber}</span>
                    </button>
                    <button type="button" className="button button-small" onClick={() => onAction({ kind: 'evaluate', version: v })}>
                      Evaluate<span className="visually-hidden"> version {v.versionNumber}</span>
                    </button>
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
