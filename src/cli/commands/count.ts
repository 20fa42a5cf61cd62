import type { Command } from 'commander';
import { runCount } from '../../engine/pipeline/run-count';
import { action, printResult } from '../output';
import { parseLine, parseZone } from '../parse-geometry';

interface CountOptions {
  source: string;
  line: string[];
  zone?: string[];
  model?: string;
  db?: string;
  fps?: string;
  maxFrames?: string;
  maxSeconds?: string;
  json?: boolean;
}

const collect = (value: string, prev: string[] = []): string[] => [...prev, value];

export function registerCountCommand(program: Command): void {
  program
    .command('count')
    .description('run the real pipeline over a recording or stream, store everything, print the counts')
    .requiredOption('--source <file|url>', 'recording path, or rtsp://, rtsps://, http(s):// MJPEG URL')
    .requiredOption('--line <x1,y1,x2,y2>', 'counting line in source pixels (repeatable)', collect)
    .option('--zone <x,y;x,y;...>', 'occupancy zone polygon in source pixels (repeatable)', collect)
    .option('--model <file>', 'ONNX model file (default: the bundled YOLOv8n)')
    .option('--db <file>', 'SQLite file to store results in')
    .option('--fps <n>', 'frames processed per second')
    .option('--max-frames <n>', 'stop after this many processed frames')
    .option('--max-seconds <n>', 'stop after this many seconds')
    .option('--json', 'JSON output')
    .action(
      action(async (opts: CountOptions) => {
        const lines = opts.line.map((l, i) => parseLine(l, i));
        const zones = (opts.zone ?? []).map((z, i) => parseZone(z, i));
        const controller = new AbortController();
        const onSignal = (): void => controller.abort(new Error('interrupted'));
        process.once('SIGINT', onSignal);
        process.once('SIGTERM', onSignal);
        try {
          const r = await runCount({
            source: opts.source,
            lines,
            zones,
            modelPath: opts.model,
            dbPath: opts.db ?? null,
            fps: opts.fps === undefined ? undefined : Number(opts.fps),
            maxFrames: opts.maxFrames === undefined ? undefined : Number(opts.maxFrames),
            maxSeconds: opts.maxSeconds === undefined ? undefined : Number(opts.maxSeconds),
            signal: controller.signal,
          });
          const out = {
            in: r.in,
            out: r.out,
            frames: r.frames,
            events: r.events.map((e) => ({ direction: e.direction, track: e.track, frame: e.frame, time_s: e.time_s, line: e.line })),
            zones: r.zones,
            model: r.model,
            source: r.source,
            timing: r.timing,
          };
          printResult(!!opts.json, out, () =>
            [
              `in ${r.in}  out ${r.out}  frames ${r.frames}  (${r.source.width}x${r.source.height} at ${r.source.fps} fps)`,
              `model ${r.model.modelId} ${r.model.versionNumber} on ${r.model.provider}; ${r.timing.msPerFrame.toFixed(1)} ms/frame`,
              ...r.events.map((e) => `  frame ${e.frame} (${e.time_s.toFixed(1)} s) track ${e.track} ${e.direction} (${e.line})`),
            ].join('\n'),
          );
        } finally {
          process.off('SIGINT', onSignal);
          process.off('SIGTERM', onSignal);
        }
      }),
    );
}
