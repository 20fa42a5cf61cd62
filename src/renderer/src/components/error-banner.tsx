import { useErrors } from '../stores/errors';

/** Every failed envelope ends up here; the page keeps working underneath. */
export function ErrorBanner() {
  const errors = useErrors((s) => s.errors);
  const dismiss = useErrors((s) => s.dismiss);
  if (errors.length === 0) return null;
  return (
    <div className="error-banner" role="alert">
      <ul>
        {errors.map((entry) => (
          <li key={entry.id}>
            <div>
              <strong>{entry.context} failed</strong> <code className="error-code">{entry.error.code}</code>
              <p>{entry.error.message}</p>
            </div>
            <button type="button" className="button button-quiet" onClick={() => dismiss(entry.id)} aria-label={`Dismiss: ${entry.context} failed`}>
              Dismiss
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
