import type { Statement, Transaction } from 'better-sqlite3';
import type { StorageState } from '../../shared/dto';
import { nowIso } from '../../shared/timestamps';
import { DbError, errorMessage } from './db-error';
import { insertSql } from './insert-sql';
import type { SqliteDatabase } from './open-database';
import { COUNTING_COLUMNS, DETECTION_COLUMNS, frameParams, INFERENCE_COLUMNS, TRACKING_COLUMNS, type FrameParams } from './result-row-params';
import type { FrameResult } from './result-rows';

export type { CountingRow, DetectionRow, FrameResult, InferenceRow, TrackingRow } from './result-rows';

export interface ResultWriterOptions {
  /** Rows (inference + children) per transaction. */
  maxBatchRows?: number;
  /** How long a partly filled batch waits before it is written. */
  flushIntervalMs?: number;
  /**
   * Memory bound: when this many rows are queued, new frames are dropped and counted instead of
   * growing the heap without limit; while the disk refuses writes, the oldest detail goes first
   * instead (see "Disk full" on the class).
   */
  maxQueuedRows?: number;
  /** Disk full: how long a held frame keeps its detections and tracks (default 30 minutes). */
  maxHoldMs?: number;
  /** Disk full: the first retry's delay; each refused retry doubles it, up to retryMaxMs. */
  retryInitialMs?: number;
  retryMaxMs?: number;
  /** A frame SQLite refused (constraint), a flush failure, or the disk starting to refuse writes. */
  onError?: (error: Error, inferenceId: string | null) => void;
  /** The acknowledgement: called after a batch's transaction COMMITTED, never before. */
  onBatchWritten?: (batch: WrittenBatch) => void;
  /** The storage state changed (ok → disk_full / write_failed → ok). */
  onStorageState?: (stats: ResultWriterStats) => void;
}

export interface WrittenBatch {
  /** The frames its committed transaction stored, in queue order (rejected frames left out). */
  inferenceIds: string[];
  rows: number;
}

export interface ResultWriterStats {
  queuedRows: number;
  /** Frames waiting (in memory), and the counting events among them. */
  queuedFrames: number;
  queuedCountingEvents: number;
  writtenRows: number;
  writtenFrames: number;
  batches: number;
  /** Duration of the last batch transaction. */
  lastFlushMs: number;
  /** Frames SQLite refused (each was retried alone, so one bad frame does not sink its batch). */
  rejectedFrames: number;
  /** Frames dropped whole: refused by enqueue past maxQueuedRows, or shed while the disk was full. */
  droppedFrames: number;
  /** Counting events lost with dropped frames (only once nothing else is left to shed). */
  droppedCountingEvents: number;
  /** Held frames that lost their detections and tracks (inference row and counting events kept). */
  thinnedFrames: number;
  /** The last frame a committed transaction stored. */
  lastWrittenInferenceId: string | null;
  /** 'ok', or why the disk refuses writes; the rows wait in memory meanwhile. */
  storageState: StorageState;
  /** Date.now() of the first refused write of the current episode, else null. */
  heldSince: number | null;
  /** The plain-words reason while not ok. */
  storageMessage: string | null;
  /** Write attempts the disk refused (all episodes). */
  storageFailures: number;
}

const DEFAULTS = {
  maxBatchRows: 2000,
  flushIntervalMs: 250,
  maxQueuedRows: 500_000,
  maxHoldMs: 30 * 60_000,
  retryInitialMs: 1000,
  retryMaxMs: 10_000,
};
const CLOSE_ATTEMPTS = 3;
/** Shedding frees down to this share of maxQueuedRows, so it runs once per 10% of the bound, not per frame. */
const SHED_TO = 0.9;
/** How often (at most) enqueue looks for held frames past maxHoldMs. */
const SWEEP_EVERY_MS = 1000;
const COUNT_DETECTION_ID = COUNTING_COLUMNS.indexOf('detection_id');

export const DISK_FULL_MESSAGE = 'The disk is full: counts are kept in memory until space is freed';

function sqliteCode(err: unknown): string {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : '';
}

function isBusy(err: unknown): boolean {
  const code = sqliteCode(err);
  return code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED');
}

/** SQLITE_FULL, or an I/O error: the disk refuses writes, the rows themselves are fine. */
function storageFailure(err: unknown): Exclude<StorageState, 'ok'> | null {
  const code = sqliteCode(err);
  if (code === 'SQLITE_FULL') return 'disk_full';
  if (code.startsWith('SQLITE_IOERR')) return 'write_failed';
  return null;
}

