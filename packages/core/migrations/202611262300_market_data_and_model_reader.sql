-- Market data: instruments and OHLCV bars (interval 1h or coarser), and the database role the
-- sandbox data broker logs in as. seer_model_reader may read market data and nothing else.

CREATE TABLE instruments (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  symbol text NOT NULL UNIQUE CHECK (symbol ~ '^[A-Z0-9][A-Z0-9._-]{0,31}$'),
  name text NOT NULL,
  asset_class text NOT NULL CHECK (asset_class IN ('fx', 'equity', 'index', 'crypto', 'commodity', 'rates', 'other')),
  quote_currency text CHECK (quote_currency ~ '^[A-Z]{3}$'),
  source text,
  created_at timestamptz NOT NULL DEFAULT now()
);

-- ts is the bar's OPEN time in UTC; the bar closes at ts + interval.
CREATE TABLE bars (
  instrument_id bigint NOT NULL REFERENCES instruments (id),
  interval text NOT NULL CHECK (interval IN ('1h', '4h', '1d')),
  ts timestamptz NOT NULL,
  open double precision NOT NULL,
  high double precision NOT NULL,
  low double precision NOT NULL,
  close double precision NOT NULL,
  volume double precision,
  PRIMARY KEY (instrument_id, interval, ts),
  CHECK (high >= low AND high >= open AND high >= close AND low <= open AND low <= close),
  CHECK (volume IS NULL OR volume >= 0)
);
-- The primary key (instrument_id, interval, ts) already serves range reads in both directions.

-- Roles are cluster-wide: create it once, tolerate it already existing (another database on
-- the same server, or a re-created test database).
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'seer_model_reader') THEN
    CREATE ROLE seer_model_reader NOLOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOINHERIT;
  END IF;
END
$$;

-- Exactly these grants; every other table stays unreadable to the role (no grant = no access).
GRANT USAGE ON SCHEMA public TO seer_model_reader;
GRANT SELECT ON instruments, bars TO seer_model_reader;

-- Lets the app switch to the role with SET LOCAL ROLE when no separate login is configured.
DO $$
BEGIN
  EXECUTE format('GRANT seer_model_reader TO %I', current_user);
EXCEPTION WHEN others THEN
  -- Already a member, or a superuser (who may SET ROLE anyway).
  NULL;
END
$$;
