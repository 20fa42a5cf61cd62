/**
 * The engine's drift checks in a worker thread (drift-worker.ts), one at a time, so the hourly
 * check and its first catch-up never block the event loop the frame loop and the result writer
 * run on (`npm run bench`, section "drift", measures both ways). The worker starts on the first
 * check and stays for the next (it keeps its prepared statements); a worker that dies is
 * replaced on the next check, and the check it was running fails with the reason. A worker that
 * cannot start at all (its file missing or unloadable, as in an installer that packed it wrongly)
 * hands this and every later check to `fallback` on the engine's thread: drift slower to score
 * is better than no drift alerts.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { AppError } from '../../shared/result';
import type { DriftChecker } from './drift-checker';
import type { DriftCheckOptions, DriftCheckResult, DriftSettings } from './drift-service';
import { encodeOptions, type DriftWorkerReply, type DriftWorkerRequest } from './drift-worker-protocol';

interface Pending {
  resolve: (r: DriftCheckResult) => void;
  reject: (e: Error) => void;
}

/**
 * From source (tsx, vitest) the entry is TypeScript: the thread registers tsx's loader first (a
 * worker does not inherit the parent's loader hooks). Built (electron-vite), drift-worker.js is an
 * entry of its own beside engine-host.js, and this code may sit in a chunk one folder below.
 */
function startWorker(dbPath: string): Worker {
  const here = import.meta.url;
  if (here.endsWith('.ts')) {
    // require.resolve finds the CommonJS build; the thread imports its ESM twin beside it.
    const tsx = pathToFileURL(createRequire(here).resolve('tsx/esm/api').replace(/\.cjs$/, '.mjs')).href;
    const entry = new URL('./drift-worker.ts', here).href;
    const boot = `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(entry)}); });`;
    return new Worker(boot, { eval: true, workerData: { dbPath } });
  }
  for (const rel of ['./drift-worker.js', '../drift-worker.js']) {
    const url = new URL(rel, here);
    if (existsSync(fileURLToPath(url))) return new Worker(url, { workerData: { dbPath } });
  }
  throw new Error(`drift-worker.js is missing beside ${fileURLToPath(here)}`);
}

export class DriftWorkerChecker implements DriftChecker {
  private worker: Worker | null = null;
  private nextId = 1;
  private readonly pending = new Map<number, Pending & { options: DriftCheckOptions }>();
  /** Set once a worker failed before it answered anything: it cannot run here. */
  private cannotStart: Error | null = null;

  constructor(
    private readonly dbPath: string,
    private readonly settings: () => DriftSettings,
    private readonly fallback?: DriftChecker,
    private readonly onFallback?: (reason: Error) => void,
    /** How a worker is started (tests start one that cannot load). */
    private readonly start: (dbPath: string) => Worker = startWorker,
  ) {}

  check(o: DriftCheckOptions): Promise<DriftCheckResult> {
    if (this.cannotStart && this.fallback) return this.fallback.check(o);
    let worker: Worker;
    try {
      worker = this.ensureWorker();
    } catch (err) {
      const e = err instanceof Error ? err : new Error(String(err));
      if (!this.fallback) return Promise.reject(e);
      this.giveUpOnWorker(e);
      return this.fallback.check(o);
    }
    const id = this.nextId++;
    const request: DriftWorkerRequest = { id, settings: this.settings(), options: encodeOptions(o) };
    return new Promise<DriftCheckResult>((resolve, reject) => {
      this.pending.set(id, { resolve, reject, options: o });
      worker.postMessage(request);
    });
  }

  private giveUpOnWorker(reason: Error): void {
    if (this.cannotStart) return;
    this.cannotStart = reason;
    this.onFallback?.(reason);
  }

  private closing = false;

  async close(): Promise<void> {
    this.closing = true;
    const w = this.worker;
    this.worker = null;
    if (!w) return;
    this.failAll(new Error('the drift worker was stopped'));
    await w.terminate();
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const w = this.start(this.dbPath);
    let answered = false;
    // Nothing to wait for while idle: the engine exits without closing it first if it must.
    w.unref();
    w.on('message', (m: DriftWorkerReply) => {
      answered = true;
      const p = this.pending.get(m.id);
      if (!p) return;
      this.pending.delete(m.id);
      if (m.ok) p.resolve(m.result);
      // A coded error (AppError, DbError) keeps its code: the caller sees what the inline check would throw.
      else p.reject(m.code !== undefined ? new AppError(m.code, m.message) : new Error(m.message));
    });
    const gone = (err: Error): void => {
      if (this.worker === w) this.worker = null;
      if (!answered && this.fallback && !this.closing) {
        // It never ran a check: it cannot load here. Its checks run on this thread instead.
        this.giveUpOnWorker(err);
        const fallback = this.fallback;
        for (const [id, p] of this.pending) {
          this.pending.delete(id);
          fallback.check(p.options).then(p.resolve, p.reject);
        }
        return;
      }
      this.failAll(err);
    };
    w.on('error', gone);
    w.on('exit', (code) => gone(new Error(`the drift worker stopped (exit code ${code})`)));
    this.worker = w;
    return w;
  }

  private failAll(err: Error): void {
    for (const p of this.pending.values()) p.reject(err);
    this.pending.clear();
  }
}
