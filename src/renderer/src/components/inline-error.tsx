import type { AppErrorShape } from '../../../shared/result';
import { t } from '../i18n';
import { plainError } from '../plain-errors';

/**
 * An envelope error shown where the action was started, in plain words (the code only as
 * `data-code`, for tests and support); the rest of the page keeps working.
 */
export function InlineError({ error, context }: { error: AppErrorShape | null; context: string }) {
  if (!error) return null;
  return (
    <div className="inline-error" role="alert" data-code={error.code}>
      <p className="inline-error-title">
        <strong>{t().errors.failed(context)}</strong>
      </p>
      <p className="inline-error-message">{plainError(error)}</p>
    </div>
  );
}
