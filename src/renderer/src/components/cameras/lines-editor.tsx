import type { LineRow } from './camera-form-model';
import { RowsEditor } from './rows-editor';

const COORDS = ['x1', 'y1', 'x2', 'y2'] as const;

/**
 * Counting lines as rows of x1, y1, x2, y2 in the camera's pixels. Crossing from the left of
 * (x1,y1)→(x2,y2) to its right counts "in".
 */
export function LinesEditor({ rows, problems, onChange }: { rows: LineRow[]; problems: (index: number) => string | null; onChange: (rows: LineRow[]) => void }) {
  return (
    <RowsEditor
      noun="Line"
      legend="Counting lines"
      help={
        <>
          Pixels of the camera picture. A person crossing from the left of x1,y1 → x2,y2 to its right counts as <em>in</em>.
        </>
      }
      empty="No lines: the camera only counts zones (if any)."
      blank={{ name: '', x1: '', y1: '', x2: '', y2: '' }}
      rows={rows}
      problems={problems}
      onChange={onChange}
      cells={(row, update, { label, ...invalid }) =>
        COORDS.map((c) => (
          <label className="editor-cell editor-coord" key={c}>
            <span className="editor-label">{c}</span>
            <input type="text" inputMode="decimal" value={row[c]} onChange={(e) => update({ [c]: e.target.value })} aria-label={`${label} ${c}`} {...invalid} />
          </label>
        ))
      }
    />
  );
}
