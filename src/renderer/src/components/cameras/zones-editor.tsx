import type { ZoneRow } from './camera-form-model';

/** Zones (occupancy areas) as polygons written "x,y;x,y;x,y;…" in the camera's pixels. */
export function ZonesEditor({ rows, problems, onChange }: { rows: ZoneRow[]; problems: (index: number) => string | null; onChange: (rows: ZoneRow[]) => void }) {
  const update = (index: number, patch: Partial<ZoneRow>) => onChange(rows.map((r, i) => (i === index ? { ...r, ...patch } : r)));
  return (
    <fieldset className="rows-editor">
      <legend>Zones</legend>
      <p className="field-help">At least three corners, e.g. 0,0;320,0;320,240;0,240. People inside a zone count toward its occupancy.</p>
      {rows.length === 0 ? <p className="muted small">No zones.</p> : null}
      {rows.map((row, index) => {
        const problem = problems(index);
        const label = `Zone ${index + 1}`;
        const errorId = `zone-${index}-error`;
        return (
          <div className="editor-row" key={row.id ?? `new-${index}`} role="group" aria-label={label}>
            <label className="editor-cell editor-name">
              <span className="editor-label">Name</span>
              <input type="text" value={row.name} placeholder={`zone${index + 1}`} onChange={(e) => update(index, { name: e.target.value })} aria-label={`${label} name`} />
            </label>
            <label className="editor-cell editor-points">
              <span className="editor-label">Corners x,y;x,y;…</span>
              <input
                type="text"
                value={row.points}
                spellCheck={false}
                onChange={(e) => update(index, { points: e.target.value })}
                aria-label={`${label} corners`}
                aria-invalid={problem ? true : undefined}
                aria-describedby={problem ? errorId : undefined}
              />
            </label>
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
      <button type="button" className="button button-small" onClick={() => onChange([...rows, { name: '', points: '' }])}>
        Add zone
      </button>
    </fieldset>
  );
}
