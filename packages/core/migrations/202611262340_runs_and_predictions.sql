-- Runs engine: backtests, runs (one per version, as_of and mode), the append-only hash-chained
-- prediction ledger with its chain heads, and outcomes (kept apart so predictions stay immutable).

CREATE TABLE backtests (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  version_id uuid NOT NULL REFERENCES model_versions (id),
  requested_by uuid REFERENCES users (id),
  range_from timestamptz NOT NULL,
  range_to timestamptz NOT NULL,
  status text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'running', 'succeeded', 'failed')),
  total integer NOT NULL CHECK (total >= 0),
  done integer NOT NULL DEFAULT 0,
  succeeded integer NOT NULL DEFAULT 0,
  failed integer NOT NULL DEFAULT 0,
  reused integer NOT NULL DEFAULT 0,
  error_message text,
  created_at timestamptz NOT NULL DEFAULT now(),
  started_at timestamptz,
  finished_at timestamptz,
  CHECK (range_from <= range_to)
);
CREATE INDEX backtests_version_idx ON backtests (version_id, created_at DESC);

CREATE TABLE runs (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  version_id uuid NOT NULL REFERENCES model_versions (id),
  mode text NOT NULL CHECK (mode IN ('live', 'backtest')),
  as_of timestamptz NOT NULL,
  -- Copied from the manifest at scheduling time: outcomes need them without parsing manifests.
  interval_seconds integer NOT NULL CHECK (interval_seconds > 0),
  horizon_seconds integer NOT NULL CHECK (horizon_seconds > 0),
  backtest_id uuid REFERENCES backtests (id),
  status text NOT NULL CHECK (status IN ('queued', 'running', 'succeeded', 'failed', 'timed_out', 'missed')),
  attempts integer NOT NULL DEFAULT 0,
  -- A running run belongs to the worker named here until lease_expires_at (extended by heartbeats);
  -- after that, recovery hands it to another worker.
  lease_owner text,
  lease_expires_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  started_at timestamptz,
  finished_at timestamptz,
  duration_ms integer,
  cpu_ms integer,
  peak_memory_kb integer,
  input_digest text,
  prediction_count integer,
  error_code text,
  error_message text,
  stderr text,
  UNIQUE (version_id, as_of, mode)
);
CREATE INDEX runs_pending_idx ON runs (status, created_at) WHERE status IN ('queued', 'running');
CREATE INDEX runs_version_mode_idx ON runs (version_id, mode, as_of DESC);

-- One row per chain (version, mode): appends lock it FOR UPDATE, which serializes them.
CREATE TABLE ledger_heads (
  version_id uuid NOT NULL REFERENCES model_versions (id),
  mode text NOT NULL CHECK (mode IN ('live', 'backtest')),
  seq bigint NOT NULL,
  hash text NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (version_id, mode)
);

CREATE TABLE predictions (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  version_id uuid NOT NULL REFERENCES model_versions (id),
  mode text NOT NULL CHECK (mode IN ('live', 'backtest')),
  seq bigint NOT NULL CHECK (seq >= 1),
  run_id uuid NOT NULL REFERENCES runs (id),
  symbol text NOT NULL,
  as_of timestamptz NOT NULL,
  horizon text NOT NULL,
  target text NOT NULL CHECK (target IN ('return', 'direction', 'price')),
  value double precision NOT NULL,
  confidence double precision,
  created_at timestamptz NOT NULL,
  prev_hash text NOT NULL CHECK (prev_hash ~ '^[0-9a-f]{64}$'),
  hash text NOT NULL CHECK (hash ~ '^[0-9a-f]{64}$'),
  -- When the outcome can be known (as_of + horizon); lets the outcomes sweep use an index.
  due_at timestamptz NOT NULL,
  UNIQUE (version_id, mode, seq),
  UNIQUE (version_id, mode, symbol, as_of)
);
CREATE INDEX predictions_read_idx ON predictions (version_id, mode, as_of, id);
CREATE INDEX predictions_due_idx ON predictions (due_at);

CREATE FUNCTION predictions_append_only() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'predictions are append-only (% refused)', TG_OP
    USING ERRCODE = 'insufficient_privilege';
END
$$;
CREATE TRIGGER predictions_append_only
  BEFORE UPDATE OR DELETE ON predictions
  FOR EACH ROW EXECUTE FUNCTION predictions_append_only();
CREATE TRIGGER predictions_no_truncate
  BEFORE TRUNCATE ON predictions
  FOR EACH STATEMENT EXECUTE FUNCTION predictions_append_only();

CREATE TABLE outcomes (
  prediction_id bigint PRIMARY KEY REFERENCES predictions (id),
  base_close double precision NOT NULL,
  realized_close double precision NOT NULL,
  realized_return double precision NOT NULL,
  realized_direction smallint NOT NULL CHECK (realized_direction IN (-1, 0, 1)),
  -- The realized value in the prediction's own target: return, direction or price.
  realized_value double precision NOT NULL,
  computed_at timestamptz NOT NULL DEFAULT now()
);
