-- Re-runs of stored runs (docs/RUNS.md, Re-running a stored run): the API records a queued rerun,
-- a worker re-executes the run's version in the sandbox on the run's as_of and compares the input
-- digest and the predictions with what was stored. A rerun never writes to the ledger.

CREATE TABLE reruns (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  run_id uuid NOT NULL REFERENCES runs (id),
  requested_by uuid REFERENCES users (id),
  status text NOT NULL DEFAULT 'queued'
    CHECK (status IN ('queued', 'running', 'reproduced', 'mismatch', 'input_mismatch', 'failed')),
  attempts integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
  lease_owner text,
  lease_expires_at timestamptz,
  stored_input_digest text,
  rerun_input_digest text,
  compared integer,
  -- [{symbol, stored: {value, confidence} | null, rerun: {value, confidence} | null}], at most 1000.
  differences jsonb,
  error_code text,
  error_message text CHECK (error_message IS NULL OR length(error_message) <= 2000),
  created_at timestamptz NOT NULL DEFAULT now(),
  started_at timestamptz,
  finished_at timestamptz
);
CREATE INDEX reruns_pending_idx ON reruns (created_at) WHERE status IN ('queued', 'running');
CREATE INDEX reruns_run_idx ON reruns (run_id, created_at DESC);
