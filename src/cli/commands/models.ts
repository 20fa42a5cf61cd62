import type { Command } from 'commander';
import type { RequestInput, RequestName, RequestOutput } from '../../shared/contract';
import type { PipelineDto } from '../../shared/dto-models';
import { MODEL_TYPES, PIPELINE_STAGES, type ModelType, type PipelineStage } from '../../shared/enums';
import { openMigratedDatabase } from '../../engine/db/open-migrated-database';
import { repositoriesFor } from '../../engine/db/repositories';
import { modelHandlers } from '../../engine/handlers/model-handlers';
import { ensureDefaultModel } from '../../engine/registry/ensure-model';
import type { RegistryOptions } from '../../engine/registry/registry-context';
import { EventBus } from '../../engine/wiring/event-bus';
import { contractCall } from '../contract-call';
import type { Handlers } from '../../shared/contract';
import { AccessService } from '../../engine/access/access-service';
import { auditedHandlers } from '../../engine/access/audited-handlers';
import { defined } from '../option-values';
import { action, CliError, printResult } from '../output';

interface CommonOptions {
  db: string;
  store?: string;
  json?: boolean;
}

const STAGES: readonly PipelineStage[] = PIPELINE_STAGES;
const TYPES: readonly ModelType[] = MODEL_TYPES;

function positiveNumber(text: string | undefined, what: string, integer = false): number | undefined {
  if (text === undefined) return undefined;
  const v = Number(text);
  if (!Number.isFinite(v) || v <= 0 || (integer && !Number.isInteger(v))) throw new CliError('VALIDATION', `${what} must be a positive ${integer ? 'integer' : 'number'}`, 2);
  return v;
}


type Call = <K extends RequestName>(name: K, input: RequestInput<K>) => Promise<RequestOutput<K>>;

/**
 * The same model handlers the app uses, validated by the same contract (dispatch), over the
 * database file opened the way the app's first start does: migrated, with the bundled default
 * model registered and in production.
 */
async function withModels<T>(opts: CommonOptions, fn: (call: Call) => Promise<T>, registry: RegistryOptions = {}): Promise<T> {
  const db = openMigratedDatabase(opts.db);
  try {
    await ensureDefaultModel(db);
    const ctx = { db, repos: repositoriesFor(db), events: new EventBus(), host: 'serve' as const, dbPath: opts.db };
    const handlers = modelHandlers(ctx, { ...(opts.store ? { storeDir: opts.store } : {}), ...registry });
    // Run as the machine's owner: the audit log and the who-columns name that account.
    const access = new AccessService(db, ctx.repos);
    return await fn(contractCall(auditedHandlers(handlers as Handlers, access), access.ownerCaller()));
  } finally {
    db.close();
  }
}

function common(cmd: Command): Command {
  return cmd
    .requiredOption('--db <file>', 'SQLite file')
    .option('--store <dir>', 'model store folder (default: <db folder>/models)')
    .option('--json', 'JSON output');
}

function pipelineLines(p: PipelineDto): string[] {
  return [
    `pipeline ${p.pipelineId}: ${p.modelId} ${p.versionNumber} for ${p.cameraId ?? 'all cameras'} — ${p.pipelineStatus}`,
    ...p.stages.map((s) => `  ${s.stage.padEnd(10)} ${s.status.padEnd(9)} ${s.completedAt ?? s.startedAt ?? ''}${s.error ? `  ${s.error.code}: ${s.error.message}` : ''}`),
  ];
}

