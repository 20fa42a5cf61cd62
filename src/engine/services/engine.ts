import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Handlers } from '../../shared/contract';
import type { AppInfo } from '../../shared/dto';
import { AppError } from '../../shared/result';
import { isSettingKey, settingSchemas } from '../../shared/settings-schema';
import { resolveFfmpeg } from '../capture/ffmpeg-path';
import { currentSchemaVersion, migrate } from '../db/migrate';
import { MIGRATIONS } from '../db/migrations';
import { openDatabase, type SqliteDatabase } from '../db/open-database';
import { createRepositories, type Repositories } from '../db/repositories';
import { PersonDetector } from '../inference/person-detector';
import { appRoot, defaultModelPath } from '../paths';
import { ensureModelRegistered } from '../registry/ensure-model';
import {
  toCameraDto,
  toCameraHealthDto,
  toCountEventDto,
  toExperimentDto,
  toModelDto,
  toModelHealthDto,
  toModelVersionDto,
} from './dto-mappers';
import { cameraHandlers } from './camera-handlers';
import type { EngineContext } from './engine-context';
import { EventBus } from './event-bus';
import { modelHandlers } from './model-handlers';

type CoreRequestName =
  | 'app:info'
  | 'cameras:list'
  | 'models:list'
  | 'models:versions'
  | 'experiments:list'
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
}

export interface Engine {
  handlers: Handlers;
  events: EventBus;
  db: SqliteDatabase;
  repos: Repositories;
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
 * First start: the default model is registered and in production so counting works out of the
 * box. A missing or broken default model is not fatal to the app; the Health page reports it.
 */
async function registerDefault(db: SqliteDatabase): Promise<void> {
  const path = defaultModelPath();
  if (!existsSync(path)) return;
  const detector = await PersonDetector.load(path);
  try {
    ensureModelRegistered(db, detector.info);
  } finally {
    await detector.dispose();
  }
}

/**
 * The engine behind every binding of the contract (Electron IPC, utilityProcess port, `serve`,
 * tests): one database connection, its repositories, the live event bus and the handlers.
 */
export async function openEngine(o: EngineOptions): Promise<Engine> {
  const dbPath = o.dbPath === ':memory:' ? o.dbPath : resolve(o.dbPath);
  const db = openDatabase(dbPath);
  try {
    migrate(db);
  } catch (err) {
    db.close();
    throw err;
  }
  if (o.registerDefaultModel !== false) {
    try {
      await registerDefault(db);
    } catch {
      // Reported through app:info (defaultModel.present) and the Health page, not a crash.
    }
  }
  const repos = createRepositories(db);
  const events = new EventBus();
  const version = packageVersion();

  const ctx: EngineContext = { db, repos, events, host: o.host, dbPath };
  const handlers: Handlers = {
    ...coreHandlers(ctx, version),
    ...cameraHandlers(ctx),
    ...modelHandlers(ctx),
  };

  let closed = false;
  return {
    handlers,
    events,
    db,
    repos,
    async close() {
      if (closed) return;
      closed = true;
      db.close();
    },
  };
}

/** Read-side requests of the app shell: info, lists, counts, health, settings. */
function coreHandlers(ctx: EngineContext, version: string): Pick<Handlers, CoreRequestName> {
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
      };
    },
    'cameras:list': () =>
      repos.cameras.list().map((c) => toCameraDto(c, repos.countingLines.listForCamera(c.cameraId), repos.countingZones.listForCamera(c.cameraId))),
    'models:list': () => repos.aiModels.list().map(toModelDto),
    'models:versions': ({ modelId }) => {
      if (!repos.aiModels.get(modelId)) throw new AppError('NOT_FOUND', `no model "${modelId}"`);
      return repos.modelVersions.listForModel(modelId).map(toModelVersionDto);
    },
    'experiments:list': () => repos.abExperiments.listExperiments().map(toExperimentDto),
    'counts:summary': (q) => repos.countingResults.summary(q),
    'counts:recent': (q) => repos.countingResults.recent(q).map(toCountEventDto),
    'health:cameras': () => {
      const latest = new Map(repos.healthSamples.latestPerCamera().map((s) => [s.cameraId, s]));
      return repos.cameras.list().map((c) => toCameraHealthDto(latest.get(c.cameraId), c));
    },
    'health:models': ({ limit }) => repos.performanceMetrics.recent(limit).map(toModelHealthDto),
    'settings:list': () => repos.settings.list(),
    'settings:set': ({ key, value }) => {
      if (!isSettingKey(key)) throw new AppError('VALIDATION', `unknown setting "${key}"`, [{ path: 'key', message: 'unknown setting' }]);
      const parsed = settingSchemas[key].safeParse(value);
      if (!parsed.success) {
        const message = parsed.error.issues[0]?.message ?? 'invalid value';
        throw new AppError('VALIDATION', `invalid value for ${key}: ${message}`, [{ path: 'value', message }]);
      }
      return repos.settings.set(key, parsed.data);
    },
  };
}
