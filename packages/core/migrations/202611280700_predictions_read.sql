-- Reading predictions: a per-model public delay (how old a resolved prediction must be before
-- anyone may read it, default 7 days), and cached metric snapshots per version, mode and symbol
-- ('' = all symbols), refreshed when outcomes land, so the catalogue can sort by any metric.

ALTER TABLE models
  ADD COLUMN public_delay_seconds integer NOT NULL DEFAULT 604800
    CHECK (public_delay_seconds BETWEEN 0 AND 31622400);

CREATE TABLE metric_snapshots (
  version_id uuid NOT NULL REFERENCES model_versions (id),
  mode text NOT NULL CHECK (mode IN ('live', 'backtest')),
  symbol text NOT NULL,
  -- The metrics document (packages/core/src/metrics, docs/METRICS.md) with its definition versions.
  definition_version text NOT NULL,
  metrics jsonb NOT NULL,
  -- Number of resolved predictions the snapshot was computed from.
  resolved bigint NOT NULL,
  computed_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (version_id, mode, symbol)
);
