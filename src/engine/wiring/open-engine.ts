import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { Handlers } from '../../shared/contract';
import type { AppInfo, StorageHealthDto } from '../../shared/dto';
import { AppError } from '../../shared/result';
import { isSettingKey, settingSchemas } from '../../shared/settings-schema';
import { resolveFfmpeg } from '../capture/ffmpeg-path';
import { currentSchemaVersion } from '../db/migrate';
import { MIGRATIONS } from '../db/migrations';
import type { SqliteDatabase } from '../db/open-database';
// issue 11 (backups): start-up check + recovery, scheduled backups, backup:* handlers.
import { BackupScheduler, defaultBackupDir, openEngineDatabase } from '../db/backup';
import { backupHandlers, backupSettings } from '../handlers/backup-handlers';
import { RetentionScheduler } from '../db/retention-scheduler';
import { retentionHandlers } from '../handlers/retention-handlers';
// issue 13 (live performance): the sampler and performance:series.
import { camerasFeed, PerformanceSampler } from '../performance';
import { performanceHandlers } from '../handlers/performance-handlers';
import { uptimeHandlers } from '../handlers/uptime-handlers';
// issue 13 (drift and tampering): hourly drift windows, a tamper scan every 30 s, drift:* handlers.
import { inlineDriftChecker, type DriftChecker } from '../drift/drift-checker';
import { DriftScheduler } from '../drift/drift-scheduler';
import { DriftWorkerChecker } from '../drift/drift-worker-checker';
import { readDriftSettings } from '../drift/drift-service';
import { driftHandlers, driftService } from '../handlers/drift-handlers';
// issue 13 (audits): count review, picture retention at start and hourly.
import { auditHandlers } from '../handlers/audit-handlers';
import { AuditService } from '../audits/audit-service';
import { AuditRetentionScheduler } from '../audits/audit-scheduler';
import { createRepositories, type Repositories } from '../db/repositories';
import { appRoot, defaultModelPath } from '../paths';
import { ensureDefaultModel } from '../registry/ensure-model';
import type { CameraEngineOptions } from '../cameras/camera-engine-options';
import { CameraManager } from '../cameras/camera-manager';
import { createEngineLogger, silentLogger, type Logger } from '../log';
import { createEphemeralSecretBox } from '../secrets/aes-gcm-secret-box';
import { keyFilePathFor, keyFileProblem, openKeyFileSecretBox } from '../secrets/key-file-secret-box';
import type { SecretBox } from '../secrets/secret-box';
import {
  toCameraDto,
  toCameraHealthDto,
  toCountEventDto,
  toModelHealthDto,
} from '../handlers/dto-mappers';
import { detachedCameras } from '../cameras/camera-service';
import { countHandlers } from '../handlers/count-handlers';
import { salesHandlers } from '../handlers/sales-handlers';
import { cameraHandlers } from '../handlers/camera-handlers';
import type { EngineContext } from './engine-context';
import { EventBus } from './event-bus';
import { experimentHandlers } from '../handlers/experiment-handlers';
import { LiveShadowSupervisor } from '../experiments/live-shadow-supervisor';
import { createRegistryContext } from '../registry/registry-context';
import { CanaryMonitor } from '../registry/canary-monitor';
import { modelHandlers } from '../handlers/model-handlers';
import { startSyncService } from '../sync/sync-service';
import { accessHandlers } from '../access/access-handlers';
import { AccessService, type AccessOptions } from '../access/access-service';
import { auditedHandlers } from '../access/audited-handlers';

type CoreRequestName =
  | 'app:info'
  | 'cameras:list'
  | 'counts:summary'
  | 'counts:recent'
  | 'health:cameras'
  | 'health:models'
  | 'settings:list'
  | 'settings:set';

export interface EngineOptions {
  dbPath: string;
  host: 'electron' | 'serve';
  /** Register the bundled default model on first start (default true). */
  registerDefaultModel?: boolean;
  /**
   * Encrypts camera passwords. Electron passes one backed by safeStorage (see secrets/secret-box.ts);
   * default: a key file readable only by its owner next to the database.
   */
  secretBox?: SecretBox;
  /** Live camera settings, or false to run no camera (tools that only read the database). */
  cameras?: Partial<CameraEngineOptions> | false;
  /** Default: footfall.log in the database's folder (nothing for an in-memory database). */
  log?: Logger;
  /** Sign-in and session settings (tests inject a clock and a cheap scrypt cost). */
  access?: Omit<AccessOptions, 'log'>;
}

