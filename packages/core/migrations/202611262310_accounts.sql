-- Accounts and authentication: users, refresh tokens (hashed, rotated, grouped in families),
-- API keys (hashed, scoped) and the append-only security audit log.

CREATE TABLE users (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  -- Stored normalized (trimmed, lowercased) so uniqueness is case-insensitive.
  email text NOT NULL UNIQUE CHECK (email = lower(btrim(email)) AND length(email) BETWEEN 3 AND 254),
  display_name text NOT NULL CHECK (length(display_name) BETWEEN 1 AND 100),
  password_hash text NOT NULL,
  roles text[] NOT NULL DEFAULT '{}'
    CHECK (roles <@ ARRAY['developer', 'subscriber', 'admin']::text[]),
  -- Bumped when an account is disabled: access tokens carry it and stop verifying at once.
  token_version integer NOT NULL DEFAULT 0,
  disabled_at timestamptz,
  -- Millisecond precision so keyset cursors built from JavaScript dates are exact.
  created_at timestamptz NOT NULL DEFAULT date_trunc('milliseconds', now()),
  updated_at timestamptz NOT NULL DEFAULT date_trunc('milliseconds', now())
);
CREATE INDEX users_created_at_id_idx ON users (created_at DESC, id DESC);

CREATE TABLE refresh_tokens (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id uuid NOT NULL REFERENCES users (id),
  -- Every token descending from one login shares a family; reuse of a rotated token revokes it.
  family_id uuid NOT NULL,
  -- SHA-256 of the token, hex. The token itself is never stored.
  token_hash text NOT NULL UNIQUE CHECK (token_hash ~ '^[0-9a-f]{64}$'),
  client text NOT NULL CHECK (client IN ('browser', 'api')),
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  used_at timestamptz,
  replaced_by uuid REFERENCES refresh_tokens (id),
  revoked_at timestamptz,
  ip text,
  user_agent text
);
CREATE INDEX refresh_tokens_family_idx ON refresh_tokens (family_id);
CREATE INDEX refresh_tokens_user_idx ON refresh_tokens (user_id);

CREATE TABLE api_keys (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id uuid NOT NULL REFERENCES users (id),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
  -- Public part of the key (seer_<prefix>_<secret>), used for lookup and display.
  prefix text NOT NULL UNIQUE CHECK (prefix ~ '^[0-9a-f]{12}$'),
  secret_hash text NOT NULL CHECK (secret_hash ~ '^[0-9a-f]{64}$'),
  scopes text[] NOT NULL
    CHECK (cardinality(scopes) >= 1
      AND scopes <@ ARRAY['predictions:read', 'models:read', 'models:write', 'account:read']::text[]),
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz,
  last_used_at timestamptz,
  revoked_at timestamptz
);
CREATE INDEX api_keys_user_idx ON api_keys (user_id, created_at);

CREATE TABLE audit_log (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at timestamptz NOT NULL DEFAULT now(),
  actor_user_id uuid,
  subject_user_id uuid,
  event text NOT NULL CHECK (event ~ '^[a-z][a-z_.]{1,63}$'),
  ip text,
  user_agent text,
  details jsonb NOT NULL DEFAULT '{}'::jsonb
);
CREATE INDEX audit_log_subject_idx ON audit_log (subject_user_id, id);
CREATE INDEX audit_log_actor_idx ON audit_log (actor_user_id, id);
CREATE INDEX audit_log_event_idx ON audit_log (event, id);

-- The audit log is evidence: rows are only ever appended, even by the application's own role.
CREATE FUNCTION audit_log_append_only() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only (% rejected)', TG_OP
    USING ERRCODE = 'insufficient_privilege';
END
$$;

CREATE TRIGGER audit_log_no_update_delete
  BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();

CREATE TRIGGER audit_log_no_truncate
  BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();
