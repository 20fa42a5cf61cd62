// The child process of writer-crash.test.ts (bundled once by the test and run with plain node, so
// a start costs no TypeScript transform). It waits for "go" on stdin (the test starts the next
// child while the current one runs), opens the database the engine's way, then counts synthetic
// frames through the real ResultWriter as fast as it can, and prints every batch the writer
// acknowledges, after its commit: `ack <ms in transactions> <ms since ready> <id,id,…>`, and
// `begin <id>` as each batch transaction starts. It never ends
// by itself: the test kills it with SIGKILL.
import fs from 'node:fs';
import { openMigratedDatabase } from '../../../src/engine/db/open-migrated-database';
import { ResultWriter } from '../../../src/engine/db/result-writer';
import { makeFrame } from './frame-fixtures';

const [file, run] = process.argv.slice(2);
if (!file || !run) throw new Error('usage: crash-writer-child DB_FILE RUN_TAG');

// fd 1 directly: synchronous, and each line (< 4 KiB) reaches the pipe whole or not at all.
const say = (line: string): void => void fs.writeSync(1, `${line}\n`);

function start(): void {
  const db = openMigratedDatabase(file!);
  // Marks each batch transaction's start (`begin <first id>`), so the test can tell a kill inside a
  // transaction (no ack after it, frames absent) from one between the commit and its ack.
  const transaction = db.transaction.bind(db);
  db.transaction = ((fn: (...args: never[]) => unknown) => {
    const tx = transaction(fn);
    return (...args: never[]) => {
      const frames = args[0] as unknown;
      if (!db.inTransaction && Array.isArray(frames)) say(`begin ${(frames[0] as { inferenceId: string }).inferenceId}`);
      return tx(...args);
    };
  }) as unknown as typeof db.transaction;
  let txMs = 0;
  let readyAt = 0;
  const writer: ResultWriter = new ResultWriter(db, {
    maxBatchRows: 400,
    onBatchWritten: (b) => {
      txMs += writer.stats().lastFlushMs;
      say(`ack ${txMs.toFixed(1)} ${(performance.now() - readyAt).toFixed(1)} ${b.inferenceIds.join(',')}`);
    },
    onError: (err) => say(`error ${err.message.replace(/\s+/g, ' ')}`),
  });
  say('ready');
  readyAt = performance.now();
  let frame = 0;
  const at = Date.parse('2025-05-01T08:00:00.000Z');
  const pump = (): void => {
    // Keep about two batches queued: the writer writes one per turn of the event loop.
    while (writer.stats().queuedRows < 800) {
      writer.enqueue(makeFrame(run!, frame, new Date(at + frame * 100)));
      frame += 1;
    }
    setImmediate(pump);
  };
  pump();
}

say('loaded');
let input = '';
process.stdin.setEncoding('utf8');
process.stdin.on('data', (chunk: string) => {
  input += chunk;
  if (input.includes('go\n')) {
    process.stdin.pause();
    start();
  }
});
