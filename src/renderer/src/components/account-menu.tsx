import { useState } from 'react';
import { t } from '../i18n';
import { useSession } from '../stores/session';
import { ModalDialog } from './modal-dialog';
import { ChangePasswordForm, SignInForm } from './sign-in-form';

/** Who is signed in, with sign in / sign out / change password; sits at the foot of the sidebar. */
export function AccountMenu() {
  const me = useSession((s) => s.me);
  const signOut = useSession((s) => s.signOut);
  const [dialog, setDialog] = useState<'sign-in' | 'password' | null>(null);
  if (!me || me.role === null) return null;
  const m = t().shell.account;
  const roleName = t().shell.roles[me.role];
  const name = me.user ? (me.user.displayName ?? me.user.username) : null;

  return (
    <section className="account" aria-label={m.region}>
      <p className="account-who" data-testid="signed-in-as">
        {name ? (
          <>
            <span className="account-name">{name}</span> <span className="account-role">{roleName}</span>
          </>
        ) : (
          <>
            <span className="account-role">{roleName}</span> <span className="account-note">{m.noPassword}</span>
          </>
        )}
      </p>
      <div className="account-actions">
        {me.user ? (
          <>
            <button type="button" className="button button-small button-quiet" onClick={() => setDialog('password')}>
              {m.changePassword}
            </button>
            <button type="button" className="button button-small" onClick={() => void signOut()}>
              {m.signOut}
            </button>
          </>
        ) : (
          <button type="button" className="button button-small button-primary" onClick={() => setDialog('sign-in')}>
            {m.signIn}
          </button>
        )}
      </div>
      {dialog === 'sign-in' ? (
        <ModalDialog title={m.signIn} description={m.signInDescription} onClose={() => setDialog(null)}>
          <SignInForm onDone={() => setDialog(null)} />
        </ModalDialog>
      ) : null}
      {dialog === 'password' ? (
        <ModalDialog title={m.changePassword} description={m.changePasswordDescription} onClose={() => setDialog(null)}>
          <ChangePasswordForm onDone={() => setDialog(null)} />
        </ModalDialog>
      ) : null}
    </section>
  );
}
