-- Billing: subscriptions, trials, invoices (one receipt per charge attempt or refund), the
-- double-entry earnings journal, processed provider webhooks, the event outbox, and the mock
-- payment provider's own "remote" state (so it survives process kills like a real provider).
-- Money is always integer minor units plus an ISO 4217 currency code, never a float.

CREATE TABLE billing_customers (
  user_id uuid NOT NULL REFERENCES users (id),
  provider text NOT NULL CHECK (provider IN ('mock', 'stripe')),
  customer_id text NOT NULL,
  payment_method_id text,
  card_brand text,
  card_last4 text CHECK (card_last4 IS NULL OR card_last4 ~ '^[0-9]{4}$'),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (user_id, provider)
);

CREATE TABLE subscriptions (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id uuid NOT NULL REFERENCES users (id),
  model_id uuid NOT NULL REFERENCES models (id),
  -- The plan it was sold under; price and currency are locked here, whatever the plan does later.
  plan_id uuid NOT NULL REFERENCES plans (id),
  provider text NOT NULL CHECK (provider IN ('mock', 'stripe')),
  status text NOT NULL CHECK (status IN ('incomplete', 'trialing', 'active', 'past_due', 'canceled', 'expired')),
  price_minor bigint NOT NULL CHECK (price_minor >= 0),
  currency text NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
  trial_end timestamptz,
  -- Paid periods are calendar months counted from this instant (period n starts at anchor + (n-1) months).
  anchor_at timestamptz NOT NULL,
  -- 0 = the trial, 1.. = paid periods.
  period_index integer NOT NULL CHECK (period_index >= 0),
  current_period_start timestamptz NOT NULL,
  current_period_end timestamptz NOT NULL CHECK (current_period_end > current_period_start),
  cancel_at_period_end boolean NOT NULL DEFAULT false,
  cancel_requested_at timestamptz,
  ended_at timestamptz,
  end_reason text,
  -- Failed charges of the current period: how many, when the next retry is, when access stops.
  failed_attempts integer NOT NULL DEFAULT 0 CHECK (failed_attempts >= 0),
  next_retry_at timestamptz,
  grace_until timestamptz,
  -- A price rise waiting for the subscriber's acceptance (else the subscription ends at period end).
  pending_plan_id uuid REFERENCES plans (id),
  pending_price_minor bigint CHECK (pending_price_minor IS NULL OR pending_price_minor >= 0),
  pending_currency text CHECK (pending_currency IS NULL OR pending_currency ~ '^[A-Z]{3}$'),
  -- When the renewal engine should next look at it (from the state machine's nextDueAt).
  next_due_at timestamptz,
  -- Optimistic concurrency: every state change bumps it and is conditional on the old value.
  version integer NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL
);
-- One live subscription per user and model: a constraint, not only a check in the service.
CREATE UNIQUE INDEX subscriptions_one_live_idx ON subscriptions (user_id, model_id)
  WHERE status IN ('incomplete', 'trialing', 'active', 'past_due');
CREATE INDEX subscriptions_user_idx ON subscriptions (user_id, created_at DESC);
CREATE INDEX subscriptions_model_idx ON subscriptions (model_id);
CREATE INDEX subscriptions_due_idx ON subscriptions (next_due_at)
  WHERE status IN ('incomplete', 'trialing', 'active', 'past_due');

-- One trial per user and model, ever (even after the subscription is gone).
CREATE TABLE billing_trials (
  user_id uuid NOT NULL REFERENCES users (id),
  model_id uuid NOT NULL REFERENCES models (id),
  subscription_id uuid NOT NULL REFERENCES subscriptions (id),
  started_at timestamptz NOT NULL,
  PRIMARY KEY (user_id, model_id)
);

CREATE TABLE invoices (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  subscription_id uuid NOT NULL REFERENCES subscriptions (id),
  user_id uuid NOT NULL REFERENCES users (id),
  model_id uuid NOT NULL REFERENCES models (id),
  kind text NOT NULL CHECK (kind IN ('charge', 'refund')),
  refund_of uuid REFERENCES invoices (id),
  period_index integer NOT NULL CHECK (period_index >= 1),
  period_start timestamptz NOT NULL,
  period_end timestamptz NOT NULL,
  attempt integer NOT NULL CHECK (attempt >= 1),
  amount_minor bigint NOT NULL CHECK (amount_minor > 0),
  currency text NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
  status text NOT NULL CHECK (status IN ('pending', 'succeeded', 'failed')),
  provider text NOT NULL,
  -- Derived from subscription, period and attempt: a retried job sends the same key.
  idempotency_key text NOT NULL UNIQUE,
  provider_ref text,
  failure_code text,
  created_at timestamptz NOT NULL,
  settled_at timestamptz,
  CHECK ((kind = 'refund') = (refund_of IS NOT NULL))
);
-- At most one paid charge per subscription period, whatever happens to workers or webhooks.
CREATE UNIQUE INDEX invoices_one_paid_period_idx ON invoices (subscription_id, period_index)
  WHERE kind = 'charge' AND status = 'succeeded';
CREATE UNIQUE INDEX invoices_attempt_idx ON invoices (subscription_id, period_index, attempt)
  WHERE kind = 'charge';
CREATE UNIQUE INDEX invoices_one_refund_idx ON invoices (refund_of) WHERE kind = 'refund';
CREATE INDEX invoices_user_idx ON invoices (user_id, created_at DESC);
CREATE INDEX invoices_provider_ref_idx ON invoices (provider, provider_ref);

-- Double-entry journal: every charge and refund writes lines that sum to zero per currency.
-- Debits positive, credits negative. Accounts: customer_cash (money received from subscribers),
-- platform_fees (our revenue), developer_payable (owed to the model's developer).
CREATE TABLE earnings_entries (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  journal_id uuid NOT NULL,
  invoice_id uuid NOT NULL REFERENCES invoices (id),
  account text NOT NULL CHECK (account IN ('customer_cash', 'platform_fees', 'developer_payable')),
  developer_id uuid NOT NULL REFERENCES users (id),
  model_id uuid NOT NULL REFERENCES models (id),
  amount_minor bigint NOT NULL,
  currency text NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
  -- The calendar month (UTC, first day) the money moved in.
  month date NOT NULL,
  created_at timestamptz NOT NULL,
  UNIQUE (invoice_id, account)
);
CREATE INDEX earnings_developer_idx ON earnings_entries (developer_id, month);

CREATE FUNCTION earnings_journal_balanced() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  unbalanced integer;
BEGIN
  SELECT count(*) INTO unbalanced FROM (
    SELECT currency FROM earnings_entries WHERE journal_id = NEW.journal_id
    GROUP BY currency HAVING sum(amount_minor) <> 0
  ) u;
  IF unbalanced > 0 THEN
    RAISE EXCEPTION 'earnings_unbalanced: journal % does not sum to zero', NEW.journal_id
      USING ERRCODE = 'integrity_constraint_violation';
  END IF;
  RETURN NULL;
END
$$;
CREATE CONSTRAINT TRIGGER earnings_journal_balanced
  AFTER INSERT ON earnings_entries DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW EXECUTE FUNCTION earnings_journal_balanced();

CREATE FUNCTION earnings_append_only() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'earnings_immutable: the earnings journal is append-only; post a reversal instead'
    USING ERRCODE = 'integrity_constraint_violation';
END
$$;
CREATE TRIGGER earnings_append_only BEFORE UPDATE OR DELETE ON earnings_entries
  FOR EACH ROW EXECUTE FUNCTION earnings_append_only();

-- Provider webhook events already processed: a redelivery is recognised and changes nothing.
CREATE TABLE billing_webhook_events (
  provider text NOT NULL,
  event_id text NOT NULL,
  type text NOT NULL,
  received_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (provider, event_id)
);

-- Subscription events for notifications (email, webhooks): written in the same transaction as
-- the state change, then handed to the queue. dedupe_key makes a repeated transition harmless.
CREATE TABLE billing_outbox (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  dedupe_key text NOT NULL UNIQUE,
  type text NOT NULL CHECK (type IN ('created', 'trial_ending', 'renewed', 'payment_failed', 'canceled',
    'expired', 'price_change_pending')),
  subscription_id uuid NOT NULL REFERENCES subscriptions (id),
  user_id uuid NOT NULL REFERENCES users (id),
  payload jsonb NOT NULL,
  created_at timestamptz NOT NULL,
  dispatched_at timestamptz
);
CREATE INDEX billing_outbox_pending_idx ON billing_outbox (created_at) WHERE dispatched_at IS NULL;

-- The mock payment provider's own records: what a real provider keeps on its side.
CREATE TABLE mock_provider_customers (
  id text PRIMARY KEY,
  idempotency_key text UNIQUE,
  email text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE mock_provider_payment_methods (
  id text PRIMARY KEY,
  customer_id text NOT NULL REFERENCES mock_provider_customers (id),
  card_number text NOT NULL,
  charges integer NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE mock_provider_charges (
  id text PRIMARY KEY,
  idempotency_key text NOT NULL UNIQUE,
  customer_id text NOT NULL,
  payment_method_id text NOT NULL,
  amount_minor bigint NOT NULL CHECK (amount_minor > 0),
  currency text NOT NULL,
  status text NOT NULL CHECK (status IN ('pending', 'succeeded', 'failed')),
  outcome text NOT NULL CHECK (outcome IN ('succeeded', 'failed')),
  failure_code text,
  refunded_minor bigint NOT NULL DEFAULT 0,
  metadata jsonb NOT NULL DEFAULT '{}',
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE mock_provider_refunds (
  id text PRIMARY KEY,
  idempotency_key text NOT NULL UNIQUE,
  charge_id text NOT NULL REFERENCES mock_provider_charges (id),
  amount_minor bigint NOT NULL CHECK (amount_minor > 0),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE mock_provider_events (
  id text PRIMARY KEY,
  type text NOT NULL,
  object_id text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  delivered_at timestamptz,
  attempts integer NOT NULL DEFAULT 0
);
CREATE INDEX mock_provider_events_pending_idx ON mock_provider_events (created_at) WHERE delivered_at IS NULL;
