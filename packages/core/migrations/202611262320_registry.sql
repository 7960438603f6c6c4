-- Model registry: models, immutable signed versions, plans.
-- A version that was ever deployed can never change or disappear: the API refuses, and the
-- triggers below refuse too, so neither a bug nor a direct SQL session can rewrite the code
-- behind a track record.

CREATE TABLE models (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  owner_id uuid NOT NULL REFERENCES users (id),
  slug text NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9][a-z0-9-]{1,62}[a-z0-9]$' AND slug !~ '--'),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
  description text NOT NULL DEFAULT '' CHECK (length(description) <= 5000),
  tags text[] NOT NULL DEFAULT '{}' CHECK (cardinality(tags) <= 20),
  symbols text[] NOT NULL DEFAULT '{}' CHECK (cardinality(symbols) <= 100),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX models_owner_idx ON models (owner_id, created_at DESC);

CREATE TABLE model_versions (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  model_id uuid NOT NULL REFERENCES models (id),
  version text NOT NULL CHECK (version ~ '^(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)(-[0-9A-Za-z.-]+)?$'),
  status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'deployed', 'retired')),
  -- SHA-256 (hex) of the canonical uncompressed tar; the artifact store key.
  digest text NOT NULL CHECK (digest ~ '^[0-9a-f]{64}$'),
  artifact_bytes bigint NOT NULL CHECK (artifact_bytes >= 0),
  unpacked_bytes bigint NOT NULL CHECK (unpacked_bytes >= 0),
  file_count integer NOT NULL CHECK (file_count >= 1),
  manifest jsonb NOT NULL,
  -- Denormalized from the manifest for catalogue filters; as immutable as the manifest.
  interval text NOT NULL CHECK (interval IN ('1h', '4h', '1d')),
  horizon text NOT NULL,
  target text NOT NULL CHECK (target IN ('return', 'direction', 'price')),
  symbols text[] NOT NULL,
  -- Ed25519 signature (base64) over signed_payload, the canonical JSON of {model, version, digest, manifest}.
  signature text NOT NULL,
  signing_key_id text NOT NULL,
  signed_payload text NOT NULL,
  validation jsonb NOT NULL DEFAULT '{}',
  -- Outcome of the last trial run before deploy (kept for the owner; failures included).
  deploy_check jsonb,
  created_by uuid NOT NULL REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  deployed_at timestamptz,
  retired_at timestamptz,
  UNIQUE (model_id, version),
  CHECK ((status = 'draft') = (deployed_at IS NULL)),
  CHECK ((status = 'retired') = (retired_at IS NOT NULL))
);
CREATE INDEX model_versions_status_idx ON model_versions (status, model_id);
CREATE INDEX model_versions_digest_idx ON model_versions (digest);

CREATE FUNCTION model_versions_guard() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  -- Every version starts as a draft: only the deploy path (after its trial run) deploys it.
  IF TG_OP = 'INSERT' THEN
    IF NEW.status <> 'draft' THEN
      RAISE EXCEPTION 'model_version_immutable: a version is created as a draft, not as %', NEW.status
        USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    RETURN NEW;
  END IF;

  IF TG_OP = 'DELETE' THEN
    IF OLD.status <> 'draft' THEN
      RAISE EXCEPTION 'model_version_immutable: version % of model % was deployed and cannot be deleted', OLD.version, OLD.model_id
        USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    RETURN OLD;
  END IF;

  -- Status only moves forward: draft -> deployed -> retired.
  IF NEW.status IS DISTINCT FROM OLD.status AND NOT (
       (OLD.status = 'draft' AND NEW.status = 'deployed')
    OR (OLD.status = 'deployed' AND NEW.status = 'retired')
  ) THEN
    RAISE EXCEPTION 'model_version_immutable: status cannot move from % to %', OLD.status, NEW.status
      USING ERRCODE = 'integrity_constraint_violation';
  END IF;

  IF OLD.status <> 'draft' AND (
       NEW.id IS DISTINCT FROM OLD.id
    OR NEW.model_id IS DISTINCT FROM OLD.model_id
    OR NEW.version IS DISTINCT FROM OLD.version
    OR NEW.digest IS DISTINCT FROM OLD.digest
    OR NEW.artifact_bytes IS DISTINCT FROM OLD.artifact_bytes
    OR NEW.unpacked_bytes IS DISTINCT FROM OLD.unpacked_bytes
    OR NEW.file_count IS DISTINCT FROM OLD.file_count
    OR NEW.manifest IS DISTINCT FROM OLD.manifest
    OR NEW.interval IS DISTINCT FROM OLD.interval
    OR NEW.horizon IS DISTINCT FROM OLD.horizon
    OR NEW.target IS DISTINCT FROM OLD.target
    OR NEW.symbols IS DISTINCT FROM OLD.symbols
    OR NEW.signature IS DISTINCT FROM OLD.signature
    OR NEW.signing_key_id IS DISTINCT FROM OLD.signing_key_id
    OR NEW.signed_payload IS DISTINCT FROM OLD.signed_payload
    OR NEW.validation IS DISTINCT FROM OLD.validation
    OR NEW.deploy_check IS DISTINCT FROM OLD.deploy_check
    OR NEW.created_by IS DISTINCT FROM OLD.created_by
    OR NEW.created_at IS DISTINCT FROM OLD.created_at
    OR NEW.deployed_at IS DISTINCT FROM OLD.deployed_at
    OR (OLD.status = 'retired' AND NEW.retired_at IS DISTINCT FROM OLD.retired_at)
  ) THEN
    RAISE EXCEPTION 'model_version_immutable: version % of model % is %; publish a new version instead', OLD.version, OLD.model_id, OLD.status
      USING ERRCODE = 'integrity_constraint_violation';
  END IF;
  RETURN NEW;
