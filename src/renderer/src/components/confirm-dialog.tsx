import type { FormEvent, ReactNode } from 'react';
import type { AppErrorShape } from '../../../shared/result';
import { t } from '../i18n';
import { InlineError } from './inline-error';
import { ModalDialog } from './modal-dialog';

/** "Are you sure?" with room for extra fields (a reason, a scope) and the envelope error inline. */
export function ConfirmDialog({
  title,
  description,
  confirmLabel,
  pendingLabel,
  danger,
  pending,
  error,
  errorContext,
  confirmDisabled,
  onConfirm,
  onClose,
  children,
}: {
  title: string;
  description?: ReactNode;
  confirmLabel: string;
  pendingLabel?: string;
  danger?: boolean;
  pending: boolean;
  error: AppErrorShape | null;
  errorContext: string;
  confirmDisabled?: boolean;
  onConfirm: () => void;
  onClose: () => void;
  children?: ReactNode;
}) {
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!pending && !confirmDisabled) onConfirm();
  }
  return (
    <ModalDialog title={title} description={description} onClose={onClose}>
      <form className="modal-body" onSubmit={submit} noValidate>
        {children}
        <InlineError error={error} context={errorContext} />
        <div className="modal-actions">
          <button type="button" className="button" onClick={onClose}>
            {t().common.cancel}
          </button>
          <button type="submit" className={danger ? 'button button-danger' : 'button button-primary'} disabled={pending || confirmDisabled}>
            {pending ? (pendingLabel ?? t().common.working) : confirmLabel}
          </button>
        </div>
      </form>
    </ModalDialog>
  );
}