function storageError(state: Exclude<StorageState, 'ok'>, cause: unknown): DbError {
  if (state === 'disk_full') return new DbError('DISK_FULL', DISK_FULL_MESSAGE, cause);
  return new DbError(
    'DISK_WRITE_FAILED',
    `The disk refused a write (${sqliteCode(cause) || errorMessage(cause)}): counts are kept in memory until it works again`,
    cause,
  );
}

interface Queued {
  params: FrameParams;
  /** Date.now() at enqueue. */
  at: number;
  thinned: boolean;
}

/**
 * The counting pipeline's batched result writer. enqueue() only converts and queues (no I/O), so
 * the frame loop never waits on SQLite; batches of up to maxBatchRows rows are written in one
 * transaction each, from a timer (partly filled batch) or setImmediate (full batch), one batch
 * per tick so frame processing interleaves. close() drains everything synchronously.
 *
 * Acknowledgement: onBatchWritten (and stats().lastWrittenInferenceId) name a frame only after
 * the transaction that stored it committed; with the WAL a killed process keeps every such frame
 * (tests/integration/db/writer-crash.test.ts).
 *
 * Disk full (SQLITE_FULL, or SQLITE_IOERR…): the batch's transaction is rolled back, onError gets
 * a DbError DISK_FULL / DISK_WRITE_FAILED once per episode, and stats() says storageState. The
 * batch and every later frame stay queued in memory, in order; enqueue() goes on without error.
 * A retry timer tries one batch after retryInitialMs, doubling to retryMaxMs; the first batch that
 * commits ends the episode and the rest drains as usual. A commit reported failed but found in
 * the file (an fsync error after the WAL write) is not written twice. Bounds while held:
 * - a frame held longer than maxHoldMs loses its detections and tracks (its inference row and
 *   counting events are kept, their detection_id set to null); a frame without a counting event
 *   is dropped whole;
 * - past maxQueuedRows the same happens to the oldest frames, down to 90% of the bound; if only
 *   counting events are left, the oldest of them go. All of it is counted (droppedFrames,
 *   thinnedFrames, droppedCountingEvents).
 */
export class ResultWriter {
  private readonly opts: Required<Omit<ResultWriterOptions, 'onError' | 'onBatchWritten' | 'onStorageState'>>;
  private readonly onError: (error: Error, inferenceId: string | null) => void;
  private readonly onBatchWritten: (batch: WrittenBatch) => void;
  private readonly onStorageState: (stats: ResultWriterStats) => void;
  private readonly insertInference: Statement;
  private readonly insertDetection: Statement;
  private readonly insertTracking: Statement;
  private readonly insertCounting: Statement;
  private readonly inferenceStored: Statement;
  private readonly writeBatchTx: Transaction<(frames: FrameParams[]) => void>;
  private readonly writeFrameTx: Transaction<(frame: FrameParams) => void>;
  private readonly writeIsolatedTx: Transaction<(frames: FrameParams[]) => FrameParams[]>;
  private queue: Queued[] = [];
  private timer: NodeJS.Timeout | null = null;
  private immediate: NodeJS.Immediate | null = null;
  private retryTimer: NodeJS.Timeout | null = null;
  private retryDelayMs: number;
  private lastSweepAt = 0;
  /** The frames of the last batch whose write was refused: maybe committed after all (see settleUncertain). */
  private uncertain: string[] | null = null;
  private closed = false;
  private readonly counters = {
    queuedRows: 0, queuedCountingEvents: 0, writtenRows: 0, writtenFrames: 0, batches: 0, lastFlushMs: 0,
    rejectedFrames: 0, droppedFrames: 0, droppedCountingEvents: 0, thinnedFrames: 0,
    lastWrittenInferenceId: null as string | null, storageState: 'ok' as StorageState, heldSince: null as number | null,
    storageMessage: null as string | null, storageFailures: 0,
  };

