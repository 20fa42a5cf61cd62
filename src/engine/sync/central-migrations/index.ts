import { sql as chainSchema } from './0001_chain_schema';
import { sql as rowLevelSecurity } from './0002_row_level_security';
import { sql as auditLog } from './0003_audit_log';
import { sql as issue13Tables } from './0004_issue13_tables';

export interface CentralMigration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}

/**
 * The central PostgreSQL schema, in order. Append only, like the shop's own migrations: an applied
 * migration must never be edited (its recorded sha256 would no longer match and sync init refuses).
 */
export const CENTRAL_MIGRATIONS: readonly CentralMigration[] = [
  { version: 1, name: '0001_chain_schema', sql: chainSchema },
  { version: 2, name: '0002_row_level_security', sql: rowLevelSecurity },
  { version: 3, name: '0003_audit_log', sql: auditLog },
  { version: 4, name: '0004_issue13_tables', sql: issue13Tables },
];

export const LATEST_CENTRAL_VERSION: number = CENTRAL_MIGRATIONS[CENTRAL_MIGRATIONS.length - 1]?.version ?? 0;
