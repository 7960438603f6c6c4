-- Subscriber webhooks (docs/API.md, Webhooks): endpoints per user and model, one delivery per
-- (endpoint, run), one row per HTTP attempt (the delivery log), and the admin allowance that lets
-- a user register private/loopback URLs. API keys gain the webhooks:read / webhooks:write scopes.

ALTER TABLE api_keys DROP CONSTRAINT IF EXISTS api_keys_scopes_check;
ALTER TABLE api_keys ADD CONSTRAINT api_keys_scopes_check
  CHECK (cardinality(scopes) >= 1
    AND scopes <@ ARRAY['predictions:read', 'models:read', 'models:write', 'account:read', 'admin',
                        'webhooks:read', 'webhooks:write']::text[]);

CREATE TABLE webhook_endpoints (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id uuid NOT NULL REFERENCES users (id),
  model_id uuid NOT NULL REFERENCES models (id),
  url text NOT NULL CHECK (length(url) BETWEEN 8 AND 2048),
  -- AES-256-GCM of the signing secret (v1.<iv>.<tag>.<ciphertext>, base64url); never the secret itself.
  secret_box text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  deleted_at timestamptz
);
CREATE INDEX webhook_endpoints_user_idx ON webhook_endpoints (user_id) WHERE deleted_at IS NULL;
CREATE INDEX webhook_endpoints_model_idx ON webhook_endpoints (model_id) WHERE deleted_at IS NULL;

CREATE TABLE webhook_deliveries (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  endpoint_id uuid NOT NULL REFERENCES webhook_endpoints (id),
  run_id uuid NOT NULL REFERENCES runs (id),
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'succeeded', 'failed', 'skipped')),
  attempts integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
  created_at timestamptz NOT NULL DEFAULT now(),
  finished_at timestamptz,
  UNIQUE (endpoint_id, run_id)
);

CREATE TABLE webhook_attempts (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  delivery_id uuid NOT NULL REFERENCES webhook_deliveries (id),
  attempt integer NOT NULL CHECK (attempt >= 1),
  status_code integer,
  latency_ms integer,
  error text CHECK (error IS NULL OR length(error) <= 500),
  -- At most 256 characters of the response body, never more.
  response_excerpt text CHECK (response_excerpt IS NULL OR length(response_excerpt) <= 256),
  attempted_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX webhook_attempts_delivery_idx ON webhook_attempts (delivery_id, id);

CREATE TABLE webhook_private_allowances (
  user_id uuid PRIMARY KEY REFERENCES users (id),
  allowed_by uuid NOT NULL REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now()
);