export interface Engine {
  handlers: Handlers;
  events: EventBus;
  db: SqliteDatabase;
  repos: Repositories;
  /** The running cameras; null when opened with `cameras: false`. */
  cameras: CameraManager | null;
  /** Running shadow experiments on live cameras; null without cameras or on an in-memory database. */
  shadows: LiveShadowSupervisor | null;
  log: Logger;
  /** Users, sessions, sign-in and the audit log: the bindings ask it who is calling. */
  access: AccessService;
  close(): Promise<void>;
}

function packageVersion(): string {
  try {
    return (JSON.parse(readFileSync(join(appRoot(), 'package.json'), 'utf8')) as { version?: string }).version ?? '0.0.0';
  } catch {
    return '0.0.0';
  }
}

/**
 * The engine behind every binding of the contract (Electron IPC, utilityProcess port, `serve`,
 * tests): one database connection, its repositories, the live event bus and the handlers.
 */
export async function openEngine(o: EngineOptions): Promise<Engine> {
  const dbPath = o.dbPath === ':memory:' ? o.dbPath : resolve(o.dbPath);
  // --- issue 11 (backups): check the file at start; a damaged one is quarantined and the newest
  // good backup restored (or a fresh database made), reported through app:info `recovery`.
  const backupDir = defaultBackupDir(dbPath);
  const { db, recovery } = openEngineDatabase(dbPath, { backupDir });
  // --- end issue 11
  if (o.registerDefaultModel !== false) {
    try {
      // First start: the default model is registered and in production so counting works out
      // of the box (a no-op lookup by checksum on later starts).
      await ensureDefaultModel(db);
    } catch {
      // Reported through app:info (defaultModel.present) and the Health page, not a crash.
    }
  }
  const repos = createRepositories(db);
  const events = new EventBus();
  // The seed's nightly cron job ('0 3 * * *'): archive and delete old results at 03:00 local time,
  // in chunks between which the cameras keep counting; the periods are read from Settings each run.
  // (`log` is set below, before the first run can start: the scheduler only arms a timer here.)
  const retention = new RetentionScheduler(db, {
    onRun: (r) => log.info({ retention: { runId: r.runId, archived: r.archived, chunks: r.chunks, longestLockMs: r.longestLockMs, file: r.file } }, 'retention run completed'),
    onError: (err) => log.error({ err }, `retention run failed: ${err.message}`),
  });
  retention.start();
  const version = packageVersion();

  const ctx: EngineContext = { db, repos, events, host: o.host, dbPath };
  const inMemory = dbPath === ':memory:';
  const log = o.log ?? (inMemory ? silentLogger() : createEngineLogger({ file: join(dirname(dbPath), 'footfall.log') }));
  // --- issue 11 (backups): tell the operator, and schedule backups (none for an in-memory db).
  if (recovery) {
    log.error({ recovery }, recovery.message);
    if (o.host === 'serve') process.stderr.write(`footfall: ${recovery.message}\n`);
  }
  const backupConfig = backupSettings(ctx);
  const backups = inMemory
    ? null
    : new BackupScheduler(db, {
        dir: backupDir,
        keep: backupConfig.keep,
        intervalHours: backupConfig.intervalHours,
        onRun: (b) => log.info({ backup: b.name, bytes: b.sizeBytes, pruned: b.pruned }, 'backup written'),
        onError: (err) => log.error({ err }, `scheduled backup failed: ${err.message}`),
      });
  backups?.start();
  // --- end issue 11
  // --- issue 13 (drift): score each camera's hourly windows a few minutes after the hour and scan
  // the picture statistics for tampering every 30 s (src/engine/drift/).
  // The checks run in a worker thread with its own connection (drift-worker.ts): a first
  // catch-up over a large file must not hold the frame loop (`npm run bench`, "drift").
  const drift = driftService(ctx);
  const driftChecker: DriftChecker = inMemory
    ? inlineDriftChecker(drift)
    : new DriftWorkerChecker(dbPath, () => readDriftSettings(repos.settings), inlineDriftChecker(drift), (err) =>
        log.warn({ err: err.message }, 'the drift worker cannot start here; drift checks run on the engine thread'),
      );
  const driftScheduler = new DriftScheduler(driftChecker, {
    settings: () => readDriftSettings(repos.settings),
    onRun: (r) => {
      for (const a of r.alerts) log.warn({ alert: a }, `${a.kind} alert on camera ${a.camera}: ${a.features.map((f) => f.name).join(', ')}`);
    },
    onError: (err) => log.error({ err }, `drift check failed: ${err.message}`),
  });
  driftScheduler.start();
  const audits = new AuditService(db, repos); // issue 13 (audits)
  const auditRetention = new AuditRetentionScheduler(audits, { onError: (err) => log.error({ err }, `audit picture retention failed: ${err.message}`) });
  auditRetention.start();
  let secretBox = o.secretBox;
  if (!secretBox) {
    const keyPath = keyFilePathFor(dbPath);
    const problem = inMemory ? null : keyFileProblem(keyPath);
    if (problem) {
      // Cameras without a password keep running; those with one report this same message.
      log.error({ code: problem.code }, problem.message);
      if (o.host === 'serve') process.stderr.write(`footfall: warning: ${problem.message}\n`);
    }
    secretBox = inMemory ? createEphemeralSecretBox() : openKeyFileSecretBox(keyPath);
  }
  const cameraManager = o.cameras === false ? null : new CameraManager({ db, repos, events, log, secrets: secretBox }, o.cameras ?? {});
  const models = modelHandlers(ctx);
  const experiments = experimentHandlers(ctx);
  // Running shadow experiments tap the live cameras' frames (src/engine/experiments/live-shadow.ts).
  // (An in-memory database has no model store beside it, so no registry context: no shadows.)
  const liveShadows = cameraManager && !inMemory ? new LiveShadowSupervisor({ ctx: createRegistryContext(db, {}, repos), cameras: cameraManager, log }) : null;
  // Gated rollouts (registry/canary-monitor.ts): where cameras run, each waiting canary's guards
  // are checked every minute; it is rolled back or promoted by itself, and the cameras follow.
  const canaryMonitor = cameraManager
    ? new CanaryMonitor(() => createRegistryContext(db, {}, repos), { log, onChange: () => cameraManager.refreshModels() })
    : null;
  // Chain sync (src/engine/sync): forwards the outbox while a central server is configured.
  const sync = startSyncService({ db, secrets: secretBox, log });
  const access = new AccessService(db, repos, { ...o.access, log });
  const plainHandlers: Handlers = {
    ...coreHandlers(ctx, version, recovery, () => cameraManager?.storageHealth() ?? null),
    ...backupHandlers(ctx, backupDir), // issue 11
    ...retentionHandlers(ctx, retention), // issue 11: health:database, retention:preview
    ...performanceHandlers(repos), // issue 13: performance:series
    ...uptimeHandlers(ctx), // issue 13: health:uptime
    ...driftHandlers(ctx, driftScheduler, undefined, drift, driftChecker), // issue 13: drift:status, drift:check
    ...auditHandlers(ctx, audits), // issue 13: audits:next, audits:answer, audits:report
    ...cameraHandlers(ctx, { cameras: cameraManager ?? detachedCameras, secrets: secretBox }),
    ...models,
    ...countHandlers(repos),
    ...salesHandlers(ctx), // issue 13: sales and business metrics
    // A deployment change applies to the running cameras now, not at their next periodic check.
    'models:promote': async (input, caller) => {
      const result = await models['models:promote'](input, caller);
      await cameraManager?.refreshModels();
      return result;
    },
    'models:rollback': async (input, caller) => {
      const result = await models['models:rollback'](input, caller);
      await cameraManager?.refreshModels();
      return result;
    },
    ...experiments,
    'experiments:start': async (input, caller) => {
      const result = await experiments['experiments:start'](input, caller);
      await liveShadows?.sync();
      return result;
    },
    'experiments:stop': async (input, caller) => {
      const result = await experiments['experiments:stop'](input, caller);
      await liveShadows?.sync();
      return result;
    },
    // A rollout started from a conclusion applies to the running cameras now, as a promote does.
    'experiments:conclude': async (input, caller) => {
      const result = await experiments['experiments:conclude'](input, caller);
      if (result.pipeline) await cameraManager?.refreshModels();
      return result;
    },
    ...accessHandlers(access),
    ...sync.handlers,
  };
  // Every change is recorded with its user (audit log and who-columns) in one place.
  const handlers = auditedHandlers(plainHandlers, access);
  log.info({ host: o.host, db: dbPath }, 'engine open');
  await cameraManager?.startAll();
  // issue 13 (live performance): latency, fps, CPU, memory per camera and version every performance.sample_interval_s.
  const performanceSampler = cameraManager ? new PerformanceSampler({ performanceMetrics: repos.performanceMetrics, settings: repos.settings, cameras: camerasFeed(cameraManager), log }) : null;
  performanceSampler?.start();
  canaryMonitor?.start();
  liveShadows?.start();

  let closed = false;
  return {
    handlers,
    events,
    db,
    repos,
    cameras: cameraManager,
    shadows: liveShadows,
    log,
    access,
    async close() {
      if (closed) return;
      closed = true;
      // Shadows first (their last intervals stored), then cameras: every ffmpeg stopped and the
      // result writer drained while the db is open.
      await liveShadows?.close();
      await canaryMonitor?.stop();
      await performanceSampler?.stop(); // issue 13: its last partial interval, while the cameras still run
      await cameraManager?.close();
      driftScheduler.stop(); // issue 13
      await driftChecker.close();
      auditRetention.stop(); // issue 13 (audits)
      await retention.stop(); // a run in progress ends after its current chunk
      await backups?.stop(); // issue 11: waits for a backup in progress
      await sync.close();
      log.info('engine closed');
      db.close();
    },
  };
}

