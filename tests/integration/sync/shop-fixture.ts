/**
 * Shops for the chain-sync tests, made only through the project's own code: openMigratedDatabase,
 * the repositories (users, models, versions, metrics, experiments, deployment events) and the
 * ResultWriter (frames with their counting events), so the outbox triggers see exactly the writes
 * the app makes. Plus the command line, run as the shop would run it.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { AuditLog } from '../../../src/engine/access/audit-log';
import { AuditService } from '../../../src/engine/audits/audit-service';
import { systemClock } from '../../../src/engine/access/clock';
import { openMigratedDatabase } from '../../../src/engine/db/open-migrated-database';
import type { SqliteDatabase } from '../../../src/engine/db/open-database';
import { createRepositories, type Repositories } from '../../../src/engine/db/repositories';
import { ResultWriter } from '../../../src/engine/db/result-writer';
import type { FrameResult } from '../../../src/engine/db/result-rows';
import { keyFilePathFor, openKeyFileSecretBox } from '../../../src/engine/secrets/key-file-secret-box';
import { configureSync, verifyServerUrl } from '../../../src/engine/sync/configure-sync';
import { drainOutbox } from '../../../src/engine/sync/drain';
import type { PushResult } from '../../../src/engine/sync/forwarder';
import { loadServerConfig } from '../../../src/engine/sync/server-config';
import { computeBusinessMetrics } from '../../../src/engine/sales/business-metrics';
import { importSales } from '../../../src/engine/sales/import-sales';
import { nowIso, toIso } from '../../../src/shared/timestamps';

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const TSX = join(ROOT, 'node_modules', '.bin', 'tsx');
const CLI = join(ROOT, 'src/cli/index.ts');

export const MODEL_ID = 'door-person';
export const VERSIONS = ['1.0.0', '1.1.0'] as const;

export interface Shop {
  file: string;
  db: SqliteDatabase;
  repos: Repositories;
  close(): void;
}

export function tempFolder(): string {
  return mkdtempSync(join(tmpdir(), 'footfall-sync-test-'));
}

export function openShop(folder: string, name: string): Shop {
  const file = join(folder, `${name}.db`);
  const db = openMigratedDatabase(file);
  const repos = createRepositories(db);
  return { file, db, repos, close: () => db.close() };
}

/** A model with two versions and the registry rows around it, as the registry would write them. */
export function registerModels(repos: Repositories): void {
  const user = repos.users.create({ username: 'lan', displayName: 'Lan', role: 'technician' });
  repos.aiModels.create({ modelId: MODEL_ID, modelName: 'Door person detector', modelType: 'detection', modelFramework: 'onnx', createdBy: user.id });
  repos.aiModels.create({ modelId: 'door-person-tiny', modelName: 'Door person detector (tiny)', modelType: 'detection' });
  for (const v of VERSIONS) {
    repos.modelVersions.create({ modelId: MODEL_ID, versionNumber: v, validationF1: v === '1.0.0' ? 81.5 : 86.25, trainingMetrics: { mAP50: 0.61 } });
    repos.versionControl.recordCommit({ modelId: MODEL_ID, versionNumber: v, commitMessage: `release ${v}`, authorName: 'Lan' });
    repos.performanceMetrics.record({ modelId: MODEL_ID, modelVersion: v, f1Score: v === '1.0.0' ? 80.125 : 88.5, precisionScore: 90, recallScore: 84.3, inferenceLatencyMs: 101 });
  }
  repos.modelVersions.create({ modelId: 'door-person-tiny', versionNumber: '0.1.0' });
  repos.trainingHistory.create({ modelId: MODEL_ID, trainingRunId: 'exp42', totalEpochs: 3, trainingStatus: 'completed' });
  repos.versionControl.createBranch({ branchName: 'night-shift', baseVersion: '1.0.0', createdBy: user.id });
  repos.driftMetrics.record({ modelId: MODEL_ID, dataDriftScore: 0.31, driftSeverity: 'low', isAlerted: false });
  repos.comparisonMetrics.create({ comparisonId: 'cmp-1', baselineModelId: MODEL_ID, challengerModelId: 'door-person-tiny', f1Improvement: -4.5, isStatisticallySignificant: true });
  repos.abExperiments.createExperiment({ experimentId: 'exp-tiny', experimentName: 'Tiny at the door', baselineModelId: MODEL_ID, challengerModelId: 'door-person-tiny' });
  repos.abExperiments.assign({ experimentId: 'exp-tiny', userId: user.id, assignedModelId: 'door-person-tiny', assignedGroup: 'challenger' });
  repos.abExperiments.recordResult({ experimentId: 'exp-tiny', groupName: 'challenger', sampleSize: 1200, f1Score: 82.5 });
  repos.abExperiments.conclude({ experimentId: 'exp-tiny', winnerModelId: MODEL_ID, recommendation: 'keep_baseline', reviewedBy: user.id });
  repos.modelDeployments.recordEvent({ eventType: 'promoted', modelType: 'detection', modelId: MODEL_ID, versionNumber: '1.0.0', reason: 'first install' });
  const audit = new AuditLog(repos.db, systemClock);
  audit.append({ userId: user.id, username: user.username, action: 'models:promote', target: `${MODEL_ID}@1.0.0`, after: { role: 'production' } });
  audit.append({ userId: user.id, username: user.username, action: 'cameras:edit', target: 'door', before: { fps: 5 }, after: { fps: 8 } });
}

