import type { ModelDto } from '../../../../shared/dto';
import { DASH, formatCompact, formatDecimal, shortChecksum } from '../../format';
import { t } from '../../i18n';
import { ACTIONS_COLUMN, DataTable, type Column } from '../data-table';
import { StateBadge } from '../state-badge';

function columns(): readonly Column[] {
  const m = t().models.table;
  return [m.model, m.version, m.status, { label: m.sizeMb, num: true }, { label: m.parameters, num: true }, m.licence, m.checksum, ACTIONS_COLUMN];
}

/** The registry: one row per model; "Details" opens the detail panel below. */
export function ModelTable({ models, selectedId, onSelect }: { models: ModelDto[]; selectedId: string | null; onSelect: (modelId: string | null) => void }) {
  const w = t().models.table;
  return (
    <DataTable columns={columns()} caption={w.caption} card>
      {models.map((m) => {
        const isSelected = m.modelId === selectedId;
        return (
          <tr key={m.modelId} className={isSelected ? 'row-selected' : undefined}>
            <th scope="row">
              {m.modelName}
              <span className="cell-sub">
                <code>{m.modelId}</code> · {t().models.modelType[m.modelType]}
                {m.modelFormat ? ` · ${m.modelFormat.toUpperCase()}` : ''}
              </span>
            </th>
            <td>{m.modelVersion ?? DASH}</td>
            <td>
              {/* In production somewhere: that is the status that matters; otherwise testing / development. */}
              {m.isProduction ? <StateBadge state="production" label={w.production} /> : <StateBadge state={m.deploymentStatus} />}
              {m.isActive ? null : <span className="cell-sub">{w.inactive}</span>}
            </td>
            <td className="num">{formatDecimal(m.modelSizeMb)}</td>
            <td className="num" title={m.modelParameters === null ? undefined : String(m.modelParameters)}>
              {formatCompact(m.modelParameters)}
            </td>
            <td className="nowrap" title={m.licence ?? undefined}>{m.licence ? m.licence.split(/\s+/)[0] : DASH}</td>
            <td>
              <code title={m.modelChecksum ?? undefined}>{shortChecksum(m.modelChecksum)}</code>
            </td>
            <td className="cell-actions">
              <button type="button" className="button button-quiet" aria-expanded={isSelected} aria-controls={isSelected ? 'model-detail' : undefined} onClick={() => onSelect(isSelected ? null : m.modelId)}>
                {isSelected ? w.hideDetails : w.details}
                <span className="visually-hidden">{w.ofModel(m.modelName)}</span>
              </button>
            </td>
          </tr>
        );
      })}
    </DataTable>
  );
}
