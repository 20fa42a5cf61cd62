// Immutable once applied (see 0001). Who may write which rows.
//
// - footfall_shop: the group of every shop's login role (README "Chain sync" has the SQL that
//   creates one). A shop role may read and write only rows whose store_id is the store it names
//   for the transaction (`SET LOCAL footfall.store_id`, sent as set_config(…, true) so it can be a
//   bind parameter) AND that the stores table maps to that very role. Naming another shop's store
//   yields no store at all, so every row it writes is refused by the policy's WITH CHECK.
// - footfall_chain: the chain's own staff and tools (sync init, sync report, cleanup): every row.
//   Granted to the role that runs this migration.
// Row-level security is enabled AND forced on every table, so even the tables' owner goes through
// a policy (and so through footfall_chain) instead of being silently exempt.
// Policies compare with (SELECT sync_current_store()): a sub-select is evaluated once per statement,
// not once per row of a 5,000-row batch.
export const sql = `
DO $roles$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'footfall_shop') THEN
    CREATE ROLE footfall_shop NOLOGIN;
  END IF;
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'footfall_chain') THEN
    CREATE ROLE footfall_chain NOLOGIN;
  END IF;
END
$roles$;

GRANT footfall_chain TO CURRENT_USER;

-- SECURITY INVOKER and schema-qualified: a temporary table named "stores" cannot stand in.
CREATE FUNCTION sync_current_store() RETURNS VARCHAR
LANGUAGE sql STABLE
AS $fn$
  SELECT s.store_id FROM public.stores s
  WHERE s.store_id = current_setting('footfall.store_id', true)
    AND s.db_role = current_user
$fn$;

GRANT USAGE ON SCHEMA public TO footfall_shop, footfall_chain;
REVOKE EXECUTE ON FUNCTION cleanup_old_ai_data() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION cleanup_old_ai_data() TO footfall_chain;
GRANT EXECUTE ON FUNCTION sync_current_store() TO footfall_shop, footfall_chain;
-- The forwarder checks the schema version before it sends anything.
GRANT SELECT ON schema_migrations TO footfall_shop, footfall_chain;

ALTER TABLE stores ENABLE ROW LEVEL SECURITY;
ALTER TABLE stores FORCE ROW LEVEL SECURITY;
CREATE POLICY shop_own_store ON stores FOR SELECT TO footfall_shop USING (db_role = current_user);
CREATE POLICY chain_all_stores ON stores TO footfall_chain USING (true) WITH CHECK (true);
GRANT SELECT ON stores TO footfall_shop;
GRANT SELECT, INSERT, UPDATE, DELETE ON stores TO footfall_chain;

DO $policies$
DECLARE
  t TEXT;
BEGIN
  -- Tables a shop forwards to: read (ON CONFLICT needs it), insert and update its own rows.
  FOREACH t IN ARRAY ARRAY[
    'store_sync_progress', 'users', 'ai_models', 'model_versions', 'model_training_history',
    'model_version_control', 'model_branches', 'model_deployment_pipeline', 'model_deployment_events',
    'counting_results', 'counting_hourly', 'model_performance_metrics', 'model_drift_metrics',
    'model_comparison_metrics', 'ab_testing_experiments', 'ab_testing_assignments',
    'ab_testing_results', 'ab_testing_conclusions'
  ] LOOP
    EXECUTE format('GRANT SELECT, INSERT, UPDATE ON %I TO footfall_shop', t);
    EXECUTE format(
      'CREATE POLICY shop_own_rows ON %I TO footfall_shop USING (store_id = (SELECT sync_current_store())) WITH CHECK (store_id = (SELECT sync_current_store()))',
      t);
  END LOOP;
  -- Every table with shop rows, forwarded or not.
  FOREACH t IN ARRAY ARRAY[
    'store_sync_progress', 'users', 'ai_models', 'model_versions', 'model_training_history',
    'model_version_control', 'model_branches', 'model_deployment_pipeline', 'model_deployment_events',
    'model_inference_results', 'detection_results', 'tracking_results',
    'counting_results', 'counting_hourly', 'model_performance_metrics', 'model_drift_metrics',
    'model_comparison_metrics', 'ab_testing_experiments', 'ab_testing_assignments',
    'ab_testing_results', 'ab_testing_conclusions',
    'inference_results_archive', 'performance_metrics_archive', 'ab_results_archive'
  ] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY chain_all_rows ON %I TO footfall_chain USING (true) WITH CHECK (true)', t);
    EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON %I TO footfall_chain', t);
  END LOOP;
END
$policies$;
`;
