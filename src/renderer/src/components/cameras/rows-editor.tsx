import type { ReactNode } from 'react';
import { formatInt } from '../../format';
import { t } from '../../i18n';

/** What a row's shape inputs need so their problem is announced with them. */
export interface RowCellProps {
  /** "Line 1", "Zone 2": the row's accessible name and the prefix of its inputs' names. */
  label: string;
  'aria-invalid': true | undefined;
  'aria-describedby': string | undefined;
}

/**
 * The frame shared by the counting-lines and zones editors: a named row per item with Remove and
 * its problem, and Add below. Each editor supplies only the inputs that hold its item's shape.
 */
export function RowsEditor<R extends { id?: number; name: string }>({
  prefix,
  rowLabel,
  addLabel,
  legend,
  help,
  empty,
  blank,
  rows,
  problems,
  onChange,
  cells,
}: {
  /** "line" or "zone": the stem of ids and of the default names the placeholders show (line1, zone2), in every language. */
  prefix: string;
  /** A row's accessible name from its number: "Line 1", "Zone 2". */
  rowLabel: (n: string) => string;
  addLabel: string;
  legend: string;
  help: ReactNode;
  empty: string;
  blank: R;
  rows: R[];
  problems: (index: number) => string | null;
  onChange: (rows: R[]) => void;
  cells: (row: R, update: (patch: Partial<R>) => void, props: RowCellProps) => ReactNode;
}) {
  const m = t().cameras.rows;
  const update = (index: number, patch: Partial<R>) => onChange(rows.map((r, i) => (i === index ? { ...r, ...patch } : r)));
  return (
    <fieldset className="rows-editor">
      <legend>{legend}</legend>
      <p className="field-help">{help}</p>
      {rows.length === 0 ? <p className="muted small">{empty}</p> : null}
      {rows.map((row, index) => {
        const problem = problems(index);
        const label = rowLabel(formatInt(index + 1));
        const errorId = `${prefix}-${index}-error`;
        const cellProps: RowCellProps = { label, 'aria-invalid': problem ? true : undefined, 'aria-describedby': problem ? errorId : undefined };
        return (
          <div className="editor-row" key={row.id ?? `new-${index}`} role="group" aria-label={label}>
            <label className="editor-cell editor-name">
              <span className="editor-label">{m.name}</span>
              <input
                type="text"
                value={row.name}
                placeholder={`${prefix}${index + 1}`}
                onChange={(e) => update(index, { name: e.target.value } as Partial<R>)}
                aria-label={m.nameOf(label)}
              />
            </label>
            {cells(row, (patch) => update(index, patch), cellProps)}
            <button type="button" className="button button-small button-quiet editor-remove" onClick={() => onChange(rows.filter((_, i) => i !== index))}>
              {m.remove}
              <span className="visually-hidden"> {label}</span>
            </button>
            {problem ? (
              <p className="field-error editor-error" id={errorId}>
                {label}: {problem}
              </p>
            ) : null}
          </div>
        );
      })}
      <button type="button" className="button button-small" onClick={() => onChange([...rows, blank])}>
        {addLabel}
      </button>
    </fieldset>
  );
}
