import { DASH, formatDate, formatDecimal, formatPercent, shortChecksum } from '../../format';
import { t } from '../../i18n';
import { ACTIONS_COLUMN, DataTable, type Column } from '../data-table';
import { StateBadge } from '../state-badge';
import type { ModelDialog, VersionRow } from './model-types';
import { DetailSection } from './detail-section';
import { useCanRequest } from '../../stores/session';

function columns(): readonly Column[] {
  const m = t().models.versions;
  return [m.version, m.review, m.rollout, { label: m.prf, num: true, title: m.prfTitle }, m.checksum, ACTIONS_COLUMN];
}

/** Every version with its review, rollout state, validation metrics and the actions on it. */
export function VersionTable({ versions, onAction }: { versions: VersionRow[]; onAction: (dialog: ModelDialog) => void }) {
  const sorted = [...versions].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  const can = { review: useCanRequest('models:review'), promote: useCanRequest('models:promote'), evaluate: useCanRequest('models:evaluate') };
  const m = t().models.versions;
  return (
    <DetailSection titleId="versions-title" title={m.title}>
      <DataTable columns={columns()}>
        {sorted.map((v) => (
          <tr key={v.id}>
            <th scope="row">
              {v.versionNumber}
              <span className="cell-sub cell-sub-wide">
                {formatDate(v.createdAt)}
                {v.modelFileSizeMb !== null ? m.sizeMb(formatDecimal(v.modelFileSizeMb)) : ''}
                {v.versionDescription ? ` · ${v.versionDescription}` : ''}
              </span>
            </th>
            <td>{v.reviewStatus ? <StateBadge state={v.reviewStatus} /> : <span className="muted">{DASH}</span>}</td>
            <td>
              <StateBadge state={v.deploymentStatus} />
              {v.deploymentEnvironment ? <span className="cell-sub">{v.deploymentEnvironment}</span> : null}
            </td>
            <td className="num nowrap">
              {formatPercent(v.validationPrecision)} / {formatPercent(v.validationRecall)} / {formatPercent(v.validationF1)}
            </td>
            <td>
              <code title={v.modelFileChecksum ?? undefined}>{shortChecksum(v.modelFileChecksum)}</code>
            </td>
            <td className="cell-actions">
              <div className="button-row">
                {can.review ? (
                  <button type="button" className="button button-small" onClick={() => onAction({ kind: 'review', version: v })}>
                    {m.reviewAction}
                    <span className="visually-hidden">{m.ofVersion(v.versionNumber)}</span>
                  </button>
                ) : null}
                {can.promote ? (
                  <button type="button" className="button button-small" onClick={() => onAction({ kind: 'promote', version: v })}>
                    {m.promoteAction}
                    <span className="visually-hidden">{m.ofVersion(v.versionNumber)}</span>
                  </button>
                ) : null}
                {can.evaluate ? (
                  <button type="button" className="button button-small" onClick={() => onAction({ kind: 'evaluate', version: v })}>
                    {m.evaluateAction}
                    <span className="visually-hidden">{m.ofVersion(v.versionNumber)}</span>
                  </button>
                ) : null}
              </div>
            </td>
          </tr>
        ))}
      </DataTable>
    </DetailSection>
  );
}