  constructor(
    private readonly db: SqliteDatabase,
    opts: ResultWriterOptions = {},
  ) {
    this.opts = {
      maxBatchRows: opts.maxBatchRows ?? DEFAULTS.maxBatchRows,
      flushIntervalMs: opts.flushIntervalMs ?? DEFAULTS.flushIntervalMs,
      maxQueuedRows: opts.maxQueuedRows ?? DEFAULTS.maxQueuedRows,
      maxHoldMs: opts.maxHoldMs ?? DEFAULTS.maxHoldMs,
      retryInitialMs: opts.retryInitialMs ?? DEFAULTS.retryInitialMs,
      retryMaxMs: opts.retryMaxMs ?? DEFAULTS.retryMaxMs,
    };
    if (!(this.opts.maxBatchRows >= 1)) throw new DbError('INVALID_INPUT', 'maxBatchRows must be at least 1');
    if (!(this.opts.flushIntervalMs >= 0)) throw new DbError('INVALID_INPUT', 'flushIntervalMs must be >= 0');
    if (!(this.opts.retryInitialMs > 0 && this.opts.retryMaxMs >= this.opts.retryInitialMs)) {
      throw new DbError('INVALID_INPUT', 'retryInitialMs must be > 0 and retryMaxMs >= retryInitialMs');
    }
    if (!(this.opts.maxHoldMs >= 0)) throw new DbError('INVALID_INPUT', 'maxHoldMs must be >= 0');
    this.retryDelayMs = this.opts.retryInitialMs;
    this.onError = opts.onError ?? (() => undefined);
    this.onBatchWritten = opts.onBatchWritten ?? (() => undefined);
    this.onStorageState = opts.onStorageState ?? (() => undefined);
    this.insertInference = db.prepare(insertSql(db, 'model_inference_results', INFERENCE_COLUMNS, 'positional'));
    this.insertDetection = db.prepare(insertSql(db, 'detection_results', DETECTION_COLUMNS, 'positional'));
    this.insertTracking = db.prepare(insertSql(db, 'tracking_results', TRACKING_COLUMNS, 'positional'));
    this.insertCounting = db.prepare(insertSql(db, 'counting_results', COUNTING_COLUMNS, 'positional'));
    this.inferenceStored = db.prepare('SELECT 1 FROM model_inference_results WHERE inference_id = ?').pluck();
    this.writeFrameTx = db.transaction((frame: FrameParams) => this.insertFrame(frame));
    this.writeBatchTx = db.transaction((frames: FrameParams[]) => {
      for (const frame of frames) this.insertFrame(frame);
    });
    // Fallback after a batch failed: each frame in its own savepoint inside one transaction.
    this.writeIsolatedTx = db.transaction((frames: FrameParams[]) => {
      const written: FrameParams[] = [];
      for (const frame of frames) {
        try {
          this.writeFrameTx(frame);
          written.push(frame);
        } catch (err) {
          // Not the frame's fault: the whole batch stays queued.
          if (isBusy(err) || storageFailure(err)) throw err;
          this.counters.rejectedFrames += 1;
          this.onError(new DbError('INVALID_INPUT', `frame ${frame.inferenceId} refused: ${errorMessage(err)}`, err), frame.inferenceId);
        }
      }
      return written;
    });
  }

  /**
   * Queues one frame's rows. Throws on unserialisable JSON or after close(); never touches SQLite,
   * and never fails because the disk does (the frame is held, see the class comment).
   */
  enqueue(frame: FrameResult): void {
    if (this.closed) throw new DbError('WRITER_CLOSED', 'ResultWriter is closed');
    const params = frameParams(frame, nowIso);
    const now = Date.now();
    if (this.counters.storageState !== 'ok') {
      if (now - this.lastSweepAt >= SWEEP_EVERY_MS) this.sweepExpired(now);
      if (this.counters.queuedRows + params.rows > this.opts.maxQueuedRows) {
        this.shed(Math.floor(this.opts.maxQueuedRows * SHED_TO) - params.rows, -Infinity);
      }
    }
    if (this.counters.queuedRows + params.rows > this.opts.maxQueuedRows) {
      this.counters.droppedFrames += 1;
      this.counters.droppedCountingEvents += params.counts.length;
      return;
    }
    this.queue.push({ params, at: now, thinned: false });
    this.counters.queuedRows += params.rows;
    this.counters.queuedCountingEvents += params.counts.length;
    if (this.counters.queuedRows >= this.opts.maxBatchRows) this.scheduleImmediate();
    else this.scheduleTimer();
  }

  /**
   * Writes everything queued now, batch by batch. While the disk refuses writes it throws the
   * DbError (DISK_FULL / DISK_WRITE_FAILED) and the rows stay queued.
   */
  flush(): void {
    this.cancelScheduled();
    while (this.queue.length > 0) this.writeNextBatch();
  }