/**
 * The rows of issue 13's tables (migrations 0013–0017), written by the code that writes them in
 * the app: an experiment's design, interval figures and truth match; a live performance sample;
 * a drift window of camera `door`; the till's sales and the business figures over the counted
 * frames (call after writeCounts); audit items with their evidence pictures (as AuditCapture
 * stores them; a tiny stand-in JPEG).
 */
export function recordIssue13Rows(shop: Shop, salesDay: string): void {
  const { db, repos } = shop;
  const ab = repos.abExperiments;
  ab.createDesign({
    experimentId: 'exp-tiny', baselineVersion: VERSIONS[0], challengerVersion: '0.1.0', mode: 'shadow', split: 'frame', seed: 'door-seed',
    intervalS: 60, maxCountDifference: 0.05, maxLatencyRatio: 1.5, deviceWatts: 65, energyPricePerKwh: 0.3, cameraIds: ['door'],
  });
  for (const arm of ['baseline', 'challenger'] as const) {
    const result = ab.recordResult({ experimentId: 'exp-tiny', groupName: arm, sampleSize: 300, resultTimestamp: `${salesDay}T09:00:00.000Z` });
    ab.recordInterval({
      resultId: result.id, experimentId: 'exp-tiny', runId: 'live-door-1', intervalIndex: 0, unit: 'door', arm,
      intervalStart: `${salesDay}T09:00:00.000Z`, intervalEnd: `${salesDay}T09:01:00.000Z`, exposureS: 60, frames: 300, inCount: 4, outCount: 2,
      latencyMs: arm === 'baseline' ? 41.5 : 22.25, truePositives: 5, falsePositives: 1, falseNegatives: arm === 'baseline' ? 0 : 2,
    });
  }
  ab.recordTruthMatch({ experimentId: 'exp-tiny', runId: 'live-door-1', truthIndex: 0, baselineFound: true, challengerFound: false });
  repos.performanceMetrics.record({
    modelId: MODEL_ID, modelVersion: VERSIONS[0], metricTimestamp: `${salesDay}T09:05:00.000Z`, cameraId: 'door', inferenceLatencyMs: 42, throughputFps: 4.9,
    latencyP50Ms: 41.5, latencyP95Ms: 77.25, cpuUtilizationPercent: 33.5, memoryUsageMb: 512, framesProcessed: 294, framesDropped: 6, sampleIntervalS: 60, executionProvider: 'cpu',
  });
  repos.driftMetrics.record({
    modelId: MODEL_ID, driftTimestamp: `${salesDay}T10:00:00.000Z`, dataDriftScore: 0.42, driftType: 'covariate', driftSeverity: 'high', isAlerted: true, alertThreshold: 0.1,
    driftFeatures: { kind: 'drift', camera: { id: 'door', name: 'Door' }, modelVersion: VERSIONS[0], window: { from: `${salesDay}T09:00:00.000Z`, to: `${salesDay}T10:00:00.000Z` }, drifted: true, streak: 2, features: [{ name: 'brightness', score: 0.42, drifted: true }] },
  });
  importSales(db, repos, { filename: 'till.csv', content: `hour,transactions,revenue\n${salesDay}T09:00:00Z,4,100.5\n${salesDay}T10:00:00Z,7,210\n`, utcOffsetMinutes: 0 });
  computeBusinessMetrics(db, repos, { from: `${salesDay}T00:00:00Z`, to: `${salesDay}T23:00:00Z` });
  const insert = db.prepare(`INSERT INTO audit_items (camera_id, model_id, model_version, kind, counting_event_id, direction, line_name, track_id, people, captured_at, picture, picture_width, picture_height, expires_at)
    VALUES (?, ?, ?, ?, ?, ?, 'door', ?, 1, ?, ?, 32, 18, ?)`);
  const picture = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0xff, 0xd9]);
  for (let i = 0; i < 4; i++) {
    const crossing = i < 3;
    insert.run('door', MODEL_ID, VERSIONS[0], crossing ? 'crossing' : 'no_crossing', crossing ? `run:${i}:c0` : null, crossing ? 'in' : null, crossing ? i : null,
      `${salesDay}T09:0${i}:00.000Z`, picture, `${salesDay}T23:59:00.000Z`);
  }
}

