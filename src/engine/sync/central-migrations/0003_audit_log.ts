// Immutable once applied (see 0001). The shops' audit logs (who changed what, never a secret: the
// shop scrubs them before they are written), and the user a deployment event names (shop
// migration 0010). Same keys and row-level security as every other forwarded table (see 0002).
export const sql = `
CREATE TABLE audit_log (
  store_id VARCHAR(100) NOT NULL REFERENCES stores(store_id),
  id INTEGER NOT NULL,
  at TIMESTAMPTZ NOT NULL,
  user_id INTEGER,
  username VARCHAR(100),
  action VARCHAR(100) NOT NULL,
  target VARCHAR(200),
  outcome VARCHAR(20) NOT NULL,
  address VARCHAR(100),
  before_json JSONB,
  after_json JSONB,
  details JSONB,
  sync_seq BIGINT NOT NULL DEFAULT 0,
  synced_at TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP,
  PRIMARY KEY (store_id, id),
  FOREIGN KEY (store_id, user_id) REFERENCES users(store_id, id) DEFERRABLE INITIALLY DEFERRED
);
CREATE INDEX idx_audit_log_store_at ON audit_log(store_id, at);

ALTER TABLE model_deployment_events ADD COLUMN user_id INTEGER;
ALTER TABLE model_deployment_events ADD FOREIGN KEY (store_id, user_id) REFERENCES users(store_id, id) DEFERRABLE INITIALLY DEFERRED;

ALTER TABLE audit_log ENABLE ROW LEVEL SECURITY;
ALTER TABLE audit_log FORCE ROW LEVEL SECURITY;
CREATE POLICY shop_own_rows ON audit_log TO footfall_shop
  USING (store_id = (SELECT sync_current_store())) WITH CHECK (store_id = (SELECT sync_current_store()));
CREATE POLICY chain_all_rows ON audit_log TO footfall_chain USING (true) WITH CHECK (true);
GRANT SELECT, INSERT, UPDATE ON audit_log TO footfall_shop;
GRANT SELECT, INSERT, UPDATE, DELETE ON audit_log TO footfall_chain;
`;