  /** Drains the queue and refuses further frames. The database connection stays open (caller owns it). */
  close(): void {
    this.closed = true;
    for (let attempt = 1; ; attempt++) {
      try {
        this.flush();
        return;
      } catch (err) {
        if (!isBusy(err) || attempt >= CLOSE_ATTEMPTS) {
          this.cancelScheduled();
          throw new DbError('WRITER_CLOSED', `ResultWriter closed with ${this.counters.queuedRows} rows unwritten: ${errorMessage(err)}`, err);
        }
      }
    }
  }

  stats(): ResultWriterStats {
    return { ...this.counters, queuedFrames: this.queue.length };
  }

  private insertFrame(frame: FrameParams): void {
    this.insertInference.run(...frame.inference);
    for (const row of frame.detections) this.insertDetection.run(...row);
    for (const row of frame.tracks) this.insertTracking.run(...row);
    for (const row of frame.counts) this.insertCounting.run(...row);
  }

  /** Takes whole frames up to maxBatchRows rows (at least one frame) and writes them. */
  private writeNextBatch(): void {
    this.settleUncertain();
    let rows = 0;
    let count = 0;
    while (count < this.queue.length) {
      const next = this.queue[count];
      if (!next || (count > 0 && rows + next.params.rows > this.opts.maxBatchRows)) break;
      rows += next.params.rows;
      count += 1;
    }
    if (count === 0) return;
    const batch = this.queue.slice(0, count).map((q) => q.params);
    const started = performance.now();
    const outer = this.db.inTransaction;
    let written: FrameParams[];
    try {
      written = this.writeBatch(batch);
    } catch (err) {
      const failure = storageFailure(err);
      if (!failure) throw err; // busy: the batch stays queued for the next attempt
      // SQLite may keep the transaction open after SQLITE_FULL/IOERR at COMMIT: nothing of the
      // batch may stay half-done (better-sqlite3 rolls back too; this makes sure).
      if (!outer && this.db.inTransaction) {
        try {
          this.db.exec('ROLLBACK');
        } catch {
          // Already rolled back by SQLite.
        }
      }
      this.uncertain = batch.map((f) => f.inferenceId);
      throw this.hold(failure, err);
    }
    this.queue = this.queue.slice(count);
    this.counters.queuedRows -= rows;
    this.counters.queuedCountingEvents -= batch.reduce((sum, f) => sum + f.counts.length, 0);
    this.counters.batches += 1;
    this.counters.lastFlushMs = performance.now() - started;
    if (this.counters.storageState !== 'ok') this.release();
    this.acknowledge(written);
  }

  /** One transaction for the batch; a frame SQLite refuses sends it to one savepoint per frame. */
  private writeBatch(batch: FrameParams[]): FrameParams[] {
    try {
      this.writeBatchTx(batch);
      return batch;
    } catch (err) {
      if (isBusy(err) || storageFailure(err)) throw err;
      return this.writeIsolatedTx(batch);
    }
  }

  private acknowledge(written: FrameParams[]): void {
    if (written.length === 0) return;
    const rows = written.reduce((sum, f) => sum + f.rows, 0);
    this.counters.writtenRows += rows;
    this.counters.writtenFrames += written.length;
    this.counters.lastWrittenInferenceId = written[written.length - 1]!.inferenceId;
    this.onBatchWritten({ inferenceIds: written.map((f) => f.inferenceId), rows });
  }

  /**
   * A refused COMMIT normally left nothing behind, but an I/O error reported after the WAL write
   * (fsync) may have stored the batch after all: its frames are then taken as written, not
   * written twice. One indexed lookup per refused attempt.
   */
  private settleUncertain(): void {
    const ids = this.uncertain;
    if (!ids) return;
    const committed = Boolean(this.inferenceStored.get(ids[0]));
    this.uncertain = null;
    if (!committed) return;
    const stored = new Set(ids);
    const written: FrameParams[] = [];
    this.queue = this.queue.filter((q) => {
      if (!stored.has(q.params.inferenceId)) return true;
      written.push(q.params);
      this.counters.queuedRows -= q.params.rows;
      this.counters.queuedCountingEvents -= q.params.counts.length;
      return false;
    });
    this.acknowledge(written);
    // The disk did take that commit: write on as usual (a new refusal starts a new episode).
    if (this.counters.storageState !== 'ok') this.release();
  }

