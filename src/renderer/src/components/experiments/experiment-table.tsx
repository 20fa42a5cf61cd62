import type { ExperimentDto } from '../../../../shared/dto';
import { DASH, formatDateTime } from '../../format';
import { t } from '../../i18n';
import { ACTIONS_COLUMN, DataTable, type Column } from '../data-table';
import { StateBadge } from '../state-badge';
import { upTo } from './experiment-words';

function columns(): readonly Column[] {
  const { common, experiments: m } = t();
  return [m.table.experiment, m.mode, m.baseline, m.challenger, common.status, common.started, m.ended, ACTIONS_COLUMN];
}

function modeText(e: ExperimentDto): string {
  const m = t().experiments;
  if (!e.mode) return DASH;
  if (e.mode === 'shadow') return m.modes.shadow;
  return [m.modes.ab, ...(e.split ? [m.splits[e.split]] : []), m.toChallenger(upTo(e.trafficSplitPercent, 1))].join(', ');
}

/** Every experiment, newest first; "Details" opens the watch panel below. */
export function ExperimentTable({
  experiments,
  selectedId,
  onSelect,
  modelName,
}: {
  experiments: ExperimentDto[];
  selectedId: string | null;
  onSelect: (experimentId: string | null) => void;
  modelName: (modelId: string | null) => string;
}) {
  const sorted = [...experiments].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  const m = t();
  return (
    <DataTable columns={columns()} caption={m.experiments.table.caption} card>
      {sorted.map((e) => {
        const isSelected = e.experimentId === selectedId;
        return (
          <tr key={e.experimentId} className={isSelected ? 'row-selected' : undefined} data-experiment-id={e.experimentId}>
            <th scope="row">
              {e.experimentName}
              <span className="cell-sub">
                <code>{e.experimentId}</code>
              </span>
            </th>
            <td>{modeText(e)}</td>
            <td>{e.baselineRef ? <code>{e.baselineRef}</code> : modelName(e.baselineModelId)}</td>
            <td>{e.challengerRef ? <code>{e.challengerRef}</code> : modelName(e.challengerModelId)}</td>
            <td>
              <StateBadge state={e.experimentStatus} />
            </td>
            <td className="nowrap">{formatDateTime(e.startDate)}</td>
            <td className="nowrap">{formatDateTime(e.endDate)}</td>
            <td className="cell-actions">
              <button
                type="button"
                className="button button-quiet"
                aria-expanded={isSelected}
                aria-controls={isSelected ? 'experiment-detail' : undefined}
                onClick={() => onSelect(isSelected ? null : e.experimentId)}
              >
                {isSelected ? m.experiments.table.hideDetails : m.common.details}
                <span className="visually-hidden"> {m.experiments.table.of(e.experimentName)}</span>
              </button>
            </td>
          </tr>
        );
      })}
    </DataTable>
  );
}
