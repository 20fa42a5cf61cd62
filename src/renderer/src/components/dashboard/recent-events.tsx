import type { CountEventDto } from '../../../../shared/dto';
import { DASH, formatDateTime, formatInt } from '../../format';
import { t } from '../../i18n';
import { DataTable, type Column } from '../data-table';
import { EmptyState } from '../empty-state';

/** The latest crossings, newest first, with the line's running totals after each. */
export function RecentEvents({ recent, cameraName }: { recent: CountEventDto[] | null; cameraName: (id: string | null) => string }) {
  const m = t().dashboard.recent;
  const columns: readonly Column[] = [m.time, t().common.camera, m.direction, m.track, { label: m.inSoFar, num: true }, { label: m.outSoFar, num: true }];
  return (
    <section className="card" aria-labelledby="recent-title">
      <h2 id="recent-title">{m.title}</h2>
      {recent === null ? null : recent.length === 0 ? (
        <EmptyState title={m.emptyTitle}>{m.emptyHint}</EmptyState>
      ) : (
        <DataTable columns={columns}>
          {recent.map((e) => (
            <tr key={e.eventId}>
              <td>{formatDateTime(e.createdAt)}</td>
              <td>{cameraName(e.cameraId)}</td>
              <td>
                <span className={`direction direction-${e.direction}`}>{m.directions[e.direction]}</span>
              </td>
              <td>{e.trackId ?? DASH}</td>
              <td className="num">{formatInt(e.currentIn)}</td>
              <td className="num">{formatInt(e.currentOut)}</td>
            </tr>
          ))}
        </DataTable>
      )}
    </section>
  );
}
