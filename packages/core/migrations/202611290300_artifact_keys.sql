-- Packages encrypted at rest (issue 16): the data key of every stored artifact, wrapped under a
-- master key (AES-256-GCM). One row per artifact digest (the digest of the PLAINTEXT canonical tar,
-- which attestations sign). Rotation rewraps rows in place; the artifact files never change.
CREATE TABLE IF NOT EXISTS artifact_keys (
  digest text PRIMARY KEY CHECK (digest ~ '^[0-9a-f]{64}$'),
  master_kid text NOT NULL CHECK (master_kid ~ '^mk-[0-9a-f]{16}$'),
  nonce bytea NOT NULL CHECK (octet_length(nonce) = 12),
  wrapped_key bytea NOT NULL CHECK (octet_length(wrapped_key) = 48),
  created_at timestamptz NOT NULL DEFAULT now(),
  rewrapped_at timestamptz
);

-- Least privilege: the runtime role (API, scheduler) stores keys of new packages and deletes
-- those of collected ones, but cannot read a wrapped key back, so an API login (even one holding
-- the master key) cannot decrypt a package. Workers log in with a role that is also a member of
-- seer_package_opener (`seerd db create-login --worker`).
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'seer_package_opener') THEN
    CREATE ROLE seer_package_opener NOLOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS INHERIT;
  END IF;
END
$$;

REVOKE ALL ON artifact_keys FROM seer_app;
GRANT INSERT, DELETE ON artifact_keys TO seer_app;
GRANT SELECT (digest, master_kid, created_at, rewrapped_at) ON artifact_keys TO seer_app;
GRANT UPDATE (master_kid, nonce, wrapped_key, rewrapped_at) ON artifact_keys TO seer_app;
GRANT USAGE ON SCHEMA public TO seer_package_opener;
GRANT SELECT ON artifact_keys TO seer_package_opener;
