-- Metric snapshots are refreshed for the versions whose outcomes landed since a sweep began:
-- finding them reads outcomes by computed_at.
CREATE INDEX outcomes_computed_at_idx ON outcomes (computed_at);
