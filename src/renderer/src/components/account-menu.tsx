import { useState } from 'react';
import { useSession } from '../stores/session';
import { ModalDialog } from './modal-dialog';
import { ChangePasswordForm, SignInForm } from './sign-in-form';

const ROLE_LABEL = { viewer: 'Viewer', operator: 'Operator', technician: 'Technician', admin: 'Admin' } as const;

/** Who is signed in, with sign in / sign out / change password; sits at the foot of the sidebar. */
export function AccountMenu() {
  const me = useSession((s) => s.me);
  const signOut = useSession((s) => s.signOut);
  const [dialog, setDialog] = useState<'sign-in' | 'password' | null>(null);
  if (!me || me.role === null) return null;
  const name = me.user ? (me.user.displayName ?? me.user.username) : null;

  return (
    <section className="account" aria-label="Account">
      <p className="account-who" data-testid="signed-in-as">
        {name ? (
          <>
            <span className="account-name">{name}</span> <span className="account-role">{ROLE_LABEL[me.role]}</span>
          </>
        ) : (
          <>
            <span className="account-role">{ROLE_LABEL[me.role]}</span> <span className="account-note">(no password)</span>
          </>
        )}
      </p>
      <div className="account-actions">
        {me.user ? (
          <>
            <button type="button" className="button button-small button-quiet" onClick={() => setDialog('password')}>
              Change password
            </button>
            <button type="button" className="button button-small" onClick={() => void signOut()}>
              Sign out
            </button>
          </>
        ) : (
          <button type="button" className="button button-small button-primary" onClick={() => setDialog('sign-in')}>
            Sign in
          </button>
        )}
      </div>
      {dialog === 'sign-in' ? (
        <ModalDialog title="Sign in" description="Technicians and admins sign in for more than this PC allows without a password." onClose={() => setDialog(null)}>
          <SignInForm onDone={() => setDialog(null)} />
        </ModalDialog>
      ) : null}
      {dialog === 'password' ? (
        <ModalDialog title="Change password" description="Your other sessions end when the password changes." onClose={() => setDialog(null)}>
          <ChangePasswordForm onDone={() => setDialog(null)} />
        </ModalDialog>
      ) : null}
    </section>
  );
}
