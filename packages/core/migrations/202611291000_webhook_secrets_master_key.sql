-- Webhook signing secrets under the master-key envelope (docs/OPERATIONS.md, "Master key"): the
-- id of the master key that wraps a row's secret, so `seerd keys rotate` finds the rows still
-- under an older key. NULL: sealed under the deprecated WEBHOOKS_SECRET_KEY by an earlier
-- release (v1.<iv>.<tag>.<ciphertext>), until `seerd keys encrypt-existing` reseals it.
ALTER TABLE webhook_endpoints
  ADD COLUMN master_kid text CHECK (master_kid IS NULL OR master_kid ~ '^mk-[0-9a-f]{16}$');
