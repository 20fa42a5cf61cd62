import { useEffect, useId, useState, type FormEvent } from 'react';
import type { UserDto } from '../../../shared/dto-access';
import { MIN_PASSWORD_LENGTH } from '../../../shared/requests-access';
import { ROLES, type Role } from '../../../shared/roles';
import { getApi } from '../api';
import { ACTIONS_COLUMN, DataTable, type Column } from '../components/data-table';
import { InlineError } from '../components/inline-error';
import { Loading } from '../components/loading';
import { ModalDialog } from '../components/modal-dialog';
import { Notice } from '../components/notice';
import { PageHeader } from '../components/page-header';
import { PasswordField } from '../components/password-field';
import { TextField } from '../components/text-field';
import { DASH, formatDateTime, formatInt } from '../format';
import { issueAt, useAction } from '../hooks/use-action';
import { t } from '../i18n';
import { createResourceStore } from '../stores/resource';
import { useSession } from '../stores/session';
import { useSettingsList } from '../stores/settings';

const useUsers = createResourceStore(() => t().users.loadingError, (api) => api.users.list());

/** The roles a desktop without a password may have (the stored values of `access.desktop_role`). */
const DESKTOP_ROLES = ['viewer', 'operator'] as const satisfies readonly Role[];

function columns(): readonly Column[] {
  const { common, users: m } = t();
  return [m.columns.user, common.name, m.role, common.state, m.columns.lastSignIn, ACTIONS_COLUMN];
}

/** A user's state in the table, in words. */
function stateText(u: UserDto, local: boolean): string {
  const m = t().users.states;
  if (u.disabled) return m.disabled;
  if (local) return m.cannotSignIn;
  return u.mustChangePassword ? m.mustChangePassword : m.active;
}

function RoleSelect({ value, onChange }: { value: Role; onChange: (r: Role) => void }) {
  const id = useId();
  const m = t().users;
  return (
    <div className="field">
      <label htmlFor={id}>{m.role}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value as Role)}>
        {ROLES.map((r) => (
          <option key={r} value={r}>
            {m.roles[r]} — {m.roleHelp[r]}
          </option>
        ))}
      </select>
    </div>
  );
}

function AddUserDialog({ onClose, onDone }: { onClose: () => void; onDone: (u: UserDto) => void }) {
  const [username, setUsername] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [role, setRole] = useState<Role>('operator');
  const [password, setPassword] = useState('');
  const add = useAction((input: { username: string; role: Role; password: string; displayName?: string }) => getApi().users.add(input));
  async function submit(e: FormEvent) {
    e.preventDefault();
    const u = await add.run({ username, role, password, ...(displayName.trim() ? { displayName: displayName.trim() } : {}) });
    if (u) onDone(u);
  }
  const { common } = t();
  const m = t().users.add;
  return (
    <ModalDialog title={m.title} description={m.description} onClose={onClose}>
      <form onSubmit={(e) => void submit(e)} aria-label={m.title}>
        <TextField label={m.username} value={username} onChange={setUsername} required error={issueAt(add.error, 'username')} help={m.usernameHelp} />
        <TextField label={common.name} value={displayName} onChange={setDisplayName} />
        <RoleSelect value={role} onChange={setRole} />
        <PasswordField
          label={m.temporaryPassword}
          value={password}
          onChange={setPassword}
          autoComplete="new-password"
          help={m.temporaryPasswordHelp(formatInt(MIN_PASSWORD_LENGTH))}
          error={issueAt(add.error, 'password')}
        />
        <InlineError error={add.error} context={m.error} />
        <div className="button-row">
          <button type="button" className="button" onClick={onClose}>
            {common.cancel}
          </button>
          <button type="submit" className="button button-primary" disabled={add.pending}>
            {m.title}
          </button>
        </div>
      </form>
    </ModalDialog>
  );
}

function ResetPasswordDialog({ user, onClose, onDone }: { user: UserDto; onClose: () => void; onDone: (u: UserDto) => void }) {
  const [password, setPassword] = useState('');
  const reset = useAction((input: { username: string; password: string }) => getApi().users.resetPassword(input));
  async function submit(e: FormEvent) {
    e.preventDefault();
    const u = await reset.run({ username: user.username, password });
    if (u) onDone(u);
  }
  const { common, users: m } = t();
  return (
    <ModalDialog title={m.reset.title(user.username)} description={m.reset.description} onClose={onClose}>
      <form onSubmit={(e) => void submit(e)} aria-label={m.resetPassword}>
        <PasswordField label={m.add.temporaryPassword} value={password} onChange={setPassword} autoComplete="new-password" error={issueAt(reset.error, 'password')} />
        <InlineError error={reset.error} context={m.reset.error} />
        <div className="button-row">
          <button type="button" className="button" onClick={onClose}>
            {common.cancel}
          </button>
          <button type="submit" className="button button-primary" disabled={reset.pending}>
            {m.resetPassword}
          </button>
        </div>
      </form>
    </ModalDialog>
  );
}