END
$$;

CREATE TRIGGER model_versions_guard
  BEFORE INSERT OR UPDATE OR DELETE ON model_versions
  FOR EACH ROW EXECUTE FUNCTION model_versions_guard();

CREATE FUNCTION model_versions_no_truncate() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'model_version_immutable: model_versions cannot be truncated'
    USING ERRCODE = 'integrity_constraint_violation';
END
$$;

CREATE TRIGGER model_versions_no_truncate
  BEFORE TRUNCATE ON model_versions
  FOR EACH STATEMENT EXECUTE FUNCTION model_versions_no_truncate();

-- A model whose versions were ever deployed keeps its identity (owner, slug) forever; its
-- metadata (name, description, tags) may still be edited.
CREATE FUNCTION models_guard() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM model_versions v WHERE v.model_id = OLD.id AND v.status <> 'draft') THEN
    IF TG_OP = 'DELETE' THEN
      RAISE EXCEPTION 'model_version_immutable: model % has deployed versions and cannot be deleted', OLD.slug
        USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    IF NEW.id IS DISTINCT FROM OLD.id OR NEW.slug IS DISTINCT FROM OLD.slug OR NEW.owner_id IS DISTINCT FROM OLD.owner_id THEN
      RAISE EXCEPTION 'model_version_immutable: model % has deployed versions; its slug and owner cannot change', OLD.slug
        USING ERRCODE = 'integrity_constraint_violation';
    END IF;
  END IF;
  IF TG_OP = 'DELETE' THEN
    RETURN OLD;
  END IF;
  RETURN NEW;
END
$$;

CREATE TRIGGER models_guard
  BEFORE UPDATE OR DELETE ON models
  FOR EACH ROW EXECUTE FUNCTION models_guard();

-- Prices per model, append-only: a change is a new row effective from its creation, so
-- subscriptions can reference the exact plan they were sold under.
CREATE TABLE plans (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  model_id uuid NOT NULL REFERENCES models (id),
  price_minor bigint NOT NULL CHECK (price_minor >= 0 AND price_minor <= 100000000),
  currency text NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
  billing_period text NOT NULL DEFAULT 'month' CHECK (billing_period = 'month'),
  trial_days integer NOT NULL CHECK (trial_days BETWEEN 0 AND 30),
  effective_from timestamptz NOT NULL,
  created_by uuid NOT NULL REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX plans_model_idx ON plans (model_id, effective_from DESC);

CREATE FUNCTION plans_append_only() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'plan_immutable: plans are append-only; add a new plan row instead'
    USING ERRCODE = 'integrity_constraint_violation';
END
$$;

CREATE TRIGGER plans_append_only
  BEFORE UPDATE OR DELETE ON plans
  FOR EACH ROW EXECUTE FUNCTION plans_append_only();
