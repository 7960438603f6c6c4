import type { ColumnType, Generated } from 'kysely';
import type { EndReason, OutboxEventType, SubscriptionStatus } from './subscription-machine';

type Json = ColumnType<unknown, string, string>;
export type ProviderName = 'mock' | 'stripe';

export interface BillingCustomersTable {
  user_id: string;
  provider: ProviderName;
  customer_id: string;
  payment_method_id: string | null;
  card_brand: string | null;
  card_last4: string | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface SubscriptionsTable {
  id: Generated<string>;
  user_id: string;
  model_id: string;
  plan_id: string;
  provider: ProviderName;
  status: SubscriptionStatus;
  price_minor: number;
  currency: string;
  trial_end: Date | null;
  anchor_at: Date;
  period_index: number;
  current_period_start: Date;
  current_period_end: Date;
  cancel_at_period_end: boolean;
  cancel_requested_at: Date | null;
  ended_at: Date | null;
  end_reason: EndReason | null;
  failed_attempts: number;
  next_retry_at: Date | null;
  grace_until: Date | null;
  pending_plan_id: string | null;
  pending_price_minor: number | null;
  pending_currency: string | null;
  next_due_at: Date | null;
  version: Generated<number>;
  created_at: Date;
  updated_at: Date;
}

export interface BillingTrialsTable {
  user_id: string;
  model_id: string;
  subscription_id: string;
  started_at: Date;
}

export type InvoiceStatus = 'pending' | 'succeeded' | 'failed';

export interface InvoicesTable {
  id: Generated<string>;
  subscription_id: string;
  user_id: string;
  model_id: string;
  kind: 'charge' | 'refund';
  refund_of: string | null;
  period_index: number;
  period_start: Date;
  period_end: Date;
  attempt: number;
  amount_minor: number;
  currency: string;
  status: InvoiceStatus;
  provider: ProviderName;
  idempotency_key: string;
  provider_ref: string | null;
  failure_code: string | null;
  created_at: Date;
  settled_at: Date | null;
}

export type LedgerAccount = 'customer_cash' | 'platform_fees' | 'developer_payable';

export interface EarningsEntriesTable {
  id: Generated<number>;
  journal_id: string;
  invoice_id: string;
  account: LedgerAccount;
  developer_id: string;
  model_id: string;
  amount_minor: number;
  currency: string;
  month: string;
  created_at: Date;
}

export interface BillingWebhookEventsTable {
  provider: string;
  event_id: string;
  type: string;
  received_at: Generated<Date>;
}

export interface BillingOutboxTable {
  id: Generated<string>;
  dedupe_key: string;
  type: OutboxEventType;
  subscription_id: string;
  user_id: string;
  payload: Json;
  created_at: Date;
  dispatched_at: Date | null;
}

export interface MockProviderCustomersTable {
  id: string;
  idempotency_key: string | null;
  email: string;
  created_at: Generated<Date>;
}
export interface MockProviderPaymentMethodsTable {
  id: string;
  customer_id: string;
  card_number: string;
  charges: Generated<number>;
  created_at: Generated<Date>;
}
export interface MockProviderChargesTable {
  id: string;
  idempotency_key: string;
  customer_id: string;
  payment_method_id: string;
  amount_minor: number;
  currency: string;
  status: InvoiceStatus;
  outcome: 'succeeded' | 'failed';
  failure_code: string | null;
  refunded_minor: Generated<number>;
  metadata: Json;
  created_at: Generated<Date>;
}
export interface MockProviderRefundsTable {
  id: string;
  idempotency_key: string;
  charge_id: string;
  amount_minor: number;
  created_at: Generated<Date>;
}
export interface MockProviderEventsTable {
  id: string;
  type: string;
  object_id: string;
  created_at: Generated<Date>;
  delivered_at: Date | null;
  attempts: Generated<number>;
}

export interface BillingTables {
  billing_customers: BillingCustomersTable;
  subscriptions: SubscriptionsTable;
  billing_trials: BillingTrialsTable;
  invoices: InvoicesTable;
  earnings_entries: EarningsEntriesTable;
  billing_webhook_events: BillingWebhookEventsTable;
  billing_outbox: BillingOutboxTable;
  mock_provider_customers: MockProviderCustomersTable;
  mock_provider_payment_methods: MockProviderPaymentMethodsTable;
  mock_provider_charges: MockProviderChargesTable;
  mock_provider_refunds: MockProviderRefundsTable;
  mock_provider_events: MockProviderEventsTable;
}
