import { t } from '../../i18n';
import type { ZoneRow } from './camera-form-model';
import { RowsEditor } from './rows-editor';

/** Zones (occupancy areas) as polygons written "x,y;x,y;x,y;…" in the camera's pixels. */
export function ZonesEditor({ rows, problems, onChange }: { rows: ZoneRow[]; problems: (index: number) => string | null; onChange: (rows: ZoneRow[]) => void }) {
  const m = t().cameras.rows.zones;
  return (
    <RowsEditor
      prefix="zone"
      rowLabel={m.row}
      addLabel={m.add}
      legend={m.legend}
      help={m.help}
      empty={m.empty}
      blank={{ name: '', points: '' }}
      rows={rows}
      problems={problems}
      onChange={onChange}
      cells={(row, update, { label, ...invalid }) => (
        <label className="editor-cell editor-points">
          <span className="editor-label">{m.corners}</span>
          <input type="text" value={row.points} spellCheck={false} onChange={(e) => update({ points: e.target.value })} aria-label={m.cornersOf(label)} {...invalid} />
        </label>
      )}
    />
  );
}
