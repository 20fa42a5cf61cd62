import { sql as usersAndModelRegistry } from './0001_users_and_model_registry';
import { sql as versionControlAndDeployment } from './0002_version_control_and_deployment';
import { sql as inferenceResults } from './0003_inference_results';
import { sql as performanceAndDrift } from './0004_performance_and_drift';
import { sql as abTesting } from './0005_ab_testing';
import { sql as archives } from './0006_archives';
import { sql as appCamerasAndSettings } from './0007_app_cameras_and_settings';
import { sql as modelDeployments } from './0008_model_deployments';
import { sql as syncOutbox } from './0009_sync_outbox';
import { sql as access } from './0010_access';
import { sql as syncAuditLog } from './0011_sync_audit_log';
import { sql as cameraTuning } from './0012_camera_tuning';
import { sql as experimentDesigns } from './0013_experiment_designs';
import { sql as leanResults } from './0014_lean_results';
import { sql as livePerformance } from './0015_live_performance';
import { sql as sales } from './0016_sales';
import { sql as audits } from './0017_audits';
import { sql as syncNewTables } from './0018_sync_new_tables';

export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}

/**
 * Every schema change, in order. Append only: an applied migration must never be edited (its
 * recorded sha256 would no longer match and migrate() refuses the database).
 */
export const MIGRATIONS: readonly Migration[] = [
  { version: 1, name: '0001_users_and_model_registry', sql: usersAndModelRegistry },
  { version: 2, name: '0002_version_control_and_deployment', sql: versionControlAndDeployment },
  { version: 3, name: '0003_inference_results', sql: inferenceResults },
  { version: 4, name: '0004_performance_and_drift', sql: performanceAndDrift },
  { version: 5, name: '0005_ab_testing', sql: abTesting },
  { version: 6, name: '0006_archives', sql: archives },
  { version: 7, name: '0007_app_cameras_and_settings', sql: appCamerasAndSettings },
  { version: 8, name: '0008_model_deployments', sql: modelDeployments },
  { version: 9, name: '0009_sync_outbox', sql: syncOutbox },
  { version: 10, name: '0010_access', sql: access },
  { version: 11, name: '0011_sync_audit_log', sql: syncAuditLog },
  { version: 12, name: '0012_camera_tuning', sql: cameraTuning },
  { version: 13, name: '0013_experiment_designs', sql: experimentDesigns },
  { version: 14, name: '0014_lean_results', sql: leanResults },
  { version: 15, name: '0015_live_performance', sql: livePerformance },
  { version: 16, name: '0016_sales', sql: sales },
  { version: 17, name: '0017_audits', sql: audits },
  { version: 18, name: '0018_sync_new_tables', sql: syncNewTables },
];

export const LATEST_SCHEMA_VERSION: number = MIGRATIONS[MIGRATIONS.length - 1]?.version ?? 0;
