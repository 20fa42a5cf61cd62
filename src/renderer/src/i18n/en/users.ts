/** English texts of the users area. Vietnamese in ../vi/users.ts (the compiler checks it has every key). */
import type { Role } from '../../../../shared/roles';

export const users = {
  title: 'Users',
  description: 'Who may sign in, and what each one may do. Every change is kept in the audit log.',
  addUser: 'Add user…',
  /** For "Loading …". */
  loadingWhat: 'users',
  /** What failed to load, in the error banner. */
  loadingError: 'Loading users',
  caption: 'Users',
  changeError: 'Changing the user',

  /** The roles as shown; the stored values stay the English codes. */
  roles: { viewer: 'viewer', operator: 'operator', technician: 'technician', admin: 'admin' } satisfies Record<Role, string>,
  /** What each role may do, after its name in the role choice. */
  roleHelp: {
    viewer: 'live and dashboard, exports',
    operator: 'also audits and acknowledging alerts',
    technician: 'also cameras, models, experiments, deployments',
    admin: 'also users, settings, retention, backups',
  } satisfies Record<Role, string>,
  role: 'Role',
  roleOf: (username: string) => `Role of ${username}`,

  columns: { user: 'User', lastSignIn: 'Last sign-in' },
  states: { disabled: 'disabled', cannotSignIn: 'cannot sign in', mustChangePassword: 'must choose a password', active: 'active' },

  resetPassword: 'Reset password',
  enable: 'Enable',
  disable: 'Disable',
  /** After "Reset password", for screen readers: "Reset password of lan". */
  of: (username: string) => `of ${username}`,

  notices: {
    roleChanged: (username: string, role: string) => `${username} is now ${role}.`,
    enabled: (username: string) => `${username} enabled.`,
    disabled: (username: string) => `${username} disabled.`,
    added: (username: string, role: string) => `${username} added as ${role}.`,
    passwordReset: (username: string) => `Password of ${username} reset.`,
  },

  add: {
    title: 'Add user',
    description: 'The new user chooses their own password at the first sign-in.',
    username: 'User name',
    usernameHelp: 'Lowercase letters, digits, . _ -',
    temporaryPassword: 'Temporary password',
    temporaryPasswordHelp: (min: string) => `At least ${min} characters; tell it to the user in person.`,
    error: 'Adding the user',
  },

  reset: {
    title: (username: string) => `Reset the password of ${username}`,
    description: 'Their sessions end; they choose a new password when they next sign in.',
    error: 'Resetting the password',
  },

  desktop: {
    formLabel: 'Desktop sign-in',
    title: 'Desktop app on this PC',
    role: 'Role without a password',
    idle: 'Technician and admin sessions end after (idle minutes)',
    error: 'Saving',
    saved: 'Saved.',
  },
};
