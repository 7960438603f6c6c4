/** Billing wired from configuration: the provider the config names, the policy, the fee. */
import type { AuthCache } from '../accounts/auth-cache';
import type { Config } from '../config';
import type { Db } from '../db/db';
import { createBillingService } from './billing.service';
import { createEntitlements } from './entitlements';
import { DAY_MS } from './periods';
import { createMockProvider } from './providers/mock-provider';
import type { PaymentProvider } from './providers/payment-provider';
import type { BillingPolicy } from './subscription-machine';

export type BillingConfig = Pick<
  Config,
  | 'billingProvider'
  | 'billingPlatformFeePercent'
  | 'billingGraceDays'
  | 'billingRetryHours'
  | 'billingMockWebhookSecret'
  | 'stripeSecretKey'
  | 'stripeWebhookSecret'
>;

export function policyFromConfig(config: BillingConfig): BillingPolicy {
  return {
    graceMs: config.billingGraceDays * DAY_MS,
    retryOffsetsMs: config.billingRetryHours.map((h) => h * 3_600_000),
  };
}

/** The configured provider. Stripe's library is loaded only when it is the one configured. */
export async function providerFromConfig(config: BillingConfig, db: Db): Promise<PaymentProvider> {
  if (config.billingProvider === 'stripe') {
    const { createStripeProvider } = await import('./providers/stripe-provider');
    return createStripeProvider({
      secretKey: config.stripeSecretKey ?? '',
      webhookSecret: config.stripeWebhookSecret ?? '',
    });
  }
  return createMockProvider({ db, webhookSecret: config.billingMockWebhookSecret });
}

export async function createBilling(deps: {
  config: BillingConfig;
  db: Db;
  clock: () => Date;
  provider?: PaymentProvider;
  log?: (msg: string, fields?: Record<string, unknown>) => void;
  /** The process's auth cache (the API's); without it every entitlement check reads the database. */
  cache?: AuthCache;
}) {
  const cache = deps.cache ? { cache: deps.cache } : {};
  const provider = deps.provider ?? (await providerFromConfig(deps.config, deps.db));
  const service = createBillingService({
    db: deps.db,
    provider,
    clock: deps.clock,
    policy: policyFromConfig(deps.config),
    feePercent: deps.config.billingPlatformFeePercent,
    ...(deps.log ? { log: deps.log } : {}),
    ...cache,
  });
  const entitlements = createEntitlements({ db: deps.db, clock: deps.clock, ...cache });
  return { service, entitlements, provider };
}

export type Billing = Awaited<ReturnType<typeof createBilling>>;
