import { useEffect } from 'react';
import { plainError } from '../plain-errors';
import { contextText, useErrors } from '../stores/errors';
import { t } from '../i18n';
import { useLive } from '../stores/live';

/**
 * Every failed envelope ends up here, in plain words (the code only as `data-code`); the page
 * keeps working underneath. Entries clear themselves: when the same action later succeeds, and
 * every "cannot reach the server" entry when the connection is back.
 */
export function ErrorBanner() {
  const errors = useErrors((s) => s.errors);
  const dismiss = useErrors((s) => s.dismiss);
  const clearUnavailable = useErrors((s) => s.clearUnavailable);
  const engine = useLive((s) => s.engine);
  useEffect(() => {
    if (engine?.state === 'running') clearUnavailable();
  }, [engine, clearUnavailable]);
  if (errors.length === 0) return null;
  const m = t().errors;
  return (
    <div className="error-banner" role="alert">
      <ul>
        {errors.map((entry) => {
          const context = contextText(entry.context);
          return (
            <li key={entry.id} data-code={entry.error.code}>
              <div>
                <strong>{m.failed(context)}</strong>
                <p>{plainError(entry.error)}</p>
              </div>
              <button type="button" className="button button-quiet" onClick={() => dismiss(entry.id)} aria-label={m.dismissFailed(context)}>
                {t().common.dismiss}
              </button>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
