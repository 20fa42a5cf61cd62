import { useState, type FormEvent } from 'react';
import { MIN_PASSWORD_LENGTH } from '../../../shared/requests-access';
import { getApi } from '../api';
import { issueAt, useAction } from '../hooks/use-action';
import { formatInt } from '../format';
import { t } from '../i18n';
import { useSession } from '../stores/session';
import { InlineError } from './inline-error';
import { PasswordField } from './password-field';
import { TextField } from './text-field';

/** User name and password → `auth:login`; on success the session store takes the new caller. */
export function SignInForm({ onDone }: { onDone?: () => void }) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const login = useAction((input: { username: string; password: string }) => getApi().auth.login(input));
  const setMe = useSession((s) => s.set);
  const m = t().shell.auth;

  async function submit(e: FormEvent) {
    e.preventDefault();
    const me = await login.run({ username, password });
    setPassword('');
    if (me) {
      setMe(me);
      onDone?.();
    }
  }

  return (
    <form className="auth-form" onSubmit={(e) => void submit(e)} aria-label={m.signIn}>
      <TextField label={m.userName} value={username} onChange={setUsername} autoComplete="username" required error={issueAt(login.error, 'username')} />
      <PasswordField label={m.password} value={password} onChange={setPassword} autoComplete="current-password" />
      <InlineError error={login.error} context={m.signingInContext} />
      <button type="submit" className="button button-primary" disabled={login.pending}>
        {login.pending ? m.signingIn : m.signIn}
      </button>
    </form>
  );
}

/** The first start: the admin account (there is never a default password). */
export function SetupForm() {
  const [username, setUsername] = useState('admin');
  const [displayName, setDisplayName] = useState('');
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [mismatch, setMismatch] = useState(false);
  const setup = useAction((input: { username: string; password: string; displayName?: string }) => getApi().auth.setup(input));
  const setMe = useSession((s) => s.set);
  const m = t().shell.auth;

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (password !== repeat) return setMismatch(true);
    setMismatch(false);
    const me = await setup.run({ username, password, ...(displayName.trim() ? { displayName: displayName.trim() } : {}) });
    if (me) setMe(me);
  }

  return (
    <form className="auth-form" onSubmit={(e) => void submit(e)} aria-label={m.createAdmin}>
      <TextField label={m.userName} value={username} onChange={setUsername} autoComplete="username" required error={issueAt(setup.error, 'username')} />
      <TextField label={m.yourNameOptional} value={displayName} onChange={setDisplayName} autoComplete="name" />
      <PasswordField
        label={m.password}
        value={password}
        onChange={setPassword}
        autoComplete="new-password"
        help={m.atLeastCharacters(formatInt(MIN_PASSWORD_LENGTH))}
        error={issueAt(setup.error, 'password')}
      />
      <PasswordField label={m.repeatPassword} value={repeat} onChange={setRepeat} autoComplete="new-password" error={mismatch ? m.passwordsDiffer : null} />
      <InlineError error={setup.error} context={m.creatingAdminContext} />
      <button type="submit" className="button button-primary" disabled={setup.pending}>
        {setup.pending ? m.creating : m.createAdmin}
      </button>
    </form>
  );
}

/** After an admin reset: the user picks a new password before anything else. */
export function ChangePasswordForm({ onDone }: { onDone?: () => void }) {
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [repeat, setRepeat] = useState('');
  const [mismatch, setMismatch] = useState(false);
  const change = useAction((input: { currentPassword: string; newPassword: string }) => getApi().auth.changePassword(input));
  const setMe = useSession((s) => s.set);
  const m = t().shell.auth;

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (next !== repeat) return setMismatch(true);
    setMismatch(false);
    const me = await change.run({ currentPassword: current, newPassword: next });
    if (me) {
      setMe(me);
      onDone?.();
    }
  }

  return (
    <form className="auth-form" onSubmit={(e) => void submit(e)} aria-label={m.changePassword}>
      <PasswordField label={m.currentPassword} value={current} onChange={setCurrent} autoComplete="current-password" />
      <PasswordField
        label={m.newPassword}
        value={next}
        onChange={setNext}
        autoComplete="new-password"
        help={m.atLeastCharacters(formatInt(MIN_PASSWORD_LENGTH))}
        error={issueAt(change.error, 'newPassword')}
      />
      <PasswordField label={m.repeatNewPassword} value={repeat} onChange={setRepeat} autoComplete="new-password" error={mismatch ? m.passwordsDiffer : null} />
      <InlineError error={change.error} context={m.changingPasswordContext} />
      <button type="submit" className="button button-primary" disabled={change.pending}>
        {m.changePassword}
      </button>
    </form>
  );
}
