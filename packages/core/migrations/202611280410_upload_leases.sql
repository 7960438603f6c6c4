-- Uploads in flight per user (QUOTA_UPLOADS_IN_FLIGHT_PER_USER), shared by every API process: a
-- lease row per upload being processed, deleted when it ends; a crashed process's leases expire.
CREATE TABLE upload_leases (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  expires_at timestamptz NOT NULL
);
CREATE INDEX upload_leases_user_idx ON upload_leases (user_id, expires_at);
