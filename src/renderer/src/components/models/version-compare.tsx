import { useId } from 'react';
import type { ModelLineageDto } from '../../../../shared/dto-model-lineage';
import { formatInt } from '../../format';
import { t } from '../../i18n';
import { useLineageSelection } from '../../stores/models-lineage';
import { compareRows } from './lineage-words';
import { DetailSection } from './detail-section';
import { TableScroll } from '../table-scroll';

/** Two versions side by side: their key facts in two columns, the rows that differ marked (in words, not only in colour). */
export function VersionCompare({ lineage }: { lineage: ModelLineageDto }) {
  const [a, b] = useLineageSelection((s) => s.compare);
  const setCompare = useLineageSelection((s) => s.setCompare);
  const idA = useId();
  const idB = useId();
  const va = lineage.versions.find((v) => v.versionNumber === a);
  const vb = lineage.versions.find((v) => v.versionNumber === b);
  const m = t().models.compare;
  if (lineage.versions.length < 2) {
    return (
      <DetailSection titleId="compare-title" title={m.title}>
        <p className="muted">{m.oneVersion}</p>
      </DetailSection>
    );
  }
  const rows = va && vb ? compareRows(va, vb, lineage.cameras) : [];
  const differing = rows.filter((r) => r.differs).length;
  const picker = (id: string, label: string, value: string | null | undefined, which: 0 | 1) => (
    <div className="field compare-picker">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value ?? ''} onChange={(e) => setCompare(which, e.target.value)}>
        {lineage.versions.map((v) => (
          <option key={v.versionNumber} value={v.versionNumber}>
            {v.versionNumber}
            {v.production ? m.production : ''}
          </option>
        ))}
      </select>
    </div>
  );
  return (
    <DetailSection titleId="compare-title" title={m.title}>
      <div className="compare-pickers">
        {picker(idA, m.first, a, 0)}
        {picker(idB, m.second, b, 1)}
      </div>
      {va && vb ? (
        <>
          <p className="muted small" data-testid="compare-summary" aria-live="polite">
            {va === vb ? m.same : m.summary(formatInt(differing), formatInt(rows.length))}
          </p>
          <TableScroll label={m.caption(va.versionNumber, vb.versionNumber)}>
            <table className="data-table compare-table" data-testid="version-compare">
              <caption className="visually-hidden">
                {m.caption(va.versionNumber, vb.versionNumber)}
              </caption>
              <thead>
                <tr>
                  <th scope="col">{m.fact}</th>
                  <th scope="col">{va.versionNumber}</th>
                  <th scope="col">{vb.versionNumber}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr key={r.key} className={r.differs ? 'compare-differs' : undefined} data-differs={r.differs}>
                    <th scope="row">
                      {r.label}
                      {r.differs ? <span className="compare-mark">{m.differs}</span> : null}
                    </th>
                    <td>{r.a}</td>
                    <td>{r.b}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        </>
      ) : null}
    </DetailSection>
  );
}
