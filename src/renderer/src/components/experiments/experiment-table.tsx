import type { ExperimentDto } from '../../../../shared/dto';
import { DASH, formatDateTime } from '../../format';
import { ACTIONS_COLUMN, DataTable, type Column } from '../data-table';
import { StateBadge } from '../state-badge';
import { MODE_LABELS, SPLIT_LABELS } from './experiment-words';

const COLUMNS: readonly Column[] = ['Experiment', 'Mode', 'Baseline', 'Challenger', 'Status', 'Started', 'Ended', ACTIONS_COLUMN];

function modeText(e: ExperimentDto): string {
  if (!e.mode) return DASH;
  if (e.mode === 'shadow') return MODE_LABELS.shadow;
  return `${MODE_LABELS.ab}${e.split ? `, ${SPLIT_LABELS[e.split]}` : ''}, ${e.trafficSplitPercent} % to the challenger`;
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
  return (
    <DataTable columns={COLUMNS} caption="Experiments" card>
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
                {isSelected ? 'Hide details' : 'Details'}
                <span className="visually-hidden"> of {e.experimentName}</span>
              </button>
            </td>
          </tr>
        );
      })}
    </DataTable>
  );
}
