/**
 * `count` refuses bad input the way scripts rely on: non-zero exit, ONE line on stderr that names
 * the problem (no stack trace), nothing on stdout, and nothing written to the database (a bad run
 * must not leave inference or counting rows behind). Runs the real CLI as a child process.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src/engine/db/open-database';
import { identityModel } from '../../fixtures/onnx/build-onnx';
import { freePort } from '../../fixtures/servers/servers';
import { killRunningClis, runCli } from './cli-runner';

const VTEST = 'tests/fixtures/media/vtest.avi';
const LINE = '600,150,600,450';

interface Case {
  name: string;
  /** Arguments after `count`, built once the temp folder exists; --db and --json are added. */
  args: (dir: string) => Promise<string[]> | string[];
  /** The stderr line must say what is wrong in words a user acts on. */
  says: RegExp;
  /** Error code in the JSON error line. */
  code?: string | RegExp;
  json?: boolean;
}

const CASES: Case[] = [
  {
    name: 'a recording that does not exist',
    args: (dir) => ['--source', join(dir, 'missing-recording.avi'), '--line', LINE],
    // Naming the path and saying it is missing; "not a camera URL" sends the user the wrong way.
    says: /missing-recording\.avi.*(not found|does not exist|no such file)|(not found|does not exist|no such file).*missing-recording\.avi/i,
  },
  {
    name: 'an RTSP camera that refuses the connection',
    args: async () => ['--source', `rtsp://127.0.0.1:${await freePort()}/x`, '--line', LINE],
    says: /refused/i,
  },
  {
    name: 'an HTTP camera whose host does not resolve',
    args: () => ['--source', 'http://nonexistent.invalid/x', '--line', LINE],
    says: /resolve|not known|unreachable/i,
  },
  {
    name: 'a file: URL (not a camera scheme)',
    args: () => ['--source', 'file:///etc/passwd', '--line', LINE],
    says: /unsupported source scheme "file:"/i,
    code: 'UNSUPPORTED_SCHEME',
  },
  {
    name: "ffmpeg's concat: protocol",
    args: () => ['--source', 'concat:a|b', '--line', LINE],
    says: /unsupported source scheme "concat:"/i,
    code: 'UNSUPPORTED_SCHEME',
  },
  {
    name: 'a model file of random bytes',
    args: (dir) => {
      const model = join(dir, 'random.onnx');
      writeFileSync(model, randomBytes(4096));
      return ['--source', VTEST, '--model', model, '--line', LINE];
    },
    says: /random\.onnx.*not a loadable ONNX model/i,
    code: 'MODEL_INVALID',
  },
  {
    name: 'a text file as the model',
    args: (dir) => {
      const model = join(dir, 'notes.onnx');
      writeFileSync(model, 'this is a text file, not a neural network\n');
      return ['--source', VTEST, '--model', model, '--line', LINE];
    },
    says: /notes\.onnx.*not a loadable ONNX model/i,
    code: 'MODEL_INVALID',
  },
  {
    name: 'a valid ONNX model with a one-channel input',
    args: (dir) => {
      const model = join(dir, 'gray.onnx');
      writeFileSync(model, identityModel([1, 1, 640, 640]));
      return ['--source', VTEST, '--model', model, '--line', LINE];
    },
    says: /\[1,1,640,640\].*expected \[1,3,H,W\]/,
    code: 'MODEL_INPUT_UNSUPPORTED',
  },
  {
    name: 'a zero-length line',
    args: () => ['--source', VTEST, '--line', '300,200,300,200'],
    says: /zero length/i,
    code: 'INVALID_GEOMETRY',
  },
  {
    name: 'a model path that does not exist (human-readable output)',
    args: (dir) => ['--source', VTEST, '--model', join(dir, 'nope.onnx'), '--line', LINE],
    says: /^footfall: .*nope\.onnx.*not found.*\[MODEL_NOT_FOUND\]$/,
    json: false,
  },
];

describe('count refuses bad input with one clear line and writes nothing', () => {
  let root: string;

  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'footfall-bad-input-'));
  });

  afterAll(() => {
    killRunningClis();
    if (root) rmSync(root, { recursive: true, force: true });
  });

  CASES.forEach((c, i) => {
    it(c.name, async () => {
      const dir = mkdtempSync(join(root, `case${i}-`));
      const dbPath = join(dir, 'results.db');
      const json = c.json ?? true;
      const args = ['count', ...(await c.args(dir)), '--db', dbPath, ...(json ? ['--json'] : [])];
      const r = await runCli(args, { timeoutMs: 90_000 });

      expect(r.signal, r.stderr).toBeNull();
      expect(r.code, r.stderr).not.toBe(0);
      expect(r.stdout).toBe('');
      const lines = r.stderr.replace(/\n$/, '').split('\n');
      expect(lines, r.stderr).toHaveLength(1);
      const line = lines[0]!;
      expect(line).not.toMatch(/\bat .+:\d+:\d+\)?$|node:internal|Error: /);
      let message = line;
      if (json) {
        const parsed = JSON.parse(line) as { error?: { code?: unknown; message?: unknown } };
        expect(parsed.error?.code).toEqual(expect.any(String));
        expect(parsed.error?.message).toEqual(expect.any(String));
        if (c.code) expect(parsed.error!.code).toMatch(c.code);
        message = String(parsed.error!.message);
      }
      expect(message, `not a clear message: ${line}`).toMatch(c.says);

      // Nothing written: the file was never created, or holds no results.
      if (existsSync(dbPath)) {
        const db = openDatabase(dbPath, { readonly: true });
        try {
          for (const table of ['model_inference_results', 'detection_results', 'tracking_results', 'counting_results']) {
            const exists = db.prepare(`SELECT COUNT(*) FROM sqlite_schema WHERE type = 'table' AND name = ?`).pluck().get(table) as number;
            if (exists) expect(db.prepare(`SELECT COUNT(*) FROM ${table}`).pluck().get(), table).toBe(0);
          }
        } finally {
          db.close();
        }
      }
    }, 120_000);
  });
});
