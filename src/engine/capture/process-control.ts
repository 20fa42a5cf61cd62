/**
 * Stopping ffmpeg children reliably (terminate → wait → kill), and a registry of the live ones so
 * the app can end them all on shutdown and none outlives the Node process.
 */
import type { ChildProcess } from 'node:child_process';

export interface ExitInfo {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface StopOptions {
  /** How long to wait after SIGTERM before SIGKILL. */
  graceMs?: number;
  /** How long 'q' on stdin gets before SIGTERM (ffmpeg reads keys only between packets). */
  quitMs?: number;
}

const live = new Set<ChildProcess>();
let exitHookInstalled = false;

function hasExited(child: ChildProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null;
}

/** Resolves when the child has exited (immediately if it already has). */
export function waitForExit(child: ChildProcess): Promise<ExitInfo> {
  if (hasExited(child)) return Promise.resolve({ code: child.exitCode, signal: child.signalCode });
  return new Promise((resolve) => {
    child.once('exit', (code, signal) => resolve({ code, signal }));
  });
}

function waitOrTimeout(exited: Promise<ExitInfo>, ms: number): Promise<ExitInfo | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), ms);
  });
  return Promise.race([exited, timeout]).finally(() => clearTimeout(timer));
}

function signal(child: ChildProcess, sig: NodeJS.Signals): void {
  try {
    child.kill(sig);
  } catch {
    /* already gone */
  }
}

/**
 * Ends a child: 'q' on stdin (ffmpeg's clean stop), then SIGTERM, then SIGKILL after graceMs.
 * Resolves once the process has exited. Safe to call more than once or on an exited child.
 */
export async function stopProcess(child: ChildProcess, options: StopOptions = {}): Promise<ExitInfo> {
  const graceMs = options.graceMs ?? 2000;
  const quitMs = options.quitMs ?? 300;
  const exited = waitForExit(child);
  if (hasExited(child)) return exited;
  const stdin = child.stdin;
  if (stdin && stdin.writable && !stdin.destroyed) {
    // EPIPE when ffmpeg is already closing is expected; without a listener it would be thrown.
    stdin.on('error', () => undefined);
    stdin.end('q');
  }
  const clean = await waitOrTimeout(exited, quitMs);
  if (clean) return clean;
  // SIGTERM also interrupts a blocking network read, which 'q' cannot.
  signal(child, 'SIGTERM');
  const termed = await waitOrTimeout(exited, graceMs);
  if (termed) return termed;
  signal(child, 'SIGKILL');
  return exited;
}

/** Tracks a spawned ffmpeg so killAllFfmpeg() and the exit hook can reach it. */
export function registerFfmpegChild(child: ChildProcess): void {
  if (hasExited(child)) return;
  live.add(child);
  child.once('exit', () => live.delete(child));
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    // 'exit' handlers must be synchronous: a last SIGKILL to anything still running, so no
    // ffmpeg keeps a camera (or a USB device) busy after the app has gone.
    process.on('exit', () => {
      for (const c of live) signal(c, 'SIGKILL');
    });
  }
}

/** Pids of the registered ffmpeg children still running. */
export function liveFfmpegPids(): number[] {
  return [...live].flatMap((c) => (c.pid === undefined ? [] : [c.pid]));
}

export function liveFfmpegCount(): number {
  return live.size;
}

/** Stops every registered ffmpeg child (in parallel) and resolves when all have exited. */
export async function killAllFfmpeg(options: StopOptions = {}): Promise<void> {
  await Promise.all([...live].map((c) => stopProcess(c, options)));
}
