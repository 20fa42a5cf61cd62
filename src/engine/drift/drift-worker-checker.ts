/**
 * The engine's drift checks in a worker thread (drift-worker.ts), one at a time, so the hourly
 * check and its first catch-up never block the event loop the frame loop and the result writer
 * run on (`npm run bench`, section "drift", measures both ways). The worker starts on the first
 * check and stays for the next (it keeps its prepared statements); a worker that dies is
 * replaced on the next check, and the check it was running fails with the reason.
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
  private readonly pending = new Map<number, Pending>();

  constructor(
    private readonly dbPath: string,
    private readonly settings: () => DriftSettings,
  ) {}

  check(o: DriftCheckOptions): Promise<DriftCheckResult> {
    const worker = this.ensureWorker();
    const id = this.nextId++;
    const request: DriftWorkerRequest = { id, settings: this.settings(), options: encodeOptions(o) };
    return new Promise<DriftCheckResult>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.postMessage(request);
    });
  }

  async close(): Promise<void> {
    const w = this.worker;
    this.worker = null;
    if (!w) return;
    this.failAll(new Error('the drift worker was stopped'));
    await w.terminate();
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const w = startWorker(this.dbPath);
    // Nothing to wait for while idle: the engine exits without closing it first if it must.
    w.unref();
    w.on('message', (m: DriftWorkerReply) => {
      const p = this.pending.get(m.id);
      if (!p) return;
      this.pending.delete(m.id);
      if (m.ok) p.resolve(m.result);
      // A coded error (AppError, DbError) keeps its code: the caller sees what the inline check would throw.
      else p.reject(m.code !== undefined ? new AppError(m.code, m.message) : new Error(m.message));
    });
    const gone = (err: Error): void => {
      if (this.worker === w) this.worker = null;
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
