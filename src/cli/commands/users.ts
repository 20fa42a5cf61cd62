/**
 * `users add|list|passwd|disable|enable --db F …`: accounts for sign-in, managed by the machine's
 * owner (the CLI runs as that account and the audit log says so). A password is read from a
 * hidden prompt or with --password-stdin, never from an argument (which `ps` and shell history
 * would show).
 */
import type { Command } from 'commander';
import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';
import type { Handlers } from '../../shared/contract';
import type { UserDto } from '../../shared/dto-access';
import { isRole, ROLES } from '../../shared/roles';
import { accessHandlers } from '../../engine/access/access-handlers';
import { AccessService } from '../../engine/access/access-service';
import { checkNewPassword } from '../../engine/access/passwords';
import { openMigratedDatabase } from '../../engine/db/open-migrated-database';
import { createRepositories } from '../../engine/db/repositories';
import { contractCall, type ContractCall } from '../contract-call';
import { action, CliError, printResult } from '../output';

interface CommonOptions {
  db: string;
  json?: boolean;
}
interface PasswordOptions extends CommonOptions {
  passwordStdin?: boolean;
  mustChange?: boolean;
}

async function withAccess<T>(dbPath: string, fn: (call: ContractCall, access: AccessService) => Promise<T>): Promise<T> {
  const db = openMigratedDatabase(dbPath);
  try {
    const access = new AccessService(db, createRepositories(db));
    const handlers = accessHandlers(access) as Partial<Handlers>;
    return await fn(contractCall(handlers, access.ownerCaller()), access);
  } finally {
    db.close();
  }
}

async function readAllStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
}

/** One line typed at the terminal without echo. */
function promptHidden(question: string): Promise<string> {
  let muted = false;
  const output = new Writable({
    write(chunk: Buffer, _enc, done) {
      if (!muted) process.stderr.write(chunk);
      done();
    },
  });
  const rl = createInterface({ input: process.stdin, output, terminal: true });
  return new Promise((resolve) => {
    rl.question(question, (answer) => {
      rl.close();
      process.stderr.write('\n');
      resolve(answer);
    });
    muted = true;
  });
}

async function readNewPassword(o: PasswordOptions): Promise<string> {
  let password: string;
  if (o.passwordStdin) {
    password = await readAllStdin();
  } else if (process.stdin.isTTY) {
    password = await promptHidden('New password: ');
    if ((await promptHidden('Repeat it: ')) !== password) throw new CliError('PASSWORD_MISMATCH', 'the two passwords differ');
  } else {
    throw new CliError('NO_PASSWORD', 'give the password on a terminal prompt or with --password-stdin (never as an argument)', 2);
  }
  try {
    checkNewPassword(password);
  } catch (err) {
    throw new CliError('WEAK_PASSWORD', err instanceof Error ? err.message : 'password refused');
  }
  return password;
}

function describe(u: UserDto): string {
  const flags = [u.disabled ? 'disabled' : null, !u.canSignIn && !u.disabled ? 'cannot sign in' : null, u.mustChangePassword ? 'must change password' : null]
    .filter(Boolean)
    .join(', ');
  return `${u.username}  ${u.role}${u.displayName ? `  ${u.displayName}` : ''}${flags ? `  (${flags})` : ''}`;
}

export function registerUsersCommands(program: Command): void {
  const users = program.command('users').description('accounts that sign in to the app (run as this computer\'s owner)');

  users
    .command('add <username>')
    .description('add an account (the first one: --role admin)')
    .requiredOption('--db <file>', 'SQLite file')
    .requiredOption('--role <role>', ROLES.join(' | '))
    .option('--display-name <name>', 'name shown in the app')
    .option('--email <address>', 'e-mail address')
    .option('--password-stdin', 'read the password from standard input')
    .option('--must-change', 'ask for a new password at the first sign-in')
    .option('--json', 'JSON output')
    .action(
      action(async (username: string, o: PasswordOptions & { role: string; displayName?: string; email?: string }) => {
        if (!isRole(o.role)) throw new CliError('VALIDATION', `--role must be one of ${ROLES.join(', ')}`, 2);
        const role = o.role;
        const password = await readNewPassword(o);
        await withAccess(o.db, async (call) => {
          const u = await call('users:add', {
            username,
            role,
            password,
            mustChangePassword: o.mustChange ?? false,
            ...(o.displayName ? { displayName: o.displayName } : {}),
            ...(o.email ? { email: o.email } : {}),
          });
          printResult(!!o.json, u, () => `added ${describe(u)}`);
        });
      }),
    );

  users
    .command('list')
    .description('every account')
    .requiredOption('--db <file>', 'SQLite file')
    .option('--json', 'JSON output')
    .action(
      action(async (o: CommonOptions) => {
        await withAccess(o.db, async (call) => {
          const list = await call('users:list', {});
          printResult(!!o.json, list, () => (list.length === 0 ? 'no accounts' : list.map(describe).join('\n')));
        });
      }),
    );

  users
    .command('passwd <username>')
    .description("set an account's password (its sessions end)")
    .requiredOption('--db <file>', 'SQLite file')
    .option('--password-stdin', 'read the password from standard input')
    .option('--must-change', 'ask for a new password at the next sign-in')
    .option('--json', 'JSON output')
    .action(
      action(async (username: string, o: PasswordOptions) => {
        const password = await readNewPassword(o);
        await withAccess(o.db, async (_call, access) => {
          let u: UserDto;
          try {
            u = await access.setPasswordAsOwner(username.toLowerCase(), password, o.mustChange ?? false, access.ownerCaller());
          } catch (err) {
            const code = (err as { code?: unknown }).code;
            throw new CliError(typeof code === 'string' ? code : 'INTERNAL', err instanceof Error ? err.message : String(err));
          }
          printResult(!!o.json, u, () => `password set for ${u.username}`);
        });
      }),
    );

  for (const [name, disabled] of [
    ['disable', true],
    ['enable', false],
  ] as const) {
    users
      .command(`${name} <username>`)
      .description(disabled ? 'stop an account from signing in (its sessions end)' : 'let a disabled account sign in again')
      .requiredOption('--db <file>', 'SQLite file')
      .option('--json', 'JSON output')
      .action(
        action(async (username: string, o: CommonOptions) => {
          await withAccess(o.db, async (call) => {
            const u = await call('users:update', { username, disabled });
            printResult(!!o.json, u, () => `${u.username} ${disabled ? 'disabled' : 'enabled'}`);
          });
        }),
      );
  }
}
