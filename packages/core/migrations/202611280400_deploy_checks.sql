-- Deploy checks: the trial run that gates draft -> deployed, executed by a worker instead of the
-- API. A row per request; the version itself stays a draft until the check succeeds, so the
-- immutability trigger (draft -> deployed -> retired) is unchanged. At most one check per version
-- is queued or running at a time (a second deploy request answers the same check).
CREATE TABLE deploy_checks (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  -- Deleting the draft deletes its checks (deployed versions cannot be deleted).
  version_id uuid NOT NULL REFERENCES model_versions (id) ON DELETE CASCADE,
  requested_by uuid REFERENCES users (id),
  status text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'running', 'succeeded', 'failed')),
  attempts integer NOT NULL DEFAULT 0,
  -- A running check belongs to the worker named here until lease_expires_at (heartbeats extend it).
  lease_owner text,
  lease_expires_at timestamptz,
  as_of timestamptz,
  error_code text,
  error_message text,
  logs text,
  created_at timestamptz NOT NULL DEFAULT now(),
  started_at timestamptz,
  finished_at timestamptz
);
CREATE UNIQUE INDEX deploy_checks_one_active_idx ON deploy_checks (version_id)
  WHERE status IN ('queued', 'running');
CREATE INDEX deploy_checks_pending_idx ON deploy_checks (created_at) WHERE status IN ('queued', 'running');
CREATE INDEX deploy_checks_version_idx ON deploy_checks (version_id, created_at DESC);