/** The operator reviews the audit items and stores the report (audit_metrics); returns the ids. */
export function answerAudits(shop: Shop): number[] {
  const audits = new AuditService(shop.db, shop.repos);
  const ids = shop.db.prepare('SELECT id FROM audit_items ORDER BY id').pluck().all() as number[];
  const answers = ['right', 'not_a_person', 'right', 'missed_one'] as const;
  ids.forEach((id, k) => audits.answer(id, answers[k % answers.length]!, { now: new Date(Date.UTC(2026, 10, 25, 8, k)) }));
  audits.report({ store: true });
  return ids;
}

export interface CountPlan {
  /** First UTC instant; events are spread evenly from here over `hours`. */
  start: Date;
  hours: number;
  events: number;
  cameras: readonly string[];
  /** Prefix of every id, so two runs into one shop never collide. */
  tag: string;
  /** Model version that counted (switches half way when two are given). */
  versions?: readonly string[];
}

/**
 * Writes frames with one counting event each through the ResultWriter (batched transactions, as
 * the frame loop does): two in for every out, and every tenth frame also a zone entry, which the
 * footfall totals must not count.
 */
export function writeCounts(db: SqliteDatabase, plan: CountPlan): void {
  const writer = new ResultWriter(db, { maxBatchRows: 2000 });
  const spanMs = plan.hours * 3600_000;
  const versions = plan.versions ?? [VERSIONS[0]];
  for (let i = 0; i < plan.events; i++) {
    const at = toIso(new Date(plan.start.getTime() + Math.floor((i * spanMs) / plan.events)));
    const camera = plan.cameras[i % plan.cameras.length]!;
    const inferenceId = `${plan.tag}:${camera}:${i}`;
    const version = versions[Math.floor((i * versions.length) / plan.events)]!;
    const frame: FrameResult = {
      inference: { inferenceId, modelId: MODEL_ID, modelVersion: version, inputTimestamp: at, createdAt: at, inferenceResults: { people: 1 }, cameraId: camera, frameIndex: i },
      detections: [],
      tracks: [],
      counts: [
        {
          countingEventId: `${inferenceId}:line`,
          eventType: 'cross_line',
          direction: i % 3 === 2 ? 'out' : 'in',
          trackId: `t${i}`,
          entryPoint: { x: 380, y: 100 + (i % 50) },
          exitPoint: { x: 390, y: 160 },
          currentCountIn: i,
          currentCountOut: Math.floor(i / 3),
          eventConfidence: 0.75 + (i % 20) / 100,
          createdAt: at,
          lineId: 1,
        },
        ...(i % 10 === 0 ? [{ countingEventId: `${inferenceId}:zone`, eventType: 'entry' as const, direction: 'in' as const, createdAt: at }] : []),
      ],
    };
    writer.enqueue(frame);
  }
  writer.close();
}

export interface DayTotal {
  day: string;
  in: number;
  out: number;
}

/** The shop's own day totals (the dashboard's query), in the shop's UTC offset. */
export function localDayTotals(repos: Repositories, utcOffsetMinutes: number): DayTotal[] {
  const summary = repos.countingResults.summary({ bucket: 'day', utcOffsetMinutes });
  return summary.buckets.map((b) => ({ day: toIso(new Date(Date.parse(b.start) + utcOffsetMinutes * 60_000)).slice(0, 10), in: b.in, out: b.out }));
}

/** Rows per forwarded table in the shop. */
export function localCount(db: SqliteDatabase, table: string): number {
  return db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
}

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export async function cli(...args: string[]): Promise<CliResult> {
  try {
    const r = await run(TSX, [CLI, ...args], { cwd: ROOT, maxBuffer: 16 * 1024 * 1024 });
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (err) {
    const e = err as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof e.code === 'number' ? e.code : 1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}

/**
 * The command line as ONE process the test can kill: node with tsx's loader, not the tsx binary,
 * which runs the command in a child of its own (a SIGKILL would leave that child pushing).
 */
export function spawnCli(...args: string[]): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', CLI, ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
}

/** What `sync push --db F [--pg URL]` does, in this process (the command line is slow to start). */
export async function pushInProcess(shop: Shop, url?: string): Promise<PushResult> {
  const box = openKeyFileSecretBox(keyFilePathFor(shop.file));
  if (url) {
    await verifyServerUrl(shop.db, url);
    configureSync(shop.db, box, url, nowIso());
  }
  return drainOutbox(shop.db, () => {
    const config = loadServerConfig(shop.db, box);
    if (!config) throw new Error('not configured');
    return config;
  });
}
