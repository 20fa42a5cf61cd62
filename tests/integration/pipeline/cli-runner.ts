/**
 * Runs the real command line (`npm run --silent cli -- …`) as a child process, the way scripts and
 * operators do. The child gets its own process group so a timeout kills npm, tsx and node
 * together; every still-running child can be killed from afterAll.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

export const REPO_ROOT = join(import.meta.dirname, '../../..');

export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  ms: number;
}

const running = new Set<ChildProcess>();

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    // Negative pid: the group this child leads (detached), i.e. npm and everything it started.
    process.kill(-child.pid, signal);
  } catch {
    child.kill(signal);
  }
}

export function runCli(args: string[], o: { timeoutMs?: number; cwd?: string; onStderr?: (text: string) => void } = {}): Promise<CliResult> {
  const t0 = performance.now();
  const child = spawn('npm', ['run', '--silent', 'cli', '--', ...args], {
    cwd: o.cwd ?? REPO_ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
    // No colour or update notices mixed into what the test parses.
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0', npm_config_update_notifier: 'false' },
  });
  running.add(child);
  let stdout = '';
  let stderr = '';
  child.stdout!.setEncoding('utf8');
  child.stderr!.setEncoding('utf8');
  child.stdout!.on('data', (s: string) => (stdout += s));
  child.stderr!.on('data', (s: string) => {
    stderr += s;
    o.onStderr?.(s);
  });
  const timer = setTimeout(() => {
    stderr += `\n[test] killed after ${o.timeoutMs} ms`;
    killGroup(child, 'SIGKILL');
  }, o.timeoutMs ?? 300_000);
  return new Promise((resolve, reject) => {
    child.once('error', (e) => {
      clearTimeout(timer);
      running.delete(child);
      reject(e);
    });
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      running.delete(child);
      resolve({ code, signal, stdout, stderr, ms: performance.now() - t0 });
    });
  });
}

/** afterAll safety net: no CLI child outlives its test file. */
export function killRunningClis(): void {
  for (const child of running) killGroup(child, 'SIGKILL');
}
