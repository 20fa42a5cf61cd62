import type { LineRow } from './camera-form-model';
import { RowsEditor } from './rows-editor';

const COORDS = ['x1', 'y1', 'x2', 'y2'] as const;

/**
 * Counting lines as rows of x1, y1, x2, y2 in the camera's pixels: the typed twin of the drawing
 * (docs/ARCHITECTURE.md "Line direction" says which way counts "in").
 */
export function LinesEditor({ rows, problems, onChange }: { rows: LineRow[]; problems: (index: number) => string | null; onChange: (rows: LineRow[]) => void }) {
  return (
    <RowsEditor
      noun="Line"
      legend="Counting lines"
      help={
        <>
          Pixels of the camera picture (x to the right, y down), the same points as on the picture above. The IN arrow on the picture shows which way counts as <em>in</em>; “Flip direction” swaps it.
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