export function registerModelsCommands(program: Command): void {
  const models = program.command('models').description('model registry: import, version, review, evaluate, deploy, roll back');

  common(models.command('import <file>'))
    .description('validate an ONNX model on a real frame and add it to the registry and the store')
    .option('--root <dir>', 'the folder the file comes from (e.g. the USB stick); nothing outside it is read')
    .option('--sidecar <file>', 'sidecar JSON (default: <model name>.json beside the model)')
    .option('--model-id <id>', 'model id (default: from the sidecar or the file name)')
    .option('--name <text>', 'model name')
    .option('--type <type>', `model type: ${TYPES.join(', ')}`)
    .option('--version <semver>', 'version number (default: next patch version)')
    .option('--description <text>', 'version description')
    .option('--changelog <text>', 'what changed')
    .option('--commit <hash>', 'git commit of the training code')
    .option('--author <name>', 'author name')
    .option('--email <email>', 'author email')
    .option('--branch <name>', 'branch the version goes on (default main)')
    .option('--parent <semver>', 'parent version (default: the branch head)')
    .option('--training <file>', 'training history: Ultralytics results.csv or footfall JSON')
    .option('--sample-image <file>', 'real image to run the model on')
    .option('--max-mb <n>', 'refuse files larger than this')
    .action(
      action(async (file: string, o: CommonOptions & Record<string, string | undefined>) => {
        if (o.type !== undefined && !TYPES.includes(o.type as ModelType)) throw new CliError('VALIDATION', `--type must be one of ${TYPES.join(', ')}`, 2);
        const maxMb = positiveNumber(o.maxMb, '--max-mb');
        const registry = maxMb ? { maxImportBytes: Math.floor(maxMb * 1024 * 1024) } : {};
        await withModels(o, async (call) => {
          const r = await call(
            'models:import',
            defined({
              path: file,
              root: o.root,
              sidecarPath: o.sidecar,
              modelId: o.modelId,
              name: o.name,
              modelType: o.type as ModelType | undefined,
              version: o.version,
              description: o.description,
              changelog: o.changelog,
              commitHash: o.commit,
              authorName: o.author,
              authorEmail: o.email,
              branch: o.branch,
              parentVersion: o.parent,
              trainingPath: o.training,
              sampleImage: o.sampleImage,
            }),
          );
          printResult(!!o.json, r, () =>
            r.status === 'existing'
              ? `already registered as ${r.model.modelId} ${r.version.versionNumber} (sha256 ${r.sha256.slice(0, 12)}…)`
              : [
                  `imported ${r.model.modelId} ${r.version.versionNumber} (${(r.sizeBytes / 1048576).toFixed(1)} MB, sha256 ${r.sha256.slice(0, 12)}…)`,
                  `  ${r.check?.inputWidth}x${r.check?.inputHeight} ${r.check?.layout}, ${r.check?.classes} classes, opset ${r.check?.opset}, ${r.check?.parameterCount} parameters`,
                  `  ran on ${r.check?.sampleFrame}: ${r.check?.persons} person(s); review: ${r.reviewStatus}`,
                ].join('\n'),
          );
        }, registry);
      }),
    );

  common(models.command('list'))
    .description('registered models')
    .action(
      action((o: CommonOptions) =>
        withModels(o, async (call) => {
          const list = await call('models:list', {});
          printResult(!!o.json, list, () =>
            list.length === 0
              ? 'no models'
              : list.map((m) => `${m.modelId.padEnd(28)} ${String(m.modelVersion).padEnd(10)} ${m.deploymentStatus.padEnd(12)} ${m.modelName}`).join('\n'),
          );
        }),
      ),
    );

  common(models.command('show <modelId>'))
    .description('a model with its versions, history, branches, training, pipelines and deployments')
    .action(
      action((modelId: string, o: CommonOptions) =>
        withModels(o, async (call) => {
          const d = await call('models:show', { modelId });
          printResult(!!o.json, d, () =>
            [
              `${d.model.modelId}: ${d.model.modelName} (${d.model.modelType}, ${d.model.modelFramework}/${d.model.modelFormat}) — ${d.model.deploymentStatus}`,
              `licence ${d.model.licence ?? 'unknown'}; ${d.model.modelParameters ?? '?'} parameters; ${d.model.modelSizeMb ?? '?'} MB`,
              'versions:',
              ...d.versions.map((v) => `  ${v.versionNumber.padEnd(10)} ${v.deploymentStatus.padEnd(12)} review ${v.reviewStatus ?? '-'}  ${v.modelFileChecksum?.slice(0, 12) ?? ''}`),
              `branches: ${d.branches.map((b) => `${b.name} (${b.status})`).join(', ') || '-'}`,
              `deployments: ${d.deployments.map((x) => `${x.versionNumber} ${x.role} on ${x.cameraId ?? 'all cameras'}`).join(', ') || '-'}`,
              `training runs: ${d.training.length}; pipelines: ${d.pipelines.length}; metrics: ${d.metrics.length}`,
            ].join('\n'),
          );
        }),
      ),
    );

  common(models.command('branch <modelId> <name>'))
    .description('start a branch of a model from one of its versions')
    .requiredOption('--from <semver>', 'base version')
    .option('--purpose <text>', 'feature, bugfix, experiment, … (default experiment)')
    .option('--description <text>', 'what the branch is for')
    .option('--by <user>', 'who creates it')
    .action(
      action((modelId: string, name: string, o: CommonOptions & { from: string; purpose?: string; description?: string; by?: string }) =>
        withModels(o, async (call) => {
          const b = await call('models:branch', defined({ modelId, name, baseVersion: o.from, purpose: o.purpose, description: o.description, createdBy: o.by }));
          printResult(!!o.json, b, () => `branch ${b.name} of ${modelId} from ${b.baseVersion}`);
        }),
      ),
    );

  common(models.command('merge <modelId> <branch>'))
    .description("adopt a branch's newest version on another branch (needs a new review)")
    .option('--into <branch>', 'target branch', 'main')
    .option('--summary <text>', 'change summary')
    .option('--author <name>', 'author name')
    .option('--email <email>', 'author email')
    .action(
      action((modelId: string, branch: string, o: CommonOptions & { into: string; summary?: string; author?: string; email?: string }) =>
        withModels(o, async (call) => {
          const r = await call('models:merge', defined({ modelId, branch, into: o.into, summary: o.summary, authorName: o.author, authorEmail: o.email }));
          printResult(!!o.json, r, () => `merged ${branch} into ${o.into}: ${modelId} ${r.commit.versionNumber}, review ${r.commit.reviewStatus}`);
        }),
      ),
    );

  common(models.command('review <modelId> <version>'))
    .description('approve or reject a version (a version must be approved before it is deployed)')
    .option('--approve', 'approve')
    .option('--reject', 'reject')
    .requiredOption('--reviewer <name>', 'who reviews')
    .option('--notes <text>', 'review notes')
    .action(
      action((modelId: string, version: string, o: CommonOptions & { approve?: boolean; reject?: boolean; reviewer: string; notes?: string }) => {
        if (!!o.approve === !!o.reject) throw new CliError('VALIDATION', 'give exactly one of --approve or --reject', 2);
        return withModels(o, async (call) => {
          const c = await call('models:review', defined({ modelId, version, decision: o.approve ? ('approved' as const) : ('rejected' as const), reviewer: o.reviewer, notes: o.notes }));
          printResult(!!o.json, c, () => `${modelId} ${version}: ${c.reviewStatus} by ${o.reviewer}`);
        });
      }),
    );

  common(models.command('evaluate <modelId> <version>'))
    .description('run a version over a recording with ground truth and store precision/recall/F1, latency, throughput')
    .requiredOption('--source <file>', 'recording')
    .requiredOption('--truth <file>', 'line-crossing truth (.json) or MOT gt.txt')
    .option('--fps <n>', 'frames processed per second')
    .option('--max-frames <n>', 'evaluate only this many frames')
    .action(
      action((modelId: string, version: string, o: CommonOptions & { source: string; truth: string; fps?: string; maxFrames?: string }) =>
        withModels(o, async (call) => {
          const r = await call(
            'models:evaluate',
            defined({
              modelId,
              version,
              source: o.source,
              truthPath: o.truth,
              fps: positiveNumber(o.fps, '--fps'),
              maxFrames: positiveNumber(o.maxFrames, '--max-frames', true),
            }),
          );
          printResult(!!o.json, r, () =>
            [
              `${modelId} ${version} on ${r.frames} frames: TP ${r.truePositives}  FP ${r.falsePositives}  FN ${r.falseNegatives}`,
              `precision ${r.precision ?? '-'}%  recall ${r.recall ?? '-'}%  F1 ${r.f1 ?? '-'}%  accuracy ${r.accuracy ?? '-'}%`,
              `latency ${r.latencyMs} ms/frame, ${r.throughputFps} fps`,
            ].join('\n'),
          );
        }),
      ),
    );

  common(models.command('promote <modelId> <version>'))
    .description('move a version through validate → benchmark → shadow → canary → production')
    .option('--camera <id>', 'roll out to this camera only (default: all cameras)')
    .option('--through <stage>', `stop after this stage: ${STAGES.join(', ')}`, 'production')
    .option('--canary-camera <id>', 'camera that runs the canary for an all-camera rollout')
    .option('--benchmark-runs <n>', 'timed runs in the benchmark stage')
    .option('--shadow-source <file>', 'recording of the shop to run a shadow experiment on')
    .option('--shadow-line <x1,y1,x2,y2>', "the shadow experiment's counting line in the recording's pixels (default: the canary camera's lines)")
    .option('--shadow-max-frames <n>', 'frames of the recording the shadow experiment runs over (default 1800)')
    .option('--canary-cameras <ids>', 'comma-separated canary cameras for an all-camera rollout')
    .option('--canary-minutes <n>', 'how long the canary runs, guarded, before production (default 30; 0: no canary time)')
    .option('--experiment <id>', 'the experiment whose verdict is the shadow evidence')
    .option('--override <reason>', 'roll out past a failing gate (evaluation, shadow verdict, canary guards); recorded with --by')
    .option('--by <user>', 'who promotes')
    .action(
      action(
        (
          modelId: string,
          version: string,
          o: CommonOptions & {
            camera?: string;
            through: string;
            canaryCamera?: string;
            benchmarkRuns?: string;
            shadowSource?: string;
            shadowLine?: string;
            shadowMaxFrames?: string;
            canaryCameras?: string;
            canaryMinutes?: string;
            experiment?: string;
            override?: string;
            by?: string;
          },
        ) => {
          if (!STAGES.includes(o.through as PipelineStage)) throw new CliError('VALIDATION', `--through must be one of ${STAGES.join(', ')}`, 2);
          const canaryMinutes = o.canaryMinutes === undefined ? undefined : Number(o.canaryMinutes);
          if (canaryMinutes !== undefined && !(Number.isFinite(canaryMinutes) && canaryMinutes >= 0)) throw new CliError('VALIDATION', '--canary-minutes must be 0 or more', 2);
          const shadowLine = o.shadowLine?.split(',').map(Number);
          if (shadowLine && (shadowLine.length !== 4 || !shadowLine.every(Number.isFinite))) throw new CliError('VALIDATION', '--shadow-line needs x1,y1,x2,y2', 2);
          return withModels(o, async (call) => {
            const r = await call(
              'models:promote',
              defined({
                modelId,
                version,
                cameraId: o.camera ?? null,
                through: o.through as PipelineStage,
                canaryCameraId: o.canaryCamera,
                benchmarkRuns: positiveNumber(o.benchmarkRuns, '--benchmark-runs', true),
                shadowSource: o.shadowSource,
                shadowLines: shadowLine ? [{ name: 'shadow', x1: shadowLine[0]!, y1: shadowLine[1]!, x2: shadowLine[2]!, y2: shadowLine[3]! }] : undefined,
                shadowMaxFrames: positiveNumber(o.shadowMaxFrames, '--shadow-max-frames', true),
                canaryCameraIds: o.canaryCameras?.split(',').map((c) => c.trim()).filter(Boolean),
                canaryMinutes,
                experimentId: o.experiment,
                override: o.override ? { reason: o.override } : undefined,
                requestedBy: o.by,
              }),
            );
            printResult(!!o.json, r, () => pipelineLines(r.pipeline).join('\n'));
            if (r.failed) throw new CliError(r.failed.code, `${r.failed.stage} failed: ${r.failed.message}`);
          });
        },
      ),
    );

  common(models.command('rollback'))
    .description('return a scope to its previous production version')
    .requiredOption('--reason <text>', 'why')
    .option('--camera <id>', "roll back this camera's own deployment (default: all cameras)")
    .option('--type <type>', 'model type', 'detection')
    .option('--by <user>', 'who rolls back')
    .action(
      action((o: CommonOptions & { reason: string; camera?: string; type: string; by?: string }) => {
        if (!TYPES.includes(o.type as ModelType)) throw new CliError('VALIDATION', `--type must be one of ${TYPES.join(', ')}`, 2);
        return withModels(o, async (call) => {
          const r = await call('models:rollback', defined({ modelType: o.type as ModelType, cameraId: o.camera ?? null, reason: o.reason, requestedBy: o.by }));
          printResult(!!o.json, r, () => `rolled back ${r.cameraId ?? 'all cameras'}: ${r.from.modelId} ${r.from.versionNumber} → ${r.to.modelId} ${r.to.versionNumber} (${r.reason})`);
        });
      }),
    );

  common(models.command('pipeline <pipelineId>'))
    .description('a deployment pipeline with its stages and events')
    .action(
      action((pipelineId: string, o: CommonOptions) =>
        withModels(o, async (call) => {
          const p = await call('models:pipeline', { pipelineId });
          printResult(!!o.json, p, () => pipelineLines(p).join('\n'));
        }),
      ),
    );

  common(models.command('deployments'))
    .description('which version runs where')
    .action(
      action((o: CommonOptions) =>
        withModels(o, async (call) => {
          const list = await call('models:deployments', {});
          printResult(!!o.json, list, () =>
            list.map((d) => `${d.modelType.padEnd(10)} ${(d.cameraId ?? 'all cameras').padEnd(16)} ${d.role.padEnd(10)} ${d.modelId} ${d.versionNumber}`).join('\n') || 'nothing deployed',
          );
        }),
      ),
    );

  common(models.command('training <modelId> <file>'))
    .description('import a training run (Ultralytics results.csv or footfall JSON)')
    .option('--version <semver>', 'the version the run produced')
    .option('--run-id <id>', 'training run id')
    .option('--epochs <n>', 'total epochs planned')
    .action(
      action((modelId: string, file: string, o: CommonOptions & { version?: string; runId?: string; epochs?: string }) =>
        withModels(o, async (call) => {
          const t = await call('models:training', defined({ modelId, version: o.version, path: file, runId: o.runId, totalEpochs: positiveNumber(o.epochs, '--epochs', true) }));
          printResult(!!o.json, t, () => `training run ${t.trainingRunId}: ${t.status}, ${t.epochsCompleted}/${t.totalEpochs} epochs`);
        }),
      ),
    );

  common(models.command('derive <modelId> <version>'))
    .description('make a new version from VERSION (its parent): another input size, int8, or its own detection threshold')
    .option('--input-size <n>', 're-grid to N×N pixels (a multiple of 32, e.g. 320)')
    .option('--int8', 'static int8 quantization (QDQ), calibrated on real frames')
    .option('--calibrate <source>', 'recording, camera URL, image or folder of images to calibrate int8 on (default: the sample frames)')
    .option('--calibration-frames <n>', 'frames to calibrate on (default 16)')
    .option('--conf-threshold <x>', 'detection threshold stored in the new version (between 0 and 1)')
    .option('--version <semver>', 'new version number (default: a prerelease of VERSION, e.g. 8.0.0-i320)')
    .option('--by <user>', 'who derives it')
    .action(
      action(
        (
          modelId: string,
          version: string,
          o: CommonOptions & { inputSize?: string; int8?: boolean; calibrate?: string; calibrationFrames?: string; confThreshold?: string; version?: string; by?: string },
        ) => {
          if (o.inputSize === undefined && !o.int8 && o.confThreshold === undefined) {
            throw new CliError('VALIDATION', 'say what to derive: --input-size N, --int8 or --conf-threshold X', 2);
          }
          if (o.calibrate !== undefined && !o.int8) throw new CliError('VALIDATION', '--calibrate only applies with --int8', 2);
          const inputSize = positiveNumber(o.inputSize, '--input-size', true);
          if (inputSize !== undefined && inputSize % 32 !== 0) {
            throw new CliError('VALIDATION', `--input-size must be a multiple of 32 (e.g. 320 or 416), got ${inputSize}`, 2);
          }
          let confThreshold: number | undefined;
          if (o.confThreshold !== undefined) {
            confThreshold = Number(o.confThreshold);
            if (!(Number.isFinite(confThreshold) && confThreshold > 0 && confThreshold < 1)) {
              throw new CliError('VALIDATION', `--conf-threshold must be a number between 0 and 1 (e.g. 0.85), got "${o.confThreshold}"`, 2);
            }
          }
          return withModels(o, async (call) => {
            const r = await call(
              'models:derive',
              defined({
                modelId,
                version,
                inputSize,
                int8: o.int8 ? true : undefined,
                calibrate: o.calibrate,
                calibrationFrames: positiveNumber(o.calibrationFrames, '--calibration-frames', true),
                confThreshold,
                newVersion: o.version,
                authorName: o.by,
              }),
            );
            printResult(!!o.json, r, () =>
              [
                `${r.status === 'existing' ? 'already registered as' : 'derived'} ${r.ref} from ${r.parentRef} (${r.kind}, ${r.inputSize}×${r.inputSize}, ${(r.sizeBytes / 1048576).toFixed(1)} MB, sha256 ${r.sha256.slice(0, 12)}…)`,
                `  ${r.changelog}`,
                `  review: ${r.reviewStatus ?? '-'} (approve it with models review before it serves counts)`,
              ].join('\n'),
            );
          });
        },
      ),
    );

  common(models.command('verify <modelId> <version>'))
    .description("re-hash a version's stored file against its registered checksum")
    .action(
      action((modelId: string, version: string, o: CommonOptions) =>
        withModels(o, async (call) => {
          const v = await call('models:verify', { modelId, version });
          printResult(!!o.json, v, () => `${modelId} ${version}: ${v.ok ? 'ok' : 'CHANGED OR MISSING'} (${v.path})`);
          if (!v.ok) throw new CliError('CHECKSUM_MISMATCH', `${v.path} does not match its registered sha256`);
        }),
      ),
    );
}
