import { t } from '../i18n';

/** The outcome of the last action on a page, announced politely to screen readers. */
export function Notice({ message, onDismiss }: { message: string; onDismiss: () => void }) {
  return (
    <div role="status" aria-live="polite" className={message ? 'notice notice-good' : 'visually-hidden'}>
      {message ? (
        <>
          <span>{message}</span>
          <button type="button" className="button button-quiet" onClick={onDismiss}>
            {t().common.dismiss}
            <span className="visually-hidden">{t().shell.dismissMessageSuffix}</span>
          </button>
        </>
      ) : null}
    </div>
  );
}
