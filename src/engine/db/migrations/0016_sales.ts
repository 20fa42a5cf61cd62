// Immutable once released (see 0001 for the translation rules).
// Sales and business metrics (issue 13 part 5; src/engine/sales/README.md).
// - sales_hourly: the shop's till, one row per UTC hour and scope, imported from a CSV
//   (`sales import`). camera_id '' = the whole store, else the camera (entrance) whose footfall the
//   till belongs to; NOT NULL with '' like counting_hourly, so the UNIQUE key conflicts (a key
//   with NULLs never does) and the row can travel to the chain's PostgreSQL unchanged. No foreign
//   key on the camera: sales, like counting events, outlive a camera removed from the app.
//   Revenue is in the shop's currency (setting business.currency), REAL like the seed's money.
//   import_id groups the rows of one import (what `sales import` reports and replaces).
// - model_business_metrics: what the seed's model_performance_metrics cannot hold for a business
//   row (it has no camera, no period, no visitors): one row per performance row written by
//   computeBusinessMetrics (src/engine/sales/business-metrics.ts), with the inputs of each
//   formula so a figure can be checked by hand. It goes with its performance row (retention).
export const sql = `
CREATE TABLE sales_hourly (
  id INTEGER PRIMARY KEY,
  hour TEXT NOT NULL CHECK (hour = strftime('%Y-%m-%dT%H:00:00.000Z', hour)),
  camera_id TEXT NOT NULL DEFAULT '' CHECK (length(camera_id) <= 100),
  transactions INTEGER NOT NULL CHECK (transactions >= 0),
  revenue REAL NOT NULL CHECK (revenue >= 0),
  source_file TEXT NOT NULL CHECK (length(source_file) BETWEEN 1 AND 255),
  import_id TEXT NOT NULL CHECK (length(import_id) BETWEEN 1 AND 100),
  imported_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) CHECK (imported_at = strftime('%Y-%m-%dT%H:%M:%fZ', imported_at)),
  UNIQUE (hour, camera_id)
) STRICT;

CREATE TABLE model_business_metrics (
  id INTEGER PRIMARY KEY,
  performance_metric_id INTEGER NOT NULL UNIQUE REFERENCES model_performance_metrics(id) ON DELETE CASCADE,
  model_id TEXT NOT NULL CHECK (length(model_id) <= 100),
  model_version TEXT NOT NULL CHECK (length(model_version) <= 50),
  camera_id TEXT NOT NULL CHECK (length(camera_id) <= 100),
  period_start TEXT NOT NULL CHECK (period_start = strftime('%Y-%m-%dT%H:%M:%fZ', period_start)),
  period_end TEXT NOT NULL CHECK (period_end = strftime('%Y-%m-%dT%H:%M:%fZ', period_end)),
  inferences INTEGER NOT NULL CHECK (inferences >= 0),
  inference_seconds REAL NOT NULL CHECK (inference_seconds >= 0),
  device_power_watts REAL NOT NULL CHECK (device_power_watts >= 0),
  energy_price_per_kwh REAL NOT NULL CHECK (energy_price_per_kwh >= 0),
  energy_kwh REAL NOT NULL CHECK (energy_kwh >= 0),
  inference_cost REAL NOT NULL CHECK (inference_cost >= 0),
  visitors INTEGER NOT NULL CHECK (visitors >= 0),
  sales_hours INTEGER NOT NULL CHECK (sales_hours >= 0),
  visitors_in_sales_hours INTEGER NOT NULL CHECK (visitors_in_sales_hours >= 0),
  transactions_attributed REAL CHECK (transactions_attributed >= 0),
  revenue_attributed REAL CHECK (revenue_attributed >= 0),
  conversion_rate REAL CHECK (conversion_rate >= 0),
  cost_per_visitor REAL CHECK (cost_per_visitor >= 0),
  revenue_per_visitor REAL CHECK (revenue_per_visitor >= 0),
  currency TEXT NOT NULL CHECK (length(currency) BETWEEN 1 AND 10),
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) CHECK (created_at = strftime('%Y-%m-%dT%H:%M:%fZ', created_at)),
  CHECK (period_end > period_start)
) STRICT;

CREATE INDEX idx_business_metrics_key ON model_business_metrics(model_id, model_version, camera_id, period_start);
`;
