import type { AppErrorShape } from '../../../shared/result';
import { issueAt } from '../hooks/use-action';
import { TextField } from './text-field';

/** One typed text field of a request form, named by the request key its envelope issue comes under. */
export interface RequestField<K extends string> {
  key: K;
  label: string;
  placeholder: string;
  help: string;
  required?: boolean;
}

/**
 * The plain text fields of a request form (paths, versions), each showing the envelope issue at
 * its own key beside it; the form keeps their values in one record keyed the same way.
 */
export function RequestFields<K extends string>({
  fields,
  values,
  onChange,
  error,
}: {
  fields: ReadonlyArray<RequestField<K>>;
  values: Record<K, string>;
  onChange: (values: Record<K, string>) => void;
  error: AppErrorShape | null;
}) {
  return fields.map((f) => (
    <TextField
      key={f.key}
      label={f.label}
      required={f.required}
      value={values[f.key]}
      onChange={(value) => onChange({ ...values, [f.key]: value })}
      placeholder={f.placeholder}
      help={f.help}
      error={issueAt(error, f.key)}
    />
  ));
}
