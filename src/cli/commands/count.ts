import type { Command } from 'commander';
import { runCount, type RunCountResult, type RunProgress } from '../../engine/pipeline/run-count';
import { loadModelRef } from '../model-option';
import { CliError, action, printResult } from '../output';
import { parseLine, parseZone } from '../parse-geometry';
import { oneOf } from '../option-values';
import { EVIDENCE_LEVELS } from '../../shared/enums';

interface CountOptions {
  source: string;
  line?: string[];
  zone?: string[];
  model?: string;
  db?: string;
  fps?: string;
  maxFrames?: string;
  maxSeconds?: string;
  giveUp: string;
  camera?: string;
  startedAt?: string;
  evidence?: string;
  json?: boolean;
}

const collect = (value: string, prev: string[] = []): string[] => [...prev, value];

function positive(name: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const v = Number(text);
  if (!(Number.isFinite(v) && v > 0)) throw new CliError('INVALID_OPTIONS', `${name} must be a positive number, got "${text}"`);
  return v;
}

function startedAtOf(text: string | undefined): Date | undefined {
  if (text === undefined) return undefined;
  // An ISO 8601 time with a date; a time without a zone is refused (whose 10:00?).
  const at = /^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d+)?)?(Z|[+-]\d\d:?\d\d)$/.test(text) ? new Date(text) : new Date(NaN);
  if (Number.isNaN(at.getTime())) throw new CliError('INVALID_OPTIONS', `--started-at must be an ISO time with its zone, e.g. 2026-11-30T10:00:00Z, got "${text}"`);
  return at;
}

/** One stderr line, rewritten in place on a terminal: `frames 120/795  9.8 fps  in 3  out 4`. */
function progressLine(p: RunProgress): string {
  const frames = p.total ? `${p.frames}/${p.total}` : String(p.frames);
  return `\rframes ${frames}  ${p.fps.toFixed(1)} fps  in ${p.in}  out ${p.out}`;
}

export function registerCountCommand(program: Command): void {
  program
    .command('count')
    .description('run the real pipeline over a recording or stream, store everything, print the counts')
    .requiredOption('--source <file|url>', 'recording path, or rtsp://, rtsps://, http(s):// MJPEG URL')
    .option('--line <x1,y1,x2,y2>', 'counting line in source pixels (repeatable; with --camera, default: the camera\'s lines)', collect)
    .option('--zone <x,y;x,y;...>', 'occupancy zone polygon in source pixels (repeatable)', collect)
    .option('--model <file|ref>', 'ONNX model file, or a registered version MODEL_ID@VERSION in --db (default: the bundled YOLOv8n)')
    .option('--db <file>', 'SQLite file to store results in')
    .option('--fps <n>', 'frames processed per second')
    .option('--max-frames <n>', 'stop after this many processed frames')
    .option('--max-seconds <n>', 'stop after this many seconds')
    .option('--give-up <s>', 'a live stream without a frame for this many seconds ends the run (non-zero exit)', '60')
    .option('--camera <name>', 'store the run under this camera (created as a recording camera if missing)')
    .option('--started-at <iso>', "wall-clock time of a recording's first frame (default: now)")
    .option('--evidence <level>', `per-frame detail stored: ${EVIDENCE_LEVELS.join(', ')} (default: the database's storage.evidence setting, itself events)`)
    .option('--json', 'JSON output')
    .action(
      action(async (opts: CountOptions) => {
        const lines = (opts.line ?? []).map((l, i) => parseLine(l, i));
        if (lines.length === 0 && opts.camera === undefined) throw new CliError('INVALID_GEOMETRY', 'give at least one --line (or --camera with stored lines)');
        const zones = (opts.zone ?? []).map((z, i) => parseZone(z, i));
        // Loaded before the signal handlers: a bad ref fails at once, in plain words.
        const fromRef = await loadModelRef(opts.model, opts.db);
        const controller = new AbortController();
        // Ctrl-C / SIGTERM end the run like the stream's end: flushed, printed, exit 0. A second
        // one does not wait for that.
        const onSignal = (): void => {
          if (controller.signal.aborted) process.exit(130);
          controller.abort(new Error('interrupted'));
        };
        process.on('SIGINT', onSignal);
        process.on('SIGTERM', onSignal);
        const tty = process.stderr.isTTY === true;
        let progressShown = false;
        try {
          const r = await runCount({
            source: opts.source,
            lines,
            zones,
            ...(fromRef ? { detector: fromRef.detector } : { modelPath: opts.model }),
            dbPath: opts.db ?? null,
            fps: positive('--fps', opts.fps),
            maxFrames: positive('--max-frames', opts.maxFrames),
            maxSeconds: positive('--max-seconds', opts.maxSeconds),
            giveUpS: positive('--give-up', opts.giveUp),
            camera: opts.camera,
            evidence: oneOf(EVIDENCE_LEVELS, opts.evidence, '--evidence'),
            startedAt: startedAtOf(opts.startedAt),
            signal: controller.signal,
            onReconnect: (message) => {
              if (progressShown) process.stderr.write('\n');
              progressShown = false;
              process.stderr.write(`footfall: reconnecting: ${message}\n`);
            },
            ...(tty
              ? {
                  onProgress: (p: RunProgress) => {
                    progressShown = true;
                    process.stderr.write(progressLine(p));
                  },
                }
              : {}),
          });
          if (progressShown) process.stderr.write('\n');
          printResult(!!opts.json, jsonOf(r), () => humanOf(r));
          if (r.error) {
            process.stderr.write(`footfall: ${r.error.message} [${r.error.code}]\n`);
            process.exitCode = 1;
          }
        } finally {
          process.off('SIGINT', onSignal);
          process.off('SIGTERM', onSignal);
          await fromRef?.detector.dispose();
        }
      }),
    );
}

function jsonOf(r: RunCountResult): Record<string, unknown> {
  return {
    in: r.in,
    out: r.out,
    frames: r.frames,
    events: r.events.map((e) => ({ direction: e.direction, track: e.track, frame: e.frame, time_s: e.time_s, line: e.line })),
    ended: r.ended,
    error: r.error,
    reconnects: r.reconnects,
    camera: r.camera,
    zones: r.zones,
    model: { ...r.model, ref: `${r.model.modelId}@${r.model.versionNumber}` },
    source: r.source,
    evidence: r.evidence,
    timing: r.timing,
  };
}

function humanOf(r: RunCountResult): string {
  return [
    `in ${r.in}  out ${r.out}  frames ${r.frames}  (${r.source.width}x${r.source.height} at ${r.source.fps} fps)${r.camera ? `  camera ${r.camera.name}` : ''}`,
    `model ${r.model.modelId} ${r.model.versionNumber} on ${r.model.provider}; ${r.timing.msPerFrame.toFixed(1)} ms/frame; ended: ${r.ended.replace(/_/g, ' ')}${r.reconnects ? `; ${r.reconnects} reconnect${r.reconnects === 1 ? '' : 's'}` : ''}`,
    ...r.events.map((e) => `  frame ${e.frame} (${e.time_s.toFixed(1)} s) track ${e.track} ${e.direction} (${e.line})`),
  ].join('\n');
}
