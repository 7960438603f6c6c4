/**
 * The API side of a subscribe for subscribe-crash.test.ts: runs one paid subscribe with the mock
 * provider and hangs at CRASH_POINT so the test can SIGKILL it there: `before-charge` (the
 * subscription and its invoice with the idempotency key are written, the provider not called yet)
 * or `after-charge` (the provider took the money, nothing of its answer recorded). Prints the
 * point's name when it gets there.
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
const point = env('CRASH_POINT');
const hang = async (): Promise<never> => {
  process.stdout.write(`${point}\n`);
  await new Promise(() => {}); // never returns: the parent kills us here
  throw new Error('unreachable');
};

const db = await openDb({ databaseUrl: env('CRASH_DB_URL'), poolMax: 2 });
const mock = createMockProvider({ db, webhookSecret: env('CRASH_WEBHOOK_SECRET') });
const provider: PaymentProvider = {
  ...mock,
  async charge(input) {
    if (point === 'before-charge') return hang();
    await mock.charge(input);
    return hang();
  },
};
const billing = createBillingService({
  db,
  provider,
  clock: () => new Date(env('CRASH_NOW')),
  policy: DEFAULT_POLICY,
  feePercent: 20,
});
await billing.subscribe(
  {
    userId: env('CRASH_USER_ID'),
    email: 's@example.test',
    roles: ['subscriber'],
    via: 'jwt',
    scopes: null,
    apiKeyId: null,
  },
  { model: env('CRASH_MODEL'), paymentMethod: env('CRASH_CARD') },
);
process.stdout.write('returned\n');
