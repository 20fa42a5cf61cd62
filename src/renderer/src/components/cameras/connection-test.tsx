import { useState } from 'react';
import type { RequestInput } from '../../../../shared/contract';
import type { CameraTestDto } from '../../../../shared/dto-cameras';
import { getApi } from '../../api';
import { t } from '../../i18n';
import { useAction } from '../../hooks/use-action';
import { InlineError } from '../inline-error';
import { ConnectionResult } from './connection-result';

/** "Test connection" for what the form holds; the result stays until the next test. */
export function ConnectionTest({
  input,
  disabled,
  onResult,
}: {
  input: () => RequestInput<'cameras:test'>;
  disabled?: boolean;
  /** Told each result (null while a test runs), so the form can warn before saving. */
  onResult?: (result: CameraTestDto | null) => void;
}) {
  const [result, setResult] = useState<CameraTestDto | null>(null);
  const action = useAction((i: RequestInput<'cameras:test'>) => getApi().cameras.test(i));

  async function test() {
    setResult(null);
    onResult?.(null);
    const found = await action.run(input());
    setResult(found);
    onResult?.(found);
  }

  const m = t().cameras.connection;
  return (
    <div className="connection-test">
      <button type="button" className="button" onClick={() => void test()} disabled={disabled || action.pending}>
        {action.pending ? m.testing : m.testConnection}
      </button>
      <div role="status" aria-live="polite" className="connection-test-result">
        {result ? <ConnectionResult result={result} /> : null}
      </div>
      <InlineError error={action.error} context={m.context} />
    </div>
  );
}
