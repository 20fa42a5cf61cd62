import { dirname, join, resolve } from 'node:path';
import type { SqliteDatabase } from '../db/open-database';
import { repositoriesFor, type Repositories } from '../db/repositories';
import type { ModelDeploymentsRepository } from '../db/repositories/model-deployments-repository';
import type { ProviderRequest } from '../inference/execution-provider';
import { ModelStore } from './model-store';
import { RegistryError } from './registry-error';

/** Settings keys the registry reads (Settings page / `settings:set`). */
export const REGISTRY_SETTINGS = {
  storeDir: 'models.store_dir',
  maxImportMb: 'models.max_import_mb',
  sampleImage: 'models.sample_image',
} as const;

export const DEFAULT_MAX_IMPORT_BYTES = 1024 * 1024 * 1024;

export interface RegistryOptions {
  /** Content-addressed store folder; default `<folder of the database>/models`. */
  storeDir?: string;
  /** Files over this are refused at import. */
  maxImportBytes?: number;
  /** The real frame every import and `validate` stage runs the model on. */
  sampleImage?: string;
  /** Execution provider for loads the registry makes (benchmark, shadow, evaluation). */
  provider?: ProviderRequest;
  intraOpThreads?: number;
}

export interface RegistryContext {
  db: SqliteDatabase;
  repos: Repositories;
  deployments: ModelDeploymentsRepository;
  store: ModelStore;
  maxImportBytes: number;
  sampleImage: string | undefined;
  provider: ProviderRequest;
  intraOpThreads: number | undefined;
}

function settingString(repos: Repositories, key: string): string | undefined {
  const v = repos.settings.get(key)?.value;
  return typeof v === 'string' && v.length > 0 ? v : undefined;
}

/**
 * Options first, then settings, then defaults. The store sits beside the database so that copying
 * the data folder copies models and registry together.
 */
export function createRegistryContext(db: SqliteDatabase, options: RegistryOptions = {}, repos: Repositories = repositoriesFor(db)): RegistryContext {
  const dbFile = db.name;
  const configured = options.storeDir ?? settingString(repos, REGISTRY_SETTINGS.storeDir);
  if (!configured && (dbFile === ':memory:' || dbFile === '')) {
    throw new RegistryError('STORE_NOT_CONFIGURED', 'an in-memory database needs an explicit model store folder');
  }
  const storeDir = configured ? resolve(configured) : join(dirname(resolve(dbFile)), 'models');
  const maxMb = repos.settings.get(REGISTRY_SETTINGS.maxImportMb)?.value;
  const maxImportBytes = options.maxImportBytes ?? (typeof maxMb === 'number' && maxMb > 0 ? Math.floor(maxMb * 1024 * 1024) : DEFAULT_MAX_IMPORT_BYTES);
  return {
    db,
    repos,
    deployments: repos.modelDeployments,
    store: new ModelStore(storeDir),
    maxImportBytes,
    sampleImage: options.sampleImage ?? settingString(repos, REGISTRY_SETTINGS.sampleImage),
    provider: options.provider ?? 'auto',
    intraOpThreads: options.intraOpThreads,
  };
}
