-- API keys get admin power only through an explicit `admin` scope (minted by admins only,
-- audited on creation and on every use); without it an admin's key acts as a non-admin.
ALTER TABLE api_keys DROP CONSTRAINT IF EXISTS api_keys_scopes_check;
ALTER TABLE api_keys ADD CONSTRAINT api_keys_scopes_check
  CHECK (cardinality(scopes) >= 1
    AND scopes <@ ARRAY['predictions:read', 'models:read', 'models:write', 'account:read', 'admin']::text[]);
