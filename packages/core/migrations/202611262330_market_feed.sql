-- Bars are the history predictions are made on and scored against: once written they are never
-- rewritten. Ingest inserts with ON CONFLICT DO NOTHING and reports differing re-imports as
-- conflicts; this trigger makes the rule hold for every other writer too. An operator who must
-- correct bad data does it deliberately, as the table owner, with
-- ALTER TABLE bars DISABLE TRIGGER bars_immutable (see docs/MARKET-DATA.md).
CREATE FUNCTION bars_are_immutable() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'bars are immutable: % on bars is not allowed', TG_OP
    USING ERRCODE = 'integrity_constraint_violation',
          HINT = 'Bars are append-only history; insert new bars instead.';
END
$$;

CREATE TRIGGER bars_immutable
  BEFORE UPDATE OR DELETE ON bars
  FOR EACH ROW EXECUTE FUNCTION bars_are_immutable();
