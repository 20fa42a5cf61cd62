import { useState } from 'react';
import type { RequestInput } from '../../../../shared/contract';
import type { CameraTestDto } from '../../../../shared/dto-cameras';
import { getApi } from '../../api';
import { useAction } from '../../hooks/use-action';
import { InlineError } from '../inline-error';
import { ConnectionResult } from './connection-result';

/** "Test connection" for what the form holds; the result stays until the next test. */
export function ConnectionTest({ input, disabled }: { input: () => RequestInput<'cameras:test'>; disabled?: boolean }) {
  const [result, setResult] = useState<CameraTestDto | null>(null);
  const action = useAction((i: RequestInput<'cameras:test'>) => getApi().cameras.test(i));

  async function test() {
    setResult(null);
    setResult(await action.run(input()));
  }

  return (
    <div className="connection-test">
      <button type="button" className="button" onClick={() => void test()} disabled={disabled || action.pending}>
        {action.pending ? 'Testing…' : 'Test connection'}
      </button>
      <div role="status" aria-live="polite" className="connection-test-result">
        {result ? <ConnectionResult result={result} /> : null}
      </div>
      <InlineError error={action.error} context="Connection test" />
    </div>
  );
}
