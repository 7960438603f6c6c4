-- The runtime role. Migrations run as the owner of the schema (MIGRATION_DATABASE_URL); the API,
-- scheduler and workers connect as a login that is a member of seer_app, which holds only what
-- they need. Above all it does not own the tables, so it cannot ALTER TABLE ... DISABLE TRIGGER,
-- drop a trigger or TRUNCATE; and on the append-only tables it has no UPDATE or DELETE at all,
-- so the triggers are a second line, not the only one. `seerd db create-login` makes the login.
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'seer_app') THEN
    CREATE ROLE seer_app NOLOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS INHERIT;
  END IF;
END
$$;

GRANT USAGE ON SCHEMA public TO seer_app;

-- Ordinary tables: read and write rows (no TRUNCATE, REFERENCES or TRIGGER).
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO seer_app;
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO seer_app;
-- Tables later migrations create (as this same owner) get the same grants; a migration that adds
-- an append-only table revokes UPDATE and DELETE on it, as below.
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO seer_app;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO seer_app;

-- Append-only records: insert and read, never change or remove.
REVOKE UPDATE, DELETE, TRUNCATE ON predictions, audit_log, bars, outcomes, plans FROM seer_app;
-- Migration history belongs to the owner.
REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON schema_migrations FROM seer_app;
-- Versions: only the lifecycle columns move (draft -> deployed -> retired, the trial-run
-- report); the trigger model_versions_guard still checks every transition. Drafts may be deleted.
REVOKE UPDATE ON model_versions FROM seer_app;
GRANT UPDATE (status, deployed_at, retired_at, deploy_check) ON model_versions TO seer_app;

-- The sandbox data broker switches to seer_model_reader (SET LOCAL ROLE) when no separate
-- MODEL_READER_DATABASE_URL is configured.
GRANT seer_model_reader TO seer_app;
