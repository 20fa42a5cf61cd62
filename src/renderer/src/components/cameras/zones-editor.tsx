import type { ZoneRow } from './camera-form-model';
import { RowsEditor } from './rows-editor';

/** Zones (occupancy areas) as polygons written "x,y;x,y;x,y;…" in the camera's pixels. */
export function ZonesEditor({ rows, problems, onChange }: { rows: ZoneRow[]; problems: (index: number) => string | null; onChange: (rows: ZoneRow[]) => void }) {
  return (
    <RowsEditor
      noun="Zone"
      legend="Zones"
      help="At least three corners, e.g. 0,0;320,0;320,240;0,240. People inside a zone count toward its occupancy."
      empty="No zones."
      blank={{ name: '', points: '' }}
      rows={rows}
      problems={problems}
      onChange={onChange}
      cells={(row, update, { label, ...invalid }) => (
        <label className="editor-cell editor-points">
          <span className="editor-label">Corners x,y;x,y;…</span>
          <input type="text" value={row.points} spellCheck={false} onChange={(e) => update({ points: e.target.value })} aria-label={`${label} corners`} {...invalid} />
        </label>
      )}
    />
  );
}
