/**
 * The drift worker thread (started by drift-worker-checker.ts): runs DriftService.check on its own
 * connection to the engine's file, so the hourly check — a first catch-up reads up to a week of
 * sampled frames per camera and parses their JSON — never holds the engine's event loop (the
 * frame loop, the result writer, the live events). Measured: `npm run bench`, section "drift".
 *
 * Its own connection, not a read-only one: the check stores what it scored (one
 * model_drift_metrics row per camera-version window and tamper episode, each its own short
 * autocommit) and reads those rows back within the same pass (a window's streak is the windows
 * before it). The reads are the cost and WAL runs them beside the engine's writer; a store that
 * meets the writer's transaction waits in this thread (busy_timeout), not in the engine's.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { openDatabase, type SqliteDatabase } from '../db/open-database';
import { DriftService, type DriftSettings } from './drift-service';
import { decodeOptions, type DriftWorkerReply, type DriftWorkerRequest } from './drift-worker-protocol';

const port = parentPort;
if (!port) throw new Error('drift-worker.ts runs only as a worker thread');
const { dbPath } = workerData as { dbPath: string };

let db: SqliteDatabase | null = null;
let settings: DriftSettings | null = null;
let service: DriftService | null = null;

port.on('message', (m: DriftWorkerRequest | 'close') => {
  if (m === 'close') {
    db?.close();
    db = null;
    port.close();
    return;
  }
  let reply: DriftWorkerReply;
  try {
    db ??= openDatabase(dbPath);
    settings = m.settings;
    service ??= new DriftService(db, () => settings!);
    reply = { id: m.id, ok: true, result: service.check(decodeOptions(m.options)) };
  } catch (err) {
    const e = err instanceof Error ? err : new Error(String(err));
    const code: unknown = (e as Error & { code?: unknown }).code;
    reply = { id: m.id, ok: false, message: e.message, ...(typeof code === 'string' ? { code } : {}) };
  }
  port.postMessage(reply);
});
