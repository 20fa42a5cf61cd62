import { useId, type ReactNode } from 'react';

/** A labelled text input with its help text and its envelope message wired to aria-describedby. */
export function TextField({
  label,
  value,
  onChange,
  onBlur,
  help,
  error,
  required,
  inputMode,
  placeholder,
  autoComplete = 'off',
  className,
  name,
  multiline,
}: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  onBlur?: () => void;
  help?: ReactNode;
  error?: string | null;
  required?: boolean;
  inputMode?: 'text' | 'numeric' | 'decimal' | 'url';
  placeholder?: string;
  autoComplete?: string;
  className?: string;
  name?: string;
  /** A <textarea> for notes and reasons. */
  multiline?: boolean;
}) {
  const id = useId();
  const describedBy = [help ? `${id}-help` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
  // What the one-line input and the notes textarea have in common.
  const control = {
    id,
    name,
    placeholder,
    value,
    required,
    onBlur,
    'aria-invalid': error ? true : undefined,
    'aria-describedby': describedBy || undefined,
  };
  return (
    <div className={className ? `field ${className}` : 'field'}>
      <label htmlFor={id}>
        {label}
        {required ? (
          <span className="required" aria-hidden="true">
            {' '}
            *
          </span>
        ) : null}
      </label>
      {multiline ? (
        <textarea rows={3} {...control} onChange={(e) => onChange(e.target.value)} />
      ) : (
        <input type="text" inputMode={inputMode} autoComplete={autoComplete} spellCheck={false} {...control} onChange={(e) => onChange(e.target.value)} />
      )}
      {help ? (
        <p className="field-help" id={`${id}-help`}>
          {help}
        </p>
      ) : null}
      {error ? (
        <p className="field-error" id={`${id}-error`}>
          {error}
        </p>
      ) : null}
    </div>
  );
}
