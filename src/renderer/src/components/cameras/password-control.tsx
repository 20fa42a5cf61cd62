import { useId, useState } from 'react';
import { t } from '../../i18n';
import type { PasswordChange } from './camera-form-model';

/**
 * Write-only password: the app never receives a stored password, so this shows only whether one
 * is set. The input is uncontrolled on purpose: React would otherwise mirror the typed value into
 * the element's `value` attribute, i.e. into the DOM.
 */
export function PasswordControl({
  stored,
  change,
  fromUrl,
  error,
  onChange,
}: {
  /** Whether the saved camera has a password (false when adding). */
  stored: boolean;
  change: PasswordChange;
  /** The password was typed inside the URL and moved here. */
  fromUrl: boolean;
  error: string | null;
  onChange: (change: PasswordChange) => void;
}) {
  const [editing, setEditing] = useState(false);
  const inputId = useId();
  const statusId = useId();

  const m = t().cameras.password;
  const status = change.kind === 'set' ? (fromUrl ? m.fromUrl : m.entered) : change.kind === 'remove' ? m.willRemove : stored ? m.set : m.notSet;

  function cancel() {
    setEditing(false);
    onChange({ kind: 'keep' });
  }

  return (
    <div className="field password-control" role="group" aria-labelledby={`${statusId}-label`}>
      <span className="field-label" id={`${statusId}-label`}>
        {m.label}
      </span>
      <div className="password-row">
        <span id={statusId} className={`password-status ${change.kind === 'keep' && !stored ? 'muted' : ''}`} aria-live="polite">
          {status}
        </span>
        {editing ? null : (
          <button type="button" className="button button-small" onClick={() => setEditing(true)} aria-describedby={statusId}>
            {stored || change.kind === 'set' ? m.change : m.setPassword}
          </button>
        )}
        {stored && change.kind !== 'remove' && !editing ? (
          <button type="button" className="button button-small" onClick={() => onChange({ kind: 'remove' })}>
            {m.remove}
          </button>
        ) : null}
        {change.kind !== 'keep' && !editing ? (
          <button type="button" className="button button-small button-quiet" onClick={cancel}>
            {m.undo}
          </button>
        ) : null}
      </div>
      {editing ? (
        <div className="password-row">
          <label htmlFor={inputId} className="visually-hidden">
            {m.newPassword}
          </label>
          <input
            id={inputId}
            type="password"
            autoComplete="new-password"
            // The user just asked to type it.
            autoFocus
            onChange={(e) => onChange(e.target.value === '' ? { kind: 'keep' } : { kind: 'set', value: e.target.value })}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? `${inputId}-error` : undefined}
          />
          <button type="button" className="button button-small" onClick={() => setEditing(false)}>
            {m.done}
          </button>
          <button type="button" className="button button-small button-quiet" onClick={cancel}>
            {m.cancel}
          </button>
        </div>
      ) : null}
      {error ? (
        <p className="field-error" id={`${inputId}-error`}>
          {error}
        </p>
      ) : null}
    </div>
  );
}