/** Read-side requests of the app shell: info, lists, counts, health, settings. */
function coreHandlers(
  ctx: EngineContext,
  version: string,
  recovery: AppInfo['recovery'],
  storage: () => StorageHealthDto | null,
): Pick<Handlers, CoreRequestName> {
  const { db, repos, dbPath } = ctx;
  return {
    'app:info': (): AppInfo => {
      let ffmpeg: AppInfo['ffmpeg'];
      try {
        const f = resolveFfmpeg();
        ffmpeg = { path: f.path, source: f.source };
      } catch (err) {
        ffmpeg = { error: err instanceof Error ? err.message : 'ffmpeg not found' };
      }
      return {
        name: 'Footfall',
        version,
        host: ctx.host,
        dbPath,
        schemaVersion: currentSchemaVersion(db),
        latestSchemaVersion: MIGRATIONS.length === 0 ? 0 : MIGRATIONS[MIGRATIONS.length - 1]!.version,
        ffmpeg,
        defaultModel: { path: defaultModelPath(), present: existsSync(defaultModelPath()) },
        recovery,
        storage: storage(), // issue 11 (disk full)
      };
    },
    'cameras:list': () =>
      repos.cameras.list().map((c) => toCameraDto(c, repos.countingLines.listForCamera(c.cameraId), repos.countingZones.listForCamera(c.cameraId))),
    'counts:summary': (q) => repos.countingResults.summary(q),
    'counts:recent': (q) => repos.countingResults.recent(q).map(toCountEventDto),
    'health:cameras': () => {
      const latest = new Map(repos.healthSamples.latestPerCamera().map((s) => [s.cameraId, s]));
      return repos.cameras.list().map((c) => toCameraHealthDto(latest.get(c.cameraId), c));
    },
    'health:models': ({ limit }) => repos.performanceMetrics.recent(limit).map(toModelHealthDto),
    'settings:list': () => repos.settings.list(),
    'settings:set': ({ key, value }, caller) => {
      if (!isSettingKey(key)) throw new AppError('VALIDATION', `unknown setting "${key}"`, [{ path: 'key', message: 'unknown setting' }]);
      const parsed = settingSchemas[key].safeParse(value);
      if (!parsed.success) {
        const message = parsed.error.issues[0]?.message ?? 'invalid value';
        throw new AppError('VALIDATION', `invalid value for ${key}: ${message}`, [{ path: 'value', message }]);
      }
      return repos.settings.set(key, parsed.data, caller?.user?.id ?? null);
    },
  };
}
