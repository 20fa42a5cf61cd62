// The data layer's public surface: open, migrate, check, write results, run retention, and the
// repositories. Nothing outside src/engine/db should need SQL.
export { DbError, type DbErrorCode } from './db-error';
export { openDatabase, BUSY_TIMEOUT_MS, type OpenDatabaseOptions, type SqliteDatabase } from './open-database';
export { migrate, currentSchemaVersion, migrationSha256, type MigrateResult } from './migrate';
export { MIGRATIONS, LATEST_SCHEMA_VERSION, type Migration } from './migrations';
export { checkDatabase, type DatabaseCheck, type ForeignKeyViolation } from './db-check';
export { ResultWriter, type ResultWriterOptions, type ResultWriterStats } from './result-writer';
export type * from './result-rows';
export { measureWriterThroughput, type ThroughputOptions, type WriterThroughput } from './writer-throughput';
export { runRetention, retentionCutoffs, lastRetentionRun, RETENTION_POLICY, type RetentionResult } from './retention';
export { RetentionScheduler, nextRetentionRun, type RetentionSchedulerOptions } from './retention-scheduler';
export { splitCameraUrl, redactCameraUrl } from './camera-url';
export type { JsonValue, JsonObject } from './json-column';
export * from './schema-enums';
export * from './repositories';
