import type { SqliteDatabase } from '../db/open-database';
import type { Repositories } from '../db/repositories';
import type { EventBus } from './event-bus';

/** What every group of handlers gets: the one connection, its repositories and the event bus. */
export interface EngineContext {
  db: SqliteDatabase;
  repos: Repositories;
  events: EventBus;
  host: 'electron' | 'serve';
  dbPath: string;
}
