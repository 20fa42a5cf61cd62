import type { Command } from 'commander';
import type { ExperimentDesignDto, ExperimentStatusDto } from '../../shared/dto-experiments';
import { DEPLOYMENT_STRATEGIES, EXPERIMENT_MODES, EXPERIMENT_SPLITS, SUCCESS_METRICS } from '../../shared/enums';
import { experimentHandlers } from '../../engine/handlers/experiment-handlers';
import { defined, numberOption, oneOf } from '../option-values';
import { action, CliError, printResult } from '../output';
import { parseLine } from '../parse-geometry';
import { withHandlers, type Call } from '../with-handlers';

interface CommonOptions {
  db: string;
  json?: boolean;
}

const run = <T>(o: CommonOptions, fn: (call: Call) => Promise<T>): Promise<T> => withHandlers(o.db, (ctx) => experimentHandlers(ctx), fn);

function common(cmd: Command): Command {
  return cmd.requiredOption('--db <file>', 'SQLite file').option('--json', 'JSON output');
}

const percent = (v: number): string => `${(v * 100).toFixed(1)} %`;

function designLine(d: ExperimentDesignDto): string {
  const split = d.mode === 'ab' ? `, ${d.split} split, ${d.trafficPercent} % to the challenger` : '';
  return `${d.experimentId}  ${d.name}  [${d.status}]  ${d.mode}${split}: ${d.baselineRef} vs ${d.challengerRef}`;
}

function statusLines(s: ExperimentStatusDto): string[] {
  const arm = (a: ExperimentStatusDto['arms'][number]): string =>
    `  ${a.role.padEnd(10)} ${a.ref.padEnd(32)} ${String(a.frames).padStart(7)} frames  in ${a.in}  out ${a.out}  ${a.latencyMs ?? '–'} ms/frame` +
    (a.skippedFrames ? `  (${a.skippedFrames} skipped)` : '') +
    (a.f1 !== null ? `  F1 ${a.f1}` : '');
  const c = s.comparison;
  return [
    designLine(s.design),
    ...s.arms.map(arm),
    `  ${c.metric}: ${percent(c.difference)} (CI ${percent(c.ci[0])} to ${percent(c.ci[1])}, p = ${c.pValue.toPrecision(3)})${c.significant ? ' significant' : ''}`,
    ...(s.srm ? [`  split health: ${s.srm.ok ? 'ok' : 'SAMPLE RATIO MISMATCH'} (p = ${s.srm.pValue.toPrecision(3)})`] : []),
    `  recommendation: ${s.recommendation} — ${s.reason}`,
  ];
}

