import { t } from '../../i18n';
import type { LineRow } from './camera-form-model';
import { RowsEditor } from './rows-editor';

const COORDS = ['x1', 'y1', 'x2', 'y2'] as const;

/**
 * Counting lines as rows of x1, y1, x2, y2 in the camera's pixels: the typed twin of the drawing
 * (docs/ARCHITECTURE.md "Line direction" says which way counts "in").
 */
export function LinesEditor({ rows, problems, onChange }: { rows: LineRow[]; problems: (index: number) => string | null; onChange: (rows: LineRow[]) => void }) {
  const m = t().cameras.rows.lines;
  return (
    <RowsEditor
      prefix="line"
      rowLabel={m.row}
      addLabel={m.add}
      legend={m.legend}
      help={
        <>
          {m.helpBefore}
          <em>{m.helpIn}</em>
          {m.helpAfter}
        </>
      }
      empty={m.empty}
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