/** This PC's role without a password and how soon an idle technician or admin drops back to it. */
function DesktopSignIn() {
  const settings = useSettingsList((s) => s.data);
  const load = useSettingsList((s) => s.load);
  useEffect(() => void load(), [load]);
  const stored = (key: string, fallback: string) => {
    const v = settings?.find((s) => s.key === key)?.value;
    return v === undefined || v === null ? fallback : String(v);
  };
  const [role, setRole] = useState<string | null>(null);
  const [idle, setIdle] = useState<string | null>(null);
  const save = useAction(async (input: { role: string; idle: number }) => {
    const a = await getApi().settings.set({ key: 'access.desktop_role', value: input.role });
    if (!a.ok) return a;
    return getApi().settings.set({ key: 'access.desktop_idle_minutes', value: input.idle });
  });
  const [status, setStatus] = useState('');
  const roleId = useId();
  async function submit(e: FormEvent) {
    e.preventDefault();
    const ok = await save.run({ role: role ?? stored('access.desktop_role', 'viewer'), idle: Number(idle ?? stored('access.desktop_idle_minutes', '15')) });
    if (ok) {
      setStatus(t().users.desktop.saved);
      void load();
    }
  }
  const { common, users } = t();
  const m = users.desktop;
  return (
    <form className="card form-card" onSubmit={(e) => void submit(e)} aria-label={m.formLabel}>
      <h2>{m.title}</h2>
      <div className="field">
        <label htmlFor={roleId}>{m.role}</label>
        <select id={roleId} value={role ?? stored('access.desktop_role', 'viewer')} onChange={(e) => setRole(e.target.value)}>
          {DESKTOP_ROLES.map((r) => (
            <option key={r} value={r}>
              {users.roles[r]}
            </option>
          ))}
        </select>
      </div>
      <TextField
        label={m.idle}
        inputMode="numeric"
        value={idle ?? stored('access.desktop_idle_minutes', '15')}
        onChange={setIdle}
        error={issueAt(save.error, 'value')}
      />
      <InlineError error={save.error} context={m.error} />
      <div className="button-row">
        <button type="submit" className="button" disabled={save.pending}>
          {common.save}
        </button>
        <span role="status">{status}</span>
      </div>
    </form>
  );
}

export function UsersPage() {
  const users = useUsers((s) => s.data);
  const loading = useUsers((s) => s.loading);
  const load = useUsers((s) => s.load);
  const me = useSession((s) => s.me);
  const [dialog, setDialog] = useState<{ kind: 'add' } | { kind: 'reset'; user: UserDto } | null>(null);
  const [notice, setNotice] = useState('');
  const update = useAction((input: { username: string; role?: Role; disabled?: boolean }) => getApi().users.update(input));
  useEffect(() => void load(), [load]);
  const { users: m } = t();

  async function change(input: { username: string; role?: Role; disabled?: boolean }, what: string) {
    if (await update.run(input)) {
      setNotice(what);
      void load();
    }
  }

  return (
    <section className="page" aria-labelledby="page-title">
      <PageHeader
        title={m.title}
        description={m.description}
        actions={
          <button type="button" className="button button-primary" onClick={() => setDialog({ kind: 'add' })}>
            {m.addUser}
          </button>
        }
      />
      <Notice message={notice} onDismiss={() => setNotice('')} />
      <InlineError error={update.error} context={m.changeError} />
      {users === null ? (
        loading ? <Loading what={m.loadingWhat} /> : null
      ) : (
        <DataTable columns={columns()} caption={m.caption} card>
          {users.map((u) => {
            const local = !u.canSignIn && !u.disabled;
            return (
              <tr key={u.id}>
                <th scope="row">{u.username}</th>
                <td>{u.displayName ?? ''}</td>
                <td>
                  {local || u.id === me?.user?.id ? (
                    m.roles[u.role]
                  ) : (
                    <select
                      aria-label={m.roleOf(u.username)}
                      value={u.role}
                      onChange={(e) => {
                        const role = e.target.value as Role;
                        void change({ username: u.username, role }, m.notices.roleChanged(u.username, m.roles[role]));
                      }}
                    >
                      {ROLES.map((r) => (
                        <option key={r} value={r}>
                          {m.roles[r]}
                        </option>
                      ))}
                    </select>
                  )}
                </td>
                <td>{stateText(u, local)}</td>
                <td>{u.lastSignInAt ? formatDateTime(u.lastSignInAt) : DASH}</td>
                <td>
                  {local || u.id === me?.user?.id ? null : (
                    <div className="button-row">
                      <button type="button" className="button button-small" onClick={() => setDialog({ kind: 'reset', user: u })}>
                        {m.resetPassword}
                        <span className="visually-hidden"> {m.of(u.username)}</span>
                      </button>
                      <button
                        type="button"
                        className="button button-small button-danger-quiet"
                        onClick={() => void change({ username: u.username, disabled: !u.disabled }, u.disabled ? m.notices.enabled(u.username) : m.notices.disabled(u.username))}
                      >
                        {u.disabled ? m.enable : m.disable}
                        <span className="visually-hidden"> {u.username}</span>
                      </button>
                    </div>
                  )}
                </td>
              </tr>
            );
          })}
        </DataTable>
      )}
      <DesktopSignIn />
      {dialog?.kind === 'add' ? (
        <AddUserDialog
          onClose={() => setDialog(null)}
          onDone={(u) => {
            setNotice(m.notices.added(u.username, m.roles[u.role]));
            setDialog(null);
            void load();
          }}
        />
      ) : null}
      {dialog?.kind === 'reset' ? (
        <ResetPasswordDialog
          user={dialog.user}
          onClose={() => setDialog(null)}
          onDone={(u) => {
            setNotice(m.notices.passwordReset(u.username));
            setDialog(null);
            void load();
          }}
        />
      ) : null}
    </section>
  );
}
