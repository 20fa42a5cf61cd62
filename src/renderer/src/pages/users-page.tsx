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
import { formatDateTime } from '../format';
import { issueAt, useAction } from '../hooks/use-action';
import { createResourceStore } from '../stores/resource';
import { useSession } from '../stores/session';
import { useSettingsList } from '../stores/settings';

const useUsers = createResourceStore('Loading users', (api) => api.users.list());

const ROLE_HELP: Record<Role, string> = {
  viewer: 'live and dashboard, exports',
  operator: 'also audits and acknowledging alerts',
  technician: 'also cameras, models, experiments, deployments',
  admin: 'also users, settings, retention, backups',
};

const COLUMNS: readonly Column[] = ['User', 'Name', 'Role', 'State', 'Last sign-in', ACTIONS_COLUMN];

function RoleSelect({ value, onChange, label = 'Role' }: { value: Role; onChange: (r: Role) => void; label?: string }) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value as Role)}>
        {ROLES.map((r) => (
          <option key={r} value={r}>
            {r} — {ROLE_HELP[r]}
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
  return (
    <ModalDialog title="Add user" description="The new user chooses their own password at the first sign-in." onClose={onClose}>
      <form onSubmit={(e) => void submit(e)} aria-label="Add user">
        <TextField label="User name" value={username} onChange={setUsername} required error={issueAt(add.error, 'username')} help="Lowercase letters, digits, . _ -" />
        <TextField label="Name" value={displayName} onChange={setDisplayName} />
        <RoleSelect value={role} onChange={setRole} />
        <PasswordField
          label="Temporary password"
          value={password}
          onChange={setPassword}
          autoComplete="new-password"
          help={`At least ${MIN_PASSWORD_LENGTH} characters; tell it to the user in person.`}
          error={issueAt(add.error, 'password')}
        />
        <InlineError error={add.error} context="Adding the user" />
        <div className="button-row">
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button button-primary" disabled={add.pending}>
            Add user
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
  return (
    <ModalDialog title={`Reset the password of ${user.username}`} description="Their sessions end; they choose a new password when they next sign in." onClose={onClose}>
      <form onSubmit={(e) => void submit(e)} aria-label="Reset password">
        <PasswordField label="Temporary password" value={password} onChange={setPassword} autoComplete="new-password" error={issueAt(reset.error, 'password')} />
        <InlineError error={reset.error} context="Resetting the password" />
        <div className="button-row">
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button button-primary" disabled={reset.pending}>
            Reset password
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
      setStatus('Saved.');
      void load();
    }
  }
  return (
    <form className="card form-card" onSubmit={(e) => void submit(e)} aria-label="Desktop sign-in">
      <h2>Desktop app on this PC</h2>
      <div className="field">
        <label htmlFor={roleId}>Role without a password</label>
        <select id={roleId} value={role ?? stored('access.desktop_role', 'viewer')} onChange={(e) => setRole(e.target.value)}>
          <option value="viewer">viewer</option>
          <option value="operator">operator</option>
        </select>
      </div>
      <TextField
        label="Technician and admin sessions end after (idle minutes)"
        inputMode="numeric"
        value={idle ?? stored('access.desktop_idle_minutes', '15')}
        onChange={setIdle}
        error={issueAt(save.error, 'value')}
      />
      <InlineError error={save.error} context="Saving" />
      <div className="button-row">
        <button type="submit" className="button" disabled={save.pending}>
          Save
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

  async function change(input: { username: string; role?: Role; disabled?: boolean }, what: string) {
    if (await update.run(input)) {
      setNotice(what);
      void load();
    }
  }

  return (
    <section className="page" aria-labelledby="page-title">
      <PageHeader
        title="Users"
        description="Who may sign in, and what each one may do. Every change is kept in the audit log."
        actions={
          <button type="button" className="button button-primary" onClick={() => setDialog({ kind: 'add' })}>
            Add user…
          </button>
        }
      />
      <Notice message={notice} onDismiss={() => setNotice('')} />
      <InlineError error={update.error} context="Changing the user" />
      {users === null ? (
        loading ? <Loading what="users" /> : null
      ) : (
        <DataTable columns={COLUMNS} caption="Users" card>
          {users.map((u) => {
            const local = !u.canSignIn && !u.disabled;
            return (
              <tr key={u.id}>
                <th scope="row">{u.username}</th>
                <td>{u.displayName ?? ''}</td>
                <td>
                  {local || u.id === me?.user?.id ? (
                    u.role
                  ) : (
                    <select aria-label={`Role of ${u.username}`} value={u.role} onChange={(e) => void change({ username: u.username, role: e.target.value as Role }, `${u.username} is now ${e.target.value}.`)}>
                      {ROLES.map((r) => (
                        <option key={r} value={r}>
                          {r}
                        </option>
                      ))}
                    </select>
                  )}
                </td>
                <td>{u.disabled ? 'disabled' : local ? 'cannot sign in' : u.mustChangePassword ? 'must choose a password' : 'active'}</td>
                <td>{u.lastSignInAt ? formatDateTime(u.lastSignInAt) : '—'}</td>
                <td>
                  {local || u.id === me?.user?.id ? null : (
                    <div className="button-row">
                      <button type="button" className="button button-small" onClick={() => setDialog({ kind: 'reset', user: u })}>
                        Reset password<span className="visually-hidden"> of {u.username}</span>
                      </button>
                      <button
                        type="button"
                        className="button button-small button-danger-quiet"
                        onClick={() => void change({ username: u.username, disabled: !u.disabled }, `${u.username} ${u.disabled ? 'enabled' : 'disabled'}.`)}
                      >
                        {u.disabled ? 'Enable' : 'Disable'}
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
            setNotice(`${u.username} added as ${u.role}.`);
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
            setNotice(`Password of ${u.username} reset.`);
            setDialog(null);
            void load();
          }}
        />
      ) : null}
    </section>
  );
}