  /** The disk refused a write: keep everything, say so once per episode, retry later. */
  private hold(state: Exclude<StorageState, 'ok'>, cause: unknown): DbError {
    const error = storageError(state, cause);
    const changed = this.counters.storageState !== state;
    this.counters.storageState = state;
    this.counters.heldSince ??= Date.now();
    this.counters.storageMessage = error.message;
    this.counters.storageFailures += 1;
    this.cancelScheduled();
    if (!this.closed) this.scheduleRetry();
    if (changed) {
      this.onError(error, null);
      this.onStorageState(this.stats());
    }
    return error;
  }

  /** A batch committed after refused ones: the episode is over. */
  private release(): void {
    this.counters.storageState = 'ok';
    this.counters.heldSince = null;
    this.counters.storageMessage = null;
    this.retryDelayMs = this.opts.retryInitialMs;
    this.onStorageState(this.stats());
  }

  private scheduleRetry(): void {
    if (this.retryTimer) return;
    const delay = this.retryDelayMs;
    this.retryDelayMs = Math.min(this.retryDelayMs * 2, this.opts.retryMaxMs);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      this.sweepExpired(Date.now());
      this.flushOneBatchSafely();
    }, delay);
    this.retryTimer.unref();
  }

  /** Held frames past maxHoldMs lose their detail (see the class comment). */
  private sweepExpired(now: number): void {
    this.lastSweepAt = now;
    const cutoff = now - this.opts.maxHoldMs;
    const oldest = this.queue[0];
    if (oldest && oldest.at < cutoff) this.shed(Infinity, cutoff);
  }

  /**
   * Sheds held frames, oldest first: those enqueued before `expiredBefore`, then more until at
   * most `targetRows` rows are queued. A frame without counting events is dropped whole; one
   * with events keeps its inference row and events. Then, if still over, the oldest events go.
   */
  private shed(targetRows: number, expiredBefore: number): void {
    const kept: Queued[] = [];
    for (const q of this.queue) {
      if (!q.thinned && (q.at < expiredBefore || this.counters.queuedRows > targetRows)) {
        if (q.params.counts.length === 0) {
          this.drop(q);
          continue;
        }
        this.thin(q);
      }
      kept.push(q);
    }
    let dropped = 0;
    while (this.counters.queuedRows > targetRows && dropped < kept.length) this.drop(kept[dropped++]!);
    this.queue = dropped > 0 ? kept.slice(dropped) : kept;
  }

  private drop(q: Queued): void {
    this.counters.queuedRows -= q.params.rows;
    this.counters.queuedCountingEvents -= q.params.counts.length;
    this.counters.droppedFrames += 1;
    this.counters.droppedCountingEvents += q.params.counts.length;
  }

  private thin(q: Queued): void {
    const p = q.params;
    const freed = p.detections.length + p.tracks.length;
    q.params = {
      ...p,
      rows: p.rows - freed,
      detections: [],
      tracks: [],
      // The detections are gone: a counting event may not name one (foreign key).
      counts: p.counts.map((row) => row.map((value, i) => (i === COUNT_DETECTION_ID ? null : value))),
    };
    q.thinned = true;
    this.counters.queuedRows -= freed;
    this.counters.thinnedFrames += 1;
  }

  private flushOneBatchSafely(): void {
    try {
      if (this.queue.length > 0) this.writeNextBatch();
    } catch (err) {
      // A refused disk was reported once by hold(), which set the retry timer.
      if (!(this.counters.storageState !== 'ok' && err instanceof DbError)) this.onError(err instanceof Error ? err : new Error(String(err)), null);
    }
    if (this.queue.length === 0) return;
    if (this.counters.queuedRows >= this.opts.maxBatchRows) this.scheduleImmediate();
    else this.scheduleTimer();
  }

  /** While the disk refuses writes only the retry timer writes; this makes sure there is one. */
  private holding(): boolean {
    if (this.counters.storageState === 'ok') return false;
    if (!this.closed) this.scheduleRetry();
    return true;
  }

  private scheduleTimer(): void {
    if (this.holding()) return;
    if (this.timer || this.immediate) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.flushOneBatchSafely();
    }, this.opts.flushIntervalMs);
    // The writer must not keep a finished process alive; owners call close() on shutdown.
    this.timer.unref();
  }

  private scheduleImmediate(): void {
    if (this.holding()) return;
    if (this.immediate) return;
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    this.immediate = setImmediate(() => {
      this.immediate = null;
      this.flushOneBatchSafely();
    });
    this.immediate.unref();
  }

  private cancelScheduled(): void {
    if (this.timer) clearTimeout(this.timer);
    if (this.immediate) clearImmediate(this.immediate);
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.timer = null;
    this.immediate = null;
    this.retryTimer = null;
  }
}
