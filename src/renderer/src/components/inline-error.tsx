import type { AppErrorShape } from '../../../shared/result';

/** An envelope error shown where the action was started; the rest of the page keeps working. */
export function InlineError({ error, context }: { error: AppErrorShape | null; context: string }) {
  if (!error) return null;
  const issues = error.issues ?? [];
  return (
    <div className="inline-error" role="alert">
      <p className="inline-error-title">
        <strong>{context} failed</strong> <code className="error-code">{error.code}</code>
      </p>
      <p className="inline-error-message">{error.message}</p>
      {issues.length > 1 ? (
        <ul className="inline-error-issues">
          {issues.map((issue) => (
            <li key={`${issue.path}:${issue.message}`}>
              <code>{issue.path}</code>: {issue.message}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
