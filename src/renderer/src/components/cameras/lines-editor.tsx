import type { LineRow } from './camera-form-model';

const COORDS = ['x1', 'y1', 'x2', 'y2'] as const;

/**
 * Counting lines as rows of x1, y1, x2, y2 in the camera's pixels. Crossing from the left of
 * (x1,y1)→(x2,y2) to its right counts "in".
 */
export function LinesEditor({ rows, problems, onChange }: { rows: LineRow[]; problems: (index: number) => string | null; onChange: (rows: LineRow[]) => void }) {
  const update = (index: number, patch: Partial<LineRow>) => onChange(rows.map((r, i) => (i === index ? { ...r, ...patch } : r)));
  return (
    <fieldset className="rows-editor">
      <legend>Counting lines</legend>
      <p className="field-help">
        Pixels of the camera picture. A person crossing from the left of x1,y1 → x2,y2 to its right counts as <em>in</em>.
      </p>
      {rows.length === 0 ? <p className="muted small">No lines: the camera only counts zones (if any).</p> : null}
      {rows.map((row, index) => {
        const problem = problems(index);
        const label = `Line ${index + 1}`;
        const errorId = `line-${index}-error`;
        return (
          <div className="editor-row" key={row.id ?? `new-${index}`} role="group" aria-label={label}>
            <label className="editor-cell editor-name">
              <span className="editor-label">Name</span>
              <input
                type="text"
                value={row.name}
                placeholder={`line${index + 1}`}
                onChange={(e) => update(index, { name: e.target.value })}
                aria-label={`${label} name`}
              />
            </label>
            {COORDS.map((c) => (
              <label className="editor-cell editor-coord" key={c}>
                <span className="editor-label">{c}</span>
                <input
                  type="text"
                  inputMode="decimal"
                  value={row[c]}
                  onChange={(e) => update(index, { [c]: e.target.value })}
                  aria-label={`${label} ${c}`}
                  aria-invalid={problem ? true : undefined}
                  aria-describedby={problem ? errorId : undefined}
                />
              </label>
            ))}
            <button type="button" className="button button-small button-quiet editor-remove" onClick={() => onChange(rows.filter((_, i) => i !== index))}>
              Remove<span className="visually-hidden"> {label}</span>
            </button>
            {problem ? (
              <p className="field-error editor-error" id={errorId}>
                {label}: {problem}
              </p>
            ) : null}
          </div>
        );
      })}
      <button type="button" className="button button-small" onClick={() => onChange([...rows, { name: '', x1: '', y1: '', x2: '', y2: '' }])}>
        Add line
      </button>
    </fieldset>
  );
}
