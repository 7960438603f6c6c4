-- Ledger v2 (docs/VERIFYING.md): every new prediction commits to its run, the run's input, the
-- version's package and a random salt; the chain of hashes is public, values are revealed later;
-- the workers sign checkpoints of every chain head with a key the API does not hold.

-- Each entry names its format; rows stored before v2 stay seer-ledger-v1 and verify as before.
ALTER TABLE predictions ADD COLUMN ledger_format text NOT NULL DEFAULT 'seer-ledger-v1'
  CHECK (ledger_format IN ('seer-ledger-v1', 'seer-ledger-v2'));
ALTER TABLE predictions ADD COLUMN input_digest text CHECK (input_digest ~ '^[0-9a-f]{64}$');
ALTER TABLE predictions ADD COLUMN package_digest text CHECK (package_digest ~ '^[0-9a-f]{64}$');
-- 32 random bytes as hex: keeps a value from being guessed from its commitment before it is revealed.
ALTER TABLE predictions ADD COLUMN salt text CHECK (salt ~ '^[0-9a-f]{64}$');
ALTER TABLE predictions ADD COLUMN commitment text CHECK (commitment ~ '^[0-9a-f]{64}$');
ALTER TABLE predictions ADD CONSTRAINT predictions_v2_fields CHECK (
  ledger_format = 'seer-ledger-v1'
  OR (package_digest IS NOT NULL AND salt IS NOT NULL AND commitment IS NOT NULL)
);

-- Public keys of the workers' ledger signing keys. The workers register their own key here at
-- start; the API only reads it. Key ids are derived from the key (docs/VERIFYING.md).
CREATE TABLE ledger_signing_keys (
  key_id text PRIMARY KEY CHECK (key_id ~ '^[0-9a-f]{16}$'),
  public_key_pem text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE ledger_checkpoints (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  version_id uuid NOT NULL REFERENCES model_versions (id),
  mode text NOT NULL CHECK (mode IN ('live', 'backtest')),
  seq bigint NOT NULL CHECK (seq >= 0),
  head text NOT NULL CHECK (head ~ '^[0-9a-f]{64}$'),
  key_id text NOT NULL REFERENCES ledger_signing_keys (key_id),
  signed_at timestamptz NOT NULL,
  -- The exact signed text and its base64 Ed25519 signature.
  payload text NOT NULL,
  signature text NOT NULL
);
CREATE INDEX ledger_checkpoints_chain_idx ON ledger_checkpoints (version_id, mode, id);

CREATE FUNCTION ledger_checkpoints_append_only() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'ledger checkpoints and keys are append-only (% refused)', TG_OP
    USING ERRCODE = 'insufficient_privilege';
END
$$;
CREATE TRIGGER ledger_checkpoints_append_only
  BEFORE UPDATE OR DELETE ON ledger_checkpoints
  FOR EACH ROW EXECUTE FUNCTION ledger_checkpoints_append_only();
CREATE TRIGGER ledger_signing_keys_append_only
  BEFORE UPDATE OR DELETE ON ledger_signing_keys
  FOR EACH ROW EXECUTE FUNCTION ledger_checkpoints_append_only();

DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'seer_app') THEN
    REVOKE UPDATE, DELETE, TRUNCATE ON ledger_checkpoints, ledger_signing_keys FROM seer_app;
  END IF;
END
$$;
