import type { DeploymentEventDto } from '../../../../shared/dto-models';
import { DASH, formatDateTime } from '../../format';
import { t } from '../../i18n';
import { ACTIONS_COLUMN, DataTable } from '../data-table';
import { EmptyState } from '../empty-state';
import { StateBadge } from '../state-badge';
import { scopeLabel, type DeploymentRow, type ModelDialog } from './model-types';
import { DetailSection } from './detail-section';
import { useCanRequest } from '../../stores/session';

const RECENT_EVENTS = 8;

/** Where the model runs now (per camera scope and role) and the latest rollout history. */
export function DeploymentTable({
  modelId,
  deployments,
  events,
  onAction,
}: {
  modelId: string;
  deployments: DeploymentRow[];
  events: DeploymentEventDto[];
  onAction: (dialog: ModelDialog) => void;
}) {
  const canRollback = useCanRequest('models:rollback');
  const m = t().models.deployments;
  const recent = [...events].sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.id - a.id).slice(0, RECENT_EVENTS);
  return (
    <DetailSection titleId="deployments-title" title={m.title}>
      {deployments.length === 0 ? (
        <EmptyState title={m.emptyTitle}>{m.emptyHint}</EmptyState>
      ) : (
        <DataTable columns={[m.scope, m.role, m.version, m.deployed, ACTIONS_COLUMN]}>
          {deployments.map((d) => (
            <tr key={`${d.cameraId ?? '*'}:${d.modelType}:${d.role}`}>
              <th scope="row">{scopeLabel(d.cameraId)}</th>
              <td>
                <StateBadge state={d.role === 'production' ? 'production' : 'canary'} />
              </td>
              <td>
                {d.modelId === modelId ? d.versionNumber : `${d.modelId} ${d.versionNumber}`}
              </td>
              <td>{formatDateTime(d.deployedAt)}</td>
              <td className="cell-actions">
                {d.role === 'production' && canRollback ? (
                  <button type="button" className="button button-small" onClick={() => onAction({ kind: 'rollback', deployment: d })}>
                    {m.rollBack}<span className="visually-hidden"> {scopeLabel(d.cameraId)}</span>
                  </button>
                ) : null}
              </td>
            </tr>
          ))}
        </DataTable>
      )}
      {recent.length > 0 ? (
        <>
          <h4 className="subheading">{m.history}</h4>
          <ul className="event-list">
            {recent.map((e) => (
              <li key={e.id}>
                <time dateTime={e.createdAt}>{formatDateTime(e.createdAt)}</time>
                <StateBadge state={e.eventType} />
                <span>
                  {e.versionNumber ?? DASH}
                  {e.previousVersionNumber ? m.was(e.previousVersionNumber) : ''} · {scopeLabel(e.cameraId)}
                  {e.stage ? ` · ${t().models.stage[e.stage]}` : ''}
                </span>
                {e.reason ? <span className="muted">“{e.reason}”</span> : null}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </DetailSection>
  );
}
