import { useId, useState } from 'react';
import type { RequestInput } from '../../../../shared/contract';
import type { DerivedVersionDto } from '../../../../shared/dto-models';
import { getApi } from '../../api';
import { formatInt } from '../../format';
import { issueAt, useAction } from '../../hooks/use-action';
import { t } from '../../i18n';
import { useCanRequest } from '../../stores/session';
import type { VersionChoice } from '../../stores/experiments';
import { InlineError } from '../inline-error';
import { TextField } from '../text-field';
import { BusyIndicator, useElapsed } from './run-fields';

/** A <select> of every registered version, grouped by model; production is marked. */
export function VersionSelect({
  label,
  help,
  value,
  choices,
  onChange,
  error,
}: {
  label: string;
  help: string;
  value: string;
  choices: readonly VersionChoice[];
  onChange: (ref: string) => void;
  error?: string | null;
}) {
  const id = useId();
  const models = [...new Set(choices.map((c) => c.modelId))];
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select
        id={id}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        aria-describedby={`${id}-help${error ? ` ${id}-error` : ''}`}
        aria-invalid={error ? true : undefined}
      >
        {models.map((modelId) => {
          const versions = choices.filter((c) => c.modelId === modelId);
          return (
            <optgroup key={modelId} label={versions[0]?.modelName ?? modelId}>
              {versions.map((c) => (
                <option key={c.ref} value={c.ref}>
                  {c.ref}
                  {c.production ? ` ${t().experiments.versions.production}` : ''}
                </option>
              ))}
            </optgroup>
          );
        })}
      </select>
      <p className="field-help" id={`${id}-help`}>
        {help}
      </p>
      {error ? (
        <p className="field-error" id={`${id}-error`}>
          {error}
        </p>
      ) : null}
    </div>
  );
}

type DeriveKind = 'size' | 'int8' | 'threshold';

function derivedInWords(d: DerivedVersionDto): string {
  const m = t().experiments.versions;
  if (d.status === 'existing') return m.existing(d.ref, d.parentRef);
  const seconds = Math.max(1, Math.round(d.ms / 1000));
  // The engine's changelog opens with "derived from PARENT:", which the sentence already says.
  const made = m.made(d.ref, d.parentRef, formatInt(seconds), d.changelog.replace(/^derived from [^:]+:\s*/, ''));
  return d.samplePersons === null ? made : `${made} ${m.persons(d.samplePersons, formatInt(d.samplePersons))}`;
}

/**
 * Derives a faster or differently tuned challenger from `sourceRef` right here (models:derive):
 * input 320, int8, or another detection threshold. It takes 10–60 s; the new version becomes
 * the challenger.
 */
export function DeriveChallenger({ sourceRef, onDerived }: { sourceRef: string; onDerived: (ref: string) => void }) {
  const canDerive = useCanRequest('models:derive');
  const [kind, setKind] = useState<DeriveKind | null>(null);
  const [threshold, setThreshold] = useState('');
  const [done, setDone] = useState('');
  const action = useAction((input: RequestInput<'models:derive'>) => getApi().models.derive(input));
  const seconds = useElapsed(action.pending);
  if (!canDerive) return null;

  const at = sourceRef.lastIndexOf('@');
  const modelId = sourceRef.slice(0, at);
  const version = sourceRef.slice(at + 1);
  const m = t().experiments.versions;

  async function derive(k: DeriveKind) {
    setKind(k);
    setDone('');
    const options = k === 'size' ? { inputSize: 320 } : k === 'int8' ? { int8: true } : { confThreshold: Number(threshold.trim()) };
    const result = await action.run({ modelId, version, ...options });
    if (!result) return;
    setDone(derivedInWords(result));
    onDerived(result.ref);
  }

  return (
    <fieldset className="choice-group derive">
      <legend>{m.legend(sourceRef)}</legend>
      <div className="button-row">
        <button type="button" className="button" disabled={action.pending || at <= 0} onClick={() => void derive('size')}>
          {m.make320}
        </button>
        <button type="button" className="button" disabled={action.pending || at <= 0} onClick={() => void derive('int8')}>
          {m.makeInt8}
        </button>
      </div>
      <div className="field-row derive-threshold">
        <TextField
          label={m.threshold}
          inputMode="decimal"
          value={threshold}
          onChange={setThreshold}
          placeholder={m.thresholdPlaceholder}
          help={m.thresholdHelp}
          error={kind === 'threshold' ? issueAt(action.error, 'confThreshold') : null}
        />
        <div className="field field-button">
          <button type="button" className="button" disabled={action.pending || at <= 0 || threshold.trim() === ''} onClick={() => void derive('threshold')}>
            {m.makeThreshold}
          </button>
        </div>
      </div>
      <p className="field-help">{m.help}</p>
      {action.pending && kind ? <BusyIndicator label={m.making(m.kinds[kind])} seconds={seconds} /> : null}
      <InlineError error={action.error} context={m.makingError(kind ? m.kinds[kind] : m.theVersion)} />
      <p role="status" className={done ? 'notice notice-good' : 'visually-hidden'} data-testid="derived">
        {done}
      </p>
    </fieldset>
  );
}
