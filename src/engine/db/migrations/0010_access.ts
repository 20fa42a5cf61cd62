// Immutable once released (see 0001 for the translation rules). Footfall's own tables (not in the
// seed) for sign-in and the record of who changed what (src/engine/access/README.md).
//
// - user_credentials: what signing in needs, one row per user who may sign in. The seed's users
//   table keeps exactly its columns; a user without a row here (the machine's owner used by the
//   CLI, reviewers named before sign-in existed) can never sign in. password_hash is
//   "scrypt$<log2 N>$<r>$<p>$<salt>$<hash>" (base64url); the password itself is never stored.
// - user_sessions: only the SHA-256 of a session id is stored, so a copy of the database does not
//   hold live sessions. Idle and absolute expiry; revoked on sign-out and password change.
// - audit_log: append-only (triggers refuse UPDATE and DELETE): who, when, what, before/after.
//   username is copied so the record reads the same after a rename. Never a secret.
// - who-columns on Footfall's own tables; the seed's (created_by, reviewed_by) already exist.
export const sql = `
CREATE TABLE user_credentials (
  user_id INTEGER PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
  password_hash TEXT NOT NULL CHECK (length(password_hash) BETWEEN 20 AND 300),
  must_change INTEGER NOT NULL DEFAULT 0 CHECK (must_change IN (0, 1)),
  disabled INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
  password_changed_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) CHECK (password_changed_at = strftime('%Y-%m-%dT%H:%M:%fZ', password_changed_at)),
  last_sign_in_at TEXT CHECK (last_sign_in_at = strftime('%Y-%m-%dT%H:%M:%fZ', last_sign_in_at))
) STRICT;

CREATE TABLE user_sessions (
  id INTEGER PRIMARY KEY,
  token_hash TEXT NOT NULL UNIQUE CHECK (length(token_hash) = 64),
  user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  transport TEXT NOT NULL CHECK (transport IN ('http', 'ipc')),
  address TEXT CHECK (length(address) <= 100),
  created_at TEXT NOT NULL CHECK (created_at = strftime('%Y-%m-%dT%H:%M:%fZ', created_at)),
  last_seen_at TEXT NOT NULL CHECK (last_seen_at = strftime('%Y-%m-%dT%H:%M:%fZ', last_seen_at)),
  idle_seconds INTEGER NOT NULL CHECK (idle_seconds > 0),
  expires_at TEXT NOT NULL CHECK (expires_at = strftime('%Y-%m-%dT%H:%M:%fZ', expires_at)),
  revoked_at TEXT CHECK (revoked_at = strftime('%Y-%m-%dT%H:%M:%fZ', revoked_at)),
  revoked_reason TEXT CHECK (length(revoked_reason) <= 50)
) STRICT;

CREATE INDEX idx_user_sessions_user ON user_sessions(user_id, revoked_at);

CREATE TABLE audit_log (
  id INTEGER PRIMARY KEY,
  at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) CHECK (at = strftime('%Y-%m-%dT%H:%M:%fZ', at)),
  user_id INTEGER REFERENCES users(id),
  username TEXT CHECK (length(username) <= 100),
  action TEXT NOT NULL CHECK (length(action) BETWEEN 1 AND 100),
  target TEXT CHECK (length(target) <= 200),
  outcome TEXT NOT NULL CHECK (outcome IN ('ok', 'refused', 'failed')),
  address TEXT CHECK (length(address) <= 100),
  before_json TEXT CHECK (before_json IS NULL OR json_valid(before_json)),
  after_json TEXT CHECK (after_json IS NULL OR json_valid(after_json)),
  details TEXT CHECK (details IS NULL OR json_valid(details))
) STRICT;

CREATE INDEX idx_audit_log_user ON audit_log(user_id, id);
CREATE INDEX idx_audit_log_action ON audit_log(action, id);

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
  SELECT RAISE(ABORT, 'audit_log is append-only');
END;

CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
  SELECT RAISE(ABORT, 'audit_log is append-only');
END;

ALTER TABLE cameras ADD COLUMN created_by INTEGER REFERENCES users(id);
ALTER TABLE cameras ADD COLUMN updated_by INTEGER REFERENCES users(id);
ALTER TABLE settings ADD COLUMN updated_by INTEGER REFERENCES users(id);
ALTER TABLE camera_model_deployments ADD COLUMN deployed_by INTEGER REFERENCES users(id);
ALTER TABLE model_deployment_events ADD COLUMN user_id INTEGER REFERENCES users(id);
`;
