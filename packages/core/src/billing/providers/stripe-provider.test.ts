/**
 * The Stripe adapter, offline: webhooks signed in the test with Stripe's own
 * generateTestHeaderString, and API calls answered by a fake fetch behind Stripe's fetch HTTP
 * client (so the real library builds the requests, idempotency keys included; no network).
 */
import Stripe from 'stripe';
import { describe, expect, it } from 'vitest';
import { createStripeProvider } from './stripe-provider';

const WHSEC = 'whsec_test_secret_for_offline_tests';

interface Seen {
  method: string;
  url: string;
  body: string;
  idempotencyKey: string | null;
}

function fakeStripe(answer: (req: Seen) => { status: number; body: unknown }) {
  const seen: Seen[] = [];
  const fetchFn = (async (input: string | URL | Request, init?: RequestInit) => {
    const headers = new Headers(init?.headers as HeadersInit);
    const req: Seen = {
      method: init?.method ?? 'GET',
      url: String(input),
      body: typeof init?.body === 'string' ? init.body : '',
      idempotencyKey: headers.get('idempotency-key'),
    };
    seen.push(req);
    const a = answer(req);
    return new Response(JSON.stringify(a.body), {
      status: a.status,
      headers: { 'content-type': 'application/json', 'request-id': 'req_test' },
    });
  }) as typeof fetch;
  const provider = createStripeProvider({
    secretKey: 'sk_test_offline',
    webhookSecret: WHSEC,
    httpClient: Stripe.createFetchHttpClient(fetchFn),
  });
  return { provider, seen };
}

const pi = (over: Record<string, unknown>) => ({
  id: 'pi_123',
  object: 'payment_intent',
  amount: 1900,
  currency: 'usd',
  status: 'succeeded',
  metadata: { invoiceId: 'inv-1' },
  last_payment_error: null,
  latest_charge: null,
  ...over,
});

describe('Stripe adapter (offline)', () => {
  const { provider } = fakeStripe(() => ({ status: 500, body: {} }));
  const sign = (payload: string, secret = WHSEC, timestamp?: number) =>
    Stripe.webhooks.generateTestHeaderString({ payload, secret, ...(timestamp ? { timestamp } : {}) });
  const event = (type: string, object: Record<string, unknown>) =>
    JSON.stringify({ id: 'evt_1', object: 'event', type, created: 1_800_000_000, data: { object } });

  it('verifies webhook signatures and maps the events we use', () => {
    const ok = event('payment_intent.succeeded', pi({}));
    expect(provider.parseWebhook(Buffer.from(ok), { 'stripe-signature': sign(ok) })).toEqual({
      id: 'evt_1',
      type: 'charge.succeeded',
      chargeId: 'pi_123',
      createdAt: new Date(1_800_000_000_000),
    });
    const failed = event('payment_intent.payment_failed', pi({ status: 'requires_payment_method' }));
    expect(provider.parseWebhook(Buffer.from(failed), { 'stripe-signature': sign(failed) }).type).toBe(
      'charge.failed',
    );
    const refunded = event('charge.refunded', { id: 'ch_1', object: 'charge', payment_intent: 'pi_123' });
    expect(
      provider.parseWebhook(Buffer.from(refunded), { 'stripe-signature': sign(refunded) }),
    ).toMatchObject({
      type: 'charge.refunded',
      chargeId: 'pi_123',
    });
    const other = event('customer.created', { id: 'cus_1', object: 'customer' });
    expect(provider.parseWebhook(Buffer.from(other), { 'stripe-signature': sign(other) }).type).toBe('other');
  });

  it('refuses a wrong secret, a changed body, a stale timestamp and a missing header', () => {
    const ok = event('payment_intent.succeeded', pi({}));
    const code = (f: () => unknown) => {
      try {
        f();
        return 'accepted';
      } catch (err) {
        return (err as { code?: string }).code;
      }
    };
    expect(
      code(() => provider.parseWebhook(Buffer.from(ok), { 'stripe-signature': sign(ok, 'whsec_other') })),
    ).toBe('webhook_signature_invalid');
    expect(
      code(() =>
        provider.parseWebhook(Buffer.from(ok.replace('1900', '1')), { 'stripe-signature': sign(ok) }),
      ),
    ).toBe('webhook_signature_invalid');
    const stale = Math.floor(Date.now() / 1000) - 3600;
    expect(
      code(() => provider.parseWebhook(Buffer.from(ok), { 'stripe-signature': sign(ok, WHSEC, stale) })),
    ).toBe('webhook_signature_invalid');
    expect(code(() => provider.parseWebhook(Buffer.from(ok), {}))).toBe('webhook_signature_invalid');
  });

  it('charges with an off-session PaymentIntent and our idempotency key; maps a decline to failed', async () => {
    const { provider: p, seen } = fakeStripe((req) =>
      req.body.includes('amount=1900')
        ? { status: 200, body: pi({}) }
        : {
            status: 402,
            body: {
              error: {
                type: 'card_error',
                code: 'card_declined',
                decline_code: 'insufficient_funds',
                message: 'Your card has insufficient funds.',
                payment_intent: pi({
                  id: 'pi_declined',
                  amount: 500,
                  status: 'requires_payment_method',
                  last_payment_error: { code: 'card_declined', decline_code: 'insufficient_funds' },
                }),
              },
            },
          },
    );
    const input = {
      customerId: 'cus_1',
      paymentMethodId: 'pm_1',
      currency: 'USD',
      description: 'd',
      metadata: { invoiceId: 'inv-1' },
    };
    const ok = await p.charge({ ...input, amountMinor: 1900, idempotencyKey: 'seer-sub-x-p1-a1' });
    expect(ok).toMatchObject({ chargeId: 'pi_123', status: 'succeeded', amountMinor: 1900, currency: 'USD' });
    expect(seen[0]?.url).toContain('/v1/payment_intents');
    expect(seen[0]?.idempotencyKey).toBe('seer-sub-x-p1-a1');
    expect(seen[0]?.body).toContain('off_session=true');
    expect(seen[0]?.body).toContain('confirm=true');
    const declined = await p.charge({ ...input, amountMinor: 500, idempotencyKey: 'seer-sub-x-p2-a1' });
    expect(declined).toMatchObject({
      chargeId: 'pi_declined',
      status: 'failed',
      failureCode: 'insufficient_funds',
    });
  });

  it('retrieves the truth, refunds with a key, and refuses a raw card number', async () => {
    const { provider: p, seen } = fakeStripe((req) =>
      req.url.includes('/refunds')
        ? { status: 200, body: { id: 're_1', object: 'refund', status: 'succeeded', amount: 1900 } }
        : { status: 200, body: pi({ status: 'processing' }) },
    );
    expect((await p.retrieveCharge('pi_123')).status).toBe('pending');
    expect(
      await p.refund({ chargeId: 'pi_123', amountMinor: 1900, idempotencyKey: 'seer-refund-1' }),
    ).toEqual({
      refundId: 're_1',
      status: 'succeeded',
    });
    expect(seen.at(-1)?.idempotencyKey).toBe('seer-refund-1');
    await expect(
      p.attachPaymentMethod({ customerId: 'cus_1', paymentMethod: '4242424242424242' }),
    ).rejects.toMatchObject({ code: 'payment_method_invalid' });
  });
});
