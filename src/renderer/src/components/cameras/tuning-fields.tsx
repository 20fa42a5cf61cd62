import { useEffect, useId, useRef } from 'react';
import { CAMERA_TUNING_FIELDS, type TuningField, type TuningKey } from '../../../../shared/camera-tuning-fields';

/**
 * The camera's own detection and counting settings: each with its unit, its default and the
 * range the engine accepts (a typed number input with min, max and step); empty = the default.
 */
export function TuningFields({ values, problems, onChange }: { values: Record<TuningKey, string>; problems: (key: TuningKey) => string | null; onChange: (key: TuningKey, value: string) => void }) {
  const changed = CAMERA_TUNING_FIELDS.filter((f) => (values[f.key] ?? '') !== '').length;
  const anyProblem = CAMERA_TUNING_FIELDS.some((f) => problems(f.key));
  const details = useRef<HTMLDetailsElement>(null);
  // A refused value opens the section (and it stays as the user leaves it).
  useEffect(() => {
    if (anyProblem && details.current) details.current.open = true;
  }, [anyProblem]);
  return (
    <details className="rows-editor tuning" ref={details}>
      <summary>
        Detection and counting settings <span className="muted small">({changed === 0 ? 'all defaults' : `${changed} changed`})</span>
      </summary>
      <p className="field-help">Leave a field empty for its default. The defaults suit most shop cameras; change one only when people are missed or counted twice.</p>
      <div className="tuning-fields">
        {CAMERA_TUNING_FIELDS.map((f) => (
          <TuningInput key={f.key} field={f} value={values[f.key] ?? ''} problem={problems(f.key)} onChange={(v) => onChange(f.key, v)} />
        ))}
      </div>
    </details>
  );
}

function TuningInput({ field: f, value, problem, onChange }: { field: TuningField; value: string; problem: string | null; onChange: (value: string) => void }) {
  const id = useId();
  const describedBy = `${id}-help${problem ? ` ${id}-error` : ''}`;
  return (
    <div className="field">
      <label htmlFor={id}>{f.kind === 'number' ? `${f.label} (${f.unit})` : f.label}</label>
      {f.kind === 'number' ? (
        <input
          id={id}
          type="number"
          inputMode="decimal"
          min={f.min}
          max={f.max}
          step={f.step}
          value={value}
          placeholder={`default: ${f.defaultText}`}
          aria-invalid={problem ? true : undefined}
          aria-describedby={describedBy}
          onChange={(e) => onChange(e.target.value)}
        />
      ) : (
        <select id={id} value={value} aria-describedby={describedBy} onChange={(e) => onChange(e.target.value)}>
          <option value="">Default ({f.defaultValue ? 'on' : 'off'})</option>
          <option value="true">On</option>
          <option value="false">Off</option>
        </select>
      )}
      <p className="field-help" id={`${id}-help`}>
        {f.help} {f.kind === 'number' ? `Default ${f.defaultText}; from ${f.min} to ${f.max} ${f.unit.replace(/ \(.*\)$/, '')}.` : ''}
      </p>
      {problem ? (
        <p className="field-error" id={`${id}-error`}>
          {problem}
        </p>
      ) : null}
    </div>
  );
}
