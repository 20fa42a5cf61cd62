import type { ReactNode } from 'react';
import { t } from '../i18n';
import { useSession } from '../stores/session';
import { Loading } from './loading';
import { ChangePasswordForm, SetupForm, SignInForm } from './sign-in-form';

function AuthScreen({ title, text, children }: { title: string; text: string; children: ReactNode }) {
  return (
    <main className="auth-screen" id="main">
      <section className="card auth-card" aria-labelledby="page-title">
        <div className="brand">
          <img src="./favicon.svg" alt="" width={28} height={28} />
          <span>{t().common.appName}</span>
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
  const m = t().shell.auth;
  if (status === 'loading') return <Loading what={m.yourSession} />;
  if (status === 'unreachable') {
    return (
      <AuthScreen title={m.unreachableTitle} text={error ? `${error.code}: ${error.message}` : m.engineDidNotAnswer}>
        <button type="button" className="button" onClick={() => void useSession.getState().load()}>
          {t().common.retry}
        </button>
      </AuthScreen>
    );
  }
  if (status === 'setup') {
    return (
      <AuthScreen title={m.setupTitle} text={m.setupText}>
        <SetupForm />
      </AuthScreen>
    );
  }
  if (status === 'signed-out') {
    return (
      <AuthScreen title={m.signInTitle} text={m.signInText}>
        <SignInForm />
      </AuthScreen>
    );
  }
  if (me?.mustChangePassword) {
    return (
      <AuthScreen title={m.newPasswordTitle} text={m.newPasswordText}>
        <ChangePasswordForm />
      </AuthScreen>
    );
  }
  return <>{children}</>;
}
