/**
 * The lint rule that keeps the core pure (eslint.config.js, docs/ARCHITECTURE.md): FrameProcessor,
 * tracking, counting, vision and the pure parts of inference may not reach the file system, the
 * database, capture or Node's globals. Checked with ESLint itself on the real config: each
 * forbidden import is refused in each pure place, and the pure files as they are pass.
 */
import { join } from 'node:path';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../../..');
let eslint: ESLint;

beforeAll(() => {
  eslint = new ESLint({ cwd: ROOT });
});

async function problems(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: join(ROOT, filePath) });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports' || m.ruleId === 'no-restricted-globals').map((m) => m.message);
}

const PURE_FILES = [
  'src/engine/pipeline/frame-processor.ts',
  'src/engine/tracking/byte-tracker.ts',
  'src/engine/counting/line-zone.ts',
  'src/engine/vision/detections.ts',
  'src/engine/inference/nms.ts',
  'src/engine/experiments/stats/verdict-rules.ts',
  'src/engine/drift/drift-score.ts',
];

const FORBIDDEN: Array<[string, string, RegExp]> = [
  ['a Node API', "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;", /no Node API/],
  ['a bare Node module', "import { createHash } from 'crypto';\nexport const x = createHash;", /no Node API/],
  ['the database', "import { buildFrameRows } from '../db/frame-rows';\nexport const x = buildFrameRows;", /engine folder that does I\/O/],
  ['capture', "import { FfmpegCapture } from '../capture/ffmpeg-capture';\nexport const x = FfmpegCapture;", /engine folder that does I\/O/],
  ['onnxruntime', "import * as ort from 'onnxruntime-node';\nexport const x = ort;", /no I\/O package/],
  ['a Node global', 'export const rss = (): number => process.memoryUsage.rss();', /no Node global/],
];

describe('the pure core lint rule', () => {
  for (const file of PURE_FILES) {
    for (const [what, code, message] of FORBIDDEN) {
      it(`refuses ${what} in ${file}`, async () => {
        expect(await problems(file, code)).toEqual([expect.stringMatching(message)]);
      });
    }
  }

  it('lets the same code through outside the pure core (the frame loop may do I/O)', async () => {
    expect(await problems('src/engine/pipeline/frame-loop.ts', FORBIDDEN[0]![1])).toEqual([]);
  });

  it('the pure files as they are pass it', async () => {
    const results = await eslint.lintFiles(PURE_FILES.map((f) => join(ROOT, f)));
    expect(results.flatMap((r) => r.messages.map((m) => `${r.filePath}:${m.line} ${m.message}`))).toEqual([]);
  });
});
