/**
 * The tables a shop forwards and the key each is upserted by at the centre (always after
 * store_id). The columns sent are those the shop's table and the central table both have: the
 * central schema is the allow-list, so a column added to a shop table (a password hash, a camera
 * secret) never leaves the shop until a central migration asks for it.
 *
 * Must list the same tables as the outbox triggers of migrations 0009, 0011 and 0018;
 * enableOutbox() checks it. Parents before children (a batch upserts in this order).
 */
export interface SyncedTable {
  readonly table: string;
  /** The central conflict target after store_id: the natural key, else the shop's id. */
  readonly key: readonly string[];
}

export const SYNCED_TABLES: readonly SyncedTable[] = [
  { table: 'users', key: ['id'] },
  { table: 'ai_models', key: ['model_id'] },
  { table: 'model_versions', key: ['model_id', 'version_number'] },
  { table: 'model_training_history', key: ['training_run_id'] },
  { table: 'model_version_control', key: ['id'] },
  { table: 'model_branches', key: ['branch_name'] },
  { table: 'model_deployment_pipeline', key: ['pipeline_id'] },
  { table: 'model_deployment_events', key: ['id'] },
  { table: 'model_performance_metrics', key: ['id'] },
  { table: 'model_business_metrics', key: ['id'] }, // 0016: the business figures of a performance row
  { table: 'audit_metrics', key: ['id'] }, // 0017: the answers behind an audit performance row
  { table: 'model_drift_metrics', key: ['id'] },
  { table: 'model_comparison_metrics', key: ['comparison_id'] },
  { table: 'ab_testing_experiments', key: ['experiment_id'] },
  { table: 'ab_testing_assignments', key: ['id'] },
  { table: 'ab_experiment_designs', key: ['experiment_id'] }, // 0013
  { table: 'ab_testing_results', key: ['id'] },
  { table: 'ab_interval_metrics', key: ['id'] }, // 0013: one per ab_testing_results row
  { table: 'ab_truth_matches', key: ['id'] }, // 0013
  { table: 'ab_testing_conclusions', key: ['id'] },
  { table: 'counting_results', key: ['counting_event_id'] },
  { table: 'counting_hourly', key: ['hour_start', 'camera_id', 'line_id', 'model_id', 'model_version'] },
  { table: 'audit_log', key: ['id'] },
  { table: 'sales_hourly', key: ['hour', 'camera_id'] }, // 0016: a re-import keeps the hour's key
  { table: 'audit_items', key: ['id'] }, // 0017: without the evidence picture (no central column)
];

/** Columns the forwarder fills itself at the centre; never read from the shop. */
export const CENTRAL_ONLY_COLUMNS: readonly string[] = ['store_id', 'sync_seq', 'synced_at'];

export function syncedTable(name: string): SyncedTable | undefined {
  return SYNCED_TABLES.find((t) => t.table === name);
}