export function registerExperimentsCommands(program: Command): void {
  const experiments = program.command('experiments').description('shadow and A/B experiments between two model versions on the shop\'s own footage');

  common(experiments.command('create'))
    .description('create an experiment (draft) between two versions named MODEL_ID@VERSION')
    .requiredOption('--name <text>', 'what the experiment is for')
    .requiredOption('--baseline <ref>', 'the version in production, e.g. yolov8n-coco@8.0.0')
    .requiredOption('--challenger <ref>', 'the version to prove')
    .requiredOption('--mode <mode>', `${EXPERIMENT_MODES.join(' | ')}: both models on every frame, or a split`)
    .option('--split <split>', `ab only: ${EXPERIMENT_SPLITS.join(' | ')} (default slot: switchback)`)
    .option('--traffic <pct>', 'ab: percent of units served by the challenger (default 50)')
    .option('--min-samples <n>', 'frames each arm must process before a verdict (default 1000)')
    .option('--confidence <level>', 'confidence level (default 0.95)')
    .option('--metric <metric>', `success metric: ${SUCCESS_METRICS.join(' | ')} (f1 needs a truth file)`)
    .option('--max-count-difference <fraction>', 'counts within this of the baseline are "the same" (default 0.05)')
    .option('--max-latency-ratio <ratio>', 'guard: challenger/baseline latency allowed (default 1.2)')
    .option('--interval <s>', 'seconds of video per result interval (default 10)')
    .option('--slot-minutes <m>', 'slot split: minutes per slot (default 15)')
    .option('--burn-in <s>', 'slot split: seconds after each switch left out (default 30)')
    .option('--camera <id...>', 'live cameras to run on (default: every camera)')
    .option('--seed <text>', 'assignment seed (default: random)')
    .option('--device-watts <w>', 'device power for the cost figure (default 65)')
    .option('--energy-price <perKwh>', 'energy price per kWh (default 0.30)')
    .action(
      action(
        (
          o: CommonOptions & {
            name: string;
            baseline: string;
            challenger: string;
            mode: string;
            split?: string;
            traffic?: string;
            minSamples?: string;
            confidence?: string;
            metric?: string;
            maxCountDifference?: string;
            maxLatencyRatio?: string;
            interval?: string;
            slotMinutes?: string;
            burnIn?: string;
            camera?: string[];
            seed?: string;
            deviceWatts?: string;
            energyPrice?: string;
          },
        ) => {
          const mode = oneOf(EXPERIMENT_MODES, o.mode, '--mode')!;
          const split = oneOf(EXPERIMENT_SPLITS, o.split, '--split');
          const successMetric = oneOf(SUCCESS_METRICS, o.metric, '--metric');
          return run(o, async (call) => {
            const d = await call(
              'experiments:create',
              defined({
                name: o.name,
                baseline: o.baseline,
                challenger: o.challenger,
                mode,
                split,
                trafficPercent: numberOption(o.traffic, '--traffic', { min: 1, max: 99, integer: true }),
                minSamples: numberOption(o.minSamples, '--min-samples', { min: 1, integer: true }),
                confidence: numberOption(o.confidence, '--confidence', { min: 0.5, max: 0.999 }),
                successMetric,
                maxCountDifference: numberOption(o.maxCountDifference, '--max-count-difference', { min: 0, max: 1 }),
                maxLatencyRatio: numberOption(o.maxLatencyRatio, '--max-latency-ratio', { min: 0.1 }),
                intervalS: numberOption(o.interval, '--interval', { min: 1 }),
                slotMinutes: numberOption(o.slotMinutes, '--slot-minutes', { min: 0.1 }),
                burnInS: numberOption(o.burnIn, '--burn-in', { min: 0 }),
                cameraIds: o.camera,
                seed: o.seed,
                deviceWatts: numberOption(o.deviceWatts, '--device-watts', { min: 0 }),
                energyPricePerKwh: numberOption(o.energyPrice, '--energy-price', { min: 0 }),
              }),
            );
            printResult(!!o.json, d, () => `created ${designLine(d)}`);
          });
        },
      ),
    );

  common(experiments.command('list'))
    .description('experiments, newest first')
    .action(
      action((o: CommonOptions) =>
        run(o, async (call) => {
          const list = await call('experiments:list', {});
          printResult(!!o.json, list, () => (list.length ? list.map((e) => `${e.experimentId}  ${e.experimentName}  [${e.experimentStatus}]  ${e.mode ?? '?'}: ${e.baselineRef ?? e.baselineModelId} vs ${e.challengerRef ?? e.challengerModelId}`).join('\n') : 'no experiments'));
        }),
      ),
    );

  common(experiments.command('status'))
    .description('both arms, the comparison, the split health and the recommendation')
    .requiredOption('--id <experimentId>', 'experiment id')
    .action(
      action((o: CommonOptions & { id: string }) =>
        run(o, async (call) => {
          const s = await call('experiments:status', { experimentId: o.id });
          printResult(!!o.json, s, () => statusLines(s).join('\n'));
        }),
      ),
    );

  for (const verb of ['start', 'stop'] as const) {
    common(experiments.command(verb))
      .description(verb === 'start' ? 'start a draft: live cameras begin shadowing or splitting' : 'stop a running experiment (its results stay)')
      .requiredOption('--id <experimentId>', 'experiment id')
      .action(
        action((o: CommonOptions & { id: string }) =>
          run(o, async (call) => {
            const d = await call(verb === 'start' ? 'experiments:start' : 'experiments:stop', { experimentId: o.id });
            printResult(!!o.json, d, () => designLine(d));
          }),
        ),
      );
  }

  common(experiments.command('run'))
    .description('run the experiment over a recording or stream of the shop\'s footage and store the results')
    .requiredOption('--id <experimentId>', 'experiment id')
    .requiredOption('--source <fileOrUrl>', 'recording path or rtsp/http URL')
    .requiredOption('--line <x1,y1,x2,y2...>', 'counting line(s) in source pixels')
    .option('--truth <file>', 'footfall-crossings/v1 truth file: precision, recall and F1 per arm')
    .option('--fps <n>', 'frames processed per second (default: the recording\'s own rate, at most 30)')
    .option('--max-frames <n>', 'stop after this many frames')
    .action(
      action((o: CommonOptions & { id: string; source: string; line: string[] | string; truth?: string; fps?: string; maxFrames?: string }) => {
        const lines = (Array.isArray(o.line) ? o.line : [o.line]).map((l, i) => {
          const { id: _id, ...spec } = parseLine(l, i);
          return spec;
        });
        return run(o, async (call) => {
          const r = await call(
            'experiments:run',
            defined({
              experimentId: o.id,
              source: o.source,
              lines,
              truthPath: o.truth,
              fps: numberOption(o.fps, '--fps', { min: 0.5, max: 60 }),
              maxFrames: numberOption(o.maxFrames, '--max-frames', { min: 1, integer: true }),
            }),
          );
          printResult(!!o.json, r, () => [`ran ${r.frames} frames in ${r.intervals} intervals (run ${r.runId})`, ...statusLines(r.status)].join('\n'));
        });
      }),
    );

  common(experiments.command('conclude'))
    .description('record the verdict; with --rollout, start the deployment pipeline on it')
    .requiredOption('--id <experimentId>', 'experiment id')
    .option('--rollout', 'start the rollout of the challenger (needs deploy_challenger, or --override)')
    .option('--strategy <strategy>', `rollout: ${DEPLOYMENT_STRATEGIES.join(' | ')} (default: the verdict's)`)
    .option('--canary-camera <id>', 'camera that runs the canary')
    .option('--override <reason>', 'roll out against the verdict; the reason is recorded')
    .option('--notes <text>', 'notes for the record')
    .action(
      action((o: CommonOptions & { id: string; rollout?: boolean; strategy?: string; canaryCamera?: string; override?: string; notes?: string }) => {
        const strategy = oneOf(DEPLOYMENT_STRATEGIES, o.strategy, '--strategy');
        return run(o, async (call) => {
          const c = await call(
            'experiments:conclude',
            defined({
              experimentId: o.id,
              rollout: o.rollout === true,
              strategy,
              canaryCameraId: o.canaryCamera,
              override: o.override ? { reason: o.override } : undefined,
              notes: o.notes,
            }),
          );
          printResult(!!o.json, c, () =>
            [`concluded: ${c.recommendation} — ${c.reason}`, ...(c.pipeline ? [`rollout pipeline ${c.pipeline.pipelineId}: ${c.pipeline.status}${c.pipeline.failed ? ` (${c.pipeline.failed.stage} failed: ${c.pipeline.failed.message})` : ''}`] : [])].join('\n'),
          );
          if (c.pipeline?.failed) throw new CliError(c.pipeline.failed.code, `${c.pipeline.failed.stage} failed: ${c.pipeline.failed.message}`);
        });
      }),
    );
}
