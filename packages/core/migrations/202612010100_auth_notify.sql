-- Per-process caches of API-key rows and of a user's subscriptions of a model (docs/SECURITY.md,
-- "Per-process caches") are trusted only because every change to what they hold is announced on
-- the channel seer_auth, to every API process LISTENing on it. A notification is sent at commit
-- (never for a rolled-back change); identical payloads in one transaction are sent once.
--
-- Payloads: 'k:<prefix>' (an API key), 'u:<user id>' (a user's keys), 's:<user id>:<model id>'
-- (that user's subscriptions of that model). api_keys.last_used_at is deliberately not watched:
-- it is written once a minute per key in use, and nothing authorizes by it.

CREATE FUNCTION seer_auth_notify_api_key() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('seer_auth', 'k:' || OLD.prefix);
  IF TG_OP = 'UPDATE' AND NEW.prefix IS DISTINCT FROM OLD.prefix THEN
    PERFORM pg_notify('seer_auth', 'k:' || NEW.prefix);
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER api_keys_auth_notify
  AFTER UPDATE OF revoked_at, scopes, expires_at, user_id, secret_hash, prefix OR DELETE ON api_keys
  FOR EACH ROW EXECUTE FUNCTION seer_auth_notify_api_key();

CREATE FUNCTION seer_auth_notify_user() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('seer_auth', 'u:' || OLD.id::text);
  RETURN NULL;
END
$$;

-- email too: it is part of the principal a key resolves to.
CREATE TRIGGER users_auth_notify
  AFTER UPDATE OF roles, disabled_at, email, id OR DELETE ON users
  FOR EACH ROW EXECUTE FUNCTION seer_auth_notify_user();

CREATE FUNCTION seer_auth_notify_subscription() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN
    PERFORM pg_notify('seer_auth', 's:' || OLD.user_id::text || ':' || OLD.model_id::text);
  END IF;
  IF TG_OP <> 'DELETE' THEN
    PERFORM pg_notify('seer_auth', 's:' || NEW.user_id::text || ':' || NEW.model_id::text);
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER subscriptions_auth_notify
  AFTER INSERT OR UPDATE OR DELETE ON subscriptions
  FOR EACH ROW EXECUTE FUNCTION seer_auth_notify_subscription();
