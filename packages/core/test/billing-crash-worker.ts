/**
 * A billing worker for billing-crash.test.ts: processes one subscription with the mock provider,
 * prints "charged" as soon as the provider has taken the money and then hangs before recording
 * it, so the test can SIGKILL it at exactly the worst moment.
 */
import { createBillingService } from '../src/billing/billing.service';
import { createMockProvider } from '../src/billing/providers/mock-provider';
import type { PaymentProvider } from '../src/billing/providers/payment-provider';
import { DEFAULT_POLICY } from '../src/billing/subscription-machine';
import { openDb } from '../src/db/db';

const env = (name: string): string => {
  const v = process.env[name];
  if (!v) throw new Error(`${name} is required`);
  return v;
};

const db = await openDb({ databaseUrl: env('CRASH_DB_URL'), poolMax: 2 });
const mock = createMockProvider({ db, webhookSecret: env('CRASH_WEBHOOK_SECRET') });
const provider: PaymentProvider = {
  ...mock,
  async charge(input) {
    await mock.charge(input);
    process.stdout.write('charged\n');
    await new Promise(() => {}); // never returns: the parent kills us here
    throw new Error('unreachable');
  },
};
const billing = createBillingService({
  db,
  provider,
  clock: () => new Date(env('CRASH_NOW')),
  policy: DEFAULT_POLICY,
  feePercent: 20,
});
await billing.processDue(env('CRASH_SUBSCRIPTION_ID'));
