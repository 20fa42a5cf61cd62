import type { Statement, Transaction } from 'better-sqlite3';
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
   * Memory bound: when this many rows are queued (the disk has stalled), new frames are dropped
   * and counted instead of growing the heap without limit.
   */
  maxQueuedRows?: number;
  /** A frame SQLite refused (constraint) or a flush failure; the writer itself carries on. */
  onError?: (error: Error, inferenceId: string | null) => void;
}

export interface ResultWriterStats {
  queuedRows: number;
  writtenRows: number;
  batches: number;
  /** Duration of the last batch transaction. */
  lastFlushMs: number;
  /** Frames SQLite refused (each was retried alone, so one bad frame does not sink its batch). */
  rejectedFrames: number;
  /** Frames refused by enqueue because maxQueuedRows was reached. */
  droppedFrames: number;
}

const DEFAULTS = { maxBatchRows: 2000, flushIntervalMs: 250, maxQueuedRows: 500_000 };
const CLOSE_ATTEMPTS = 3;

function isBusy(err: unknown): boolean {
  const code = (err as { code?: unknown }).code;
  return typeof code === 'string' && (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED'));
}

/**
 * The counting pipeline's batched result writer. enqueue() only converts and queues (no I/O), so
 * the frame loop never waits on SQLite; batches of up to maxBatchRows rows are written in one
 * transaction each, from a timer (partly filled batch) or setImmediate (full batch), one batch
 * per tick so frame processing interleaves. close() drains everything synchronously.
 */
export class ResultWriter {
  private readonly opts: Required<Omit<ResultWriterOptions, 'onError'>>;
  private readonly onError: (error: Error, inferenceId: string | null) => void;
  private readonly insertInference: Statement;
  private readonly insertDetection: Statement;
  private readonly insertTracking: Statement;
  private readonly insertCounting: Statement;
  private readonly writeBatchTx: Transaction<(frames: FrameParams[]) => void>;
  private readonly writeFrameTx: Transaction<(frame: FrameParams) => void>;
  private readonly writeIsolatedTx: Transaction<(frames: FrameParams[]) => FrameParams[]>;
  private queue: FrameParams[] = [];
  private timer: NodeJS.Timeout | null = null;
  private immediate: NodeJS.Immediate | null = null;
  private closed = false;
  private readonly counters: ResultWriterStats = {
    queuedRows: 0, writtenRows: 0, batches: 0, lastFlushMs: 0, rejectedFrames: 0, droppedFrames: 0,
  };

  constructor(
    private readonly db: SqliteDatabase,
    opts: ResultWriterOptions = {},
  ) {
    this.opts = {
      maxBatchRows: opts.maxBatchRows ?? DEFAULTS.maxBatchRows,
      flushIntervalMs: opts.flushIntervalMs ?? DEFAULTS.flushIntervalMs,
      maxQueuedRows: opts.maxQueuedRows ?? DEFAULTS.maxQueuedRows,
    };
    if (!(this.opts.maxBatchRows >= 1)) throw new DbError('INVALID_INPUT', 'maxBatchRows must be at least 1');
    if (!(this.opts.flushIntervalMs >= 0)) throw new DbError('INVALID_INPUT', 'flushIntervalMs must be >= 0');
    this.onError = opts.onError ?? (() => undefined);
    this.insertInference = db.prepare(insertSql(db, 'model_inference_results', INFERENCE_COLUMNS, 'positional'));
    this.insertDetection = db.prepare(insertSql(db, 'detection_results', DETECTION_COLUMNS, 'positional'));
    this.insertTracking = db.prepare(insertSql(db, 'tracking_results', TRACKING_COLUMNS, 'positional'));
    this.insertCounting = db.prepare(insertSql(db, 'counting_results', COUNTING_COLUMNS, 'positional'));
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
          if (isBusy(err)) throw err;
          this.counters.rejectedFrames += 1;
          this.onError(new DbError('INVALID_INPUT', `frame ${frame.inferenceId} refused: ${errorMessage(err)}`, err), frame.inferenceId);
        }
      }
      return written;
    });
  }

  /** Queues one frame's rows. Throws on unserialisable JSON or after close(); never touches SQLite. */
  enqueue(frame: FrameResult): void {
    if (this.closed) throw new DbError('WRITER_CLOSED', 'ResultWriter is closed');
    const params = frameParams(frame, nowIso);
    if (this.counters.queuedRows + params.rows > this.opts.maxQueuedRows) {
      this.counters.droppedFrames += 1;
      return;
    }
    this.queue.push(params);
    this.counters.queuedRows += params.rows;
    if (this.counters.queuedRows >= this.opts.maxBatchRows) this.scheduleImmediate();
    else this.scheduleTimer();
  }

  /** Writes everything queued now, batch by batch. */
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
          throw new DbError('WRITER_CLOSED', `ResultWriter closed with ${this.counters.queuedRows} rows unwritten: ${errorMessage(err)}`, err);
        }
      }
    }
  }

  stats(): ResultWriterStats {
    return { ...this.counters };
  }

  private insertFrame(frame: FrameParams): void {
    this.insertInference.run(...frame.inference);
    for (const row of frame.detections) this.insertDetection.run(...row);
    for (const row of frame.tracks) this.insertTracking.run(...row);
    for (const row of frame.counts) this.insertCounting.run(...row);
  }

  /** Takes whole frames up to maxBatchRows rows (at least one frame) and writes them. */
  private writeNextBatch(): void {
    let rows = 0;
    let count = 0;
    while (count < this.queue.length) {
      const next = this.queue[count];
      if (!next || (count > 0 && rows + next.rows > this.opts.maxBatchRows)) break;
      rows += next.rows;
      count += 1;
    }
    const batch = this.queue.slice(0, count);
    const started = performance.now();
    let written = batch;
    try {
      this.writeBatchTx(batch);
    } catch (err) {
      // Busy: leave the batch queued for the next attempt. Anything else is a bad row somewhere.
      if (isBusy(err)) throw err;
      written = this.writeIsolatedTx(batch);
    }
    this.queue = this.queue.slice(count);
    this.counters.queuedRows -= rows;
    this.counters.writtenRows += written.reduce((sum, f) => sum + f.rows, 0);
    this.counters.batches += 1;
    this.counters.lastFlushMs = performance.now() - started;
  }

  private flushOneBatchSafely(): void {
    try {
      if (this.queue.length > 0) this.writeNextBatch();
    } catch (err) {
      this.onError(err instanceof Error ? err : new Error(String(err)), null);
    }
    if (this.queue.length === 0) return;
    if (this.counters.queuedRows >= this.opts.maxBatchRows) this.scheduleImmediate();
    else this.scheduleTimer();
  }

  private scheduleTimer(): void {
    if (this.timer || this.immediate) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.flushOneBatchSafely();
    }, this.opts.flushIntervalMs);
    // The writer must not keep a finished process alive; owners call close() on shutdown.
    this.timer.unref();
  }

  private scheduleImmediate(): void {
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
    this.timer = null;
    this.immediate = null;
  }
}
