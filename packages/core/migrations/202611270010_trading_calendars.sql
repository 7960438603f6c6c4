-- Trading calendars: an instrument's market may produce no bar for some boundaries (FX and
-- equity weekends). '24x7' = a bar for every boundary; 'weekdays' = bars only for bars that
-- OPEN Monday..Friday UTC. A live slot for which no symbol of the version is in session is
-- recorded as 'market_closed': not run, and not counted against the version's coverage.

ALTER TABLE instruments
  ADD COLUMN calendar text NOT NULL DEFAULT '24x7' CHECK (calendar IN ('24x7', 'weekdays'));

-- The inline CHECK of 202611262340_runs_and_predictions.sql is named runs_status_check.
ALTER TABLE runs DROP CONSTRAINT runs_status_check;
ALTER TABLE runs ADD CONSTRAINT runs_status_check
  CHECK (status IN ('queued', 'running', 'succeeded', 'failed', 'timed_out', 'missed', 'market_closed'));
