import type { ReactNode } from 'react';
import { useSession } from '../stores/session';
import { Loading } from './loading';
import { ChangePasswordForm, SetupForm, SignInForm } from './sign-in-form';

function AuthScreen({ title, text, children }: { title: string; text: string; children: ReactNode }) {
  return (
    <main className="auth-screen" id="main">
      <section className="card auth-card" aria-labelledby="page-title">
        <div className="brand">
          <img src="./favicon.svg" alt="" width={28} height={28} />
          <span>Footfall</span>
        </div>
        <h1 id="page-title">{title}</h1>
        <p className="page-description">{text}</p>
        {children}
      </section>
    </main>
  );
}

/** Nothing of the app loads before there is a caller the engine accepts. */
export function AuthGate({ children }: { children: ReactNode }) {
  const status = useSession((s) => s.status);
  const me = useSession((s) => s.me);
  const error = useSession((s) => s.error);
  if (status === 'loading') return <Loading what="your session" />;
  if (status === 'unreachable') {
    return (
      <AuthScreen title="Footfall is not reachable" text={error ? `${error.code}: ${error.message}` : 'The engine did not answer.'}>
        <button type="button" className="button" onClick={() => void useSession.getState().load()}>
          Try again
        </button>
      </AuthScreen>
    );
  }
  if (status === 'setup') {
    return (
      <AuthScreen title="Create the admin account" text="This is the first start. The admin manages users, settings and backups; there is no default password.">
        <SetupForm />
      </AuthScreen>
    );
  }
  if (status === 'signed-out') {
    return (
      <AuthScreen title="Sign in" text="Sign in with the account your shop's admin made for you.">
        <SignInForm />
      </AuthScreen>
    );
  }
  if (me?.mustChangePassword) {
    return (
      <AuthScreen title="Choose a new password" text="An admin set a temporary password for you. Choose your own to go on.">
        <ChangePasswordForm />
      </AuthScreen>
    );
  }
  return <>{children}</>;
}
