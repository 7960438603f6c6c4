/**
 * The PaymentProvider on Stripe's official Node library. A charge is an off-session
 * PaymentIntent confirmed at once with our idempotency key; its id is our charge id. Webhooks are
 * verified with `stripe.webhooks.constructEvent` over the raw body; the caller then retrieves the
 * PaymentIntent (the truth) rather than trusting the event body.
 */
import Stripe from 'stripe';
import { AppError } from '../../errors';
import type {
  ChargeInput,
  ChargeResult,
  PaymentProvider,
  WebhookEvent,
  WebhookHeaders,
} from './payment-provider';
import { headerValue } from './payment-provider';

export interface StripeProviderOptions {
  secretKey: string;
  webhookSecret: string;
  /** Tests pass Stripe.createFetchHttpClient(fakeFetch) so nothing touches the network. */
  httpClient?: ReturnType<typeof Stripe.createFetchHttpClient>;
}

type PaymentIntent = Stripe.PaymentIntent;

function metadataOf(m: Stripe.Metadata | null | undefined): Record<string, string> {
  return { ...(m ?? {}) };
}

/** Our view of a PaymentIntent (pure; exported for tests). */
export function chargeFromPaymentIntent(pi: PaymentIntent): ChargeResult {
  const latest = typeof pi.latest_charge === 'object' && pi.latest_charge !== null ? pi.latest_charge : null;
  let status: ChargeResult['status'];
  switch (pi.status) {
    case 'succeeded':
      status = 'succeeded';
      break;
    case 'processing':
      status = 'pending';
      break;
    // Off-session: nobody is there to authenticate or pick another card, so these are failures.
    default:
      status = pi.status === 'canceled' || pi.last_payment_error ? 'failed' : 'pending';
      if (pi.status === 'requires_action' || pi.status === 'requires_payment_method') status = 'failed';
  }
  return {
    chargeId: pi.id,
    status,
    failureCode:
      status === 'failed'
        ? (pi.last_payment_error?.decline_code ?? pi.last_payment_error?.code ?? pi.status)
        : null,
    amountMinor: pi.amount,
    currency: pi.currency.toUpperCase(),
    refundedMinor: latest?.amount_refunded ?? 0,
    metadata: metadataOf(pi.metadata),
  };
}

function providerError(err: unknown): AppError {
  const detail = err instanceof Error ? `Stripe: ${err.message}` : 'Stripe request failed';
  return new AppError('payment_provider_error', { detail, cause: err });
}

export function createStripeProvider(opts: StripeProviderOptions): PaymentProvider {
  const stripe = new Stripe(opts.secretKey, {
    maxNetworkRetries: 2,
    ...(opts.httpClient ? { httpClient: opts.httpClient } : {}),
  });

  return {
    name: 'stripe',

    async createCustomer({ userId, email, idempotencyKey }) {
      try {
        const c = await stripe.customers.create(
          { email, metadata: { seer_user_id: userId } },
          { idempotencyKey },
        );
        return { customerId: c.id };
      } catch (err) {
        throw providerError(err);
      }
    },

    async attachPaymentMethod({ customerId, paymentMethod }) {
      if (!/^pm_[A-Za-z0-9_]+$/.test(paymentMethod))
        throw new AppError('payment_method_invalid', {
          detail: 'With Stripe, send a PaymentMethod id (pm_...) collected by Stripe.js or Elements.',
        });
      try {
        const pm = await stripe.paymentMethods.attach(paymentMethod, { customer: customerId });
        await stripe.customers.update(customerId, { invoice_settings: { default_payment_method: pm.id } });
        return { paymentMethodId: pm.id, brand: pm.card?.brand ?? pm.type, last4: pm.card?.last4 ?? '0000' };
      } catch (err) {
        if (err instanceof Stripe.errors.StripeCardError)
          throw new AppError('payment_method_invalid', { detail: err.message });
        throw providerError(err);
      }
    },

    async charge(input: ChargeInput): Promise<ChargeResult> {
      try {
        const pi = await stripe.paymentIntents.create(
          {
            amount: input.amountMinor,
            currency: input.currency.toLowerCase(),
            customer: input.customerId,
            payment_method: input.paymentMethodId,
            off_session: true,
            confirm: true,
            description: input.description,
            metadata: input.metadata,
          },
          { idempotencyKey: input.idempotencyKey },
        );
        return chargeFromPaymentIntent(pi);
      } catch (err) {
        // A decline is an answer, not an outage: Stripe attaches the failed PaymentIntent.
        if (err instanceof Stripe.errors.StripeCardError && err.payment_intent)
          return chargeFromPaymentIntent(err.payment_intent);
        throw providerError(err);
      }
    },

    async retrieveCharge(chargeId) {
      try {
        return chargeFromPaymentIntent(
          await stripe.paymentIntents.retrieve(chargeId, { expand: ['latest_charge'] }),
        );
      } catch (err) {
        throw providerError(err);
      }
    },

    async refund({ chargeId, amountMinor, idempotencyKey }) {
      try {
        const r = await stripe.refunds.create(
          { payment_intent: chargeId, amount: amountMinor },
          { idempotencyKey },
        );
        const status =
          r.status === 'succeeded'
            ? 'succeeded'
            : r.status === 'failed' || r.status === 'canceled'
              ? 'failed'
              : 'pending';
        return { refundId: r.id, status };
      } catch (err) {
        throw providerError(err);
      }
    },

    parseWebhook(rawBody: Buffer, headers: WebhookHeaders): WebhookEvent {
      const signature = headerValue(headers, 'stripe-signature');
      let event: Stripe.Event;
      try {
        if (!signature) throw new Error('missing stripe-signature header');
        event = stripe.webhooks.constructEvent(rawBody, signature, opts.webhookSecret);
      } catch (err) {
        throw new AppError('webhook_signature_invalid', {
          detail: `Stripe signature does not verify: ${err instanceof Error ? err.message : 'invalid'}`,
        });
      }
      const createdAt = new Date(event.created * 1000);
      switch (event.type) {
        case 'payment_intent.succeeded':
          return { id: event.id, type: 'charge.succeeded', chargeId: event.data.object.id, createdAt };
        case 'payment_intent.payment_failed':
          return { id: event.id, type: 'charge.failed', chargeId: event.data.object.id, createdAt };
        case 'charge.refunded': {
          const pi = event.data.object.payment_intent;
          return {
            id: event.id,
            type: 'charge.refunded',
            chargeId: typeof pi === 'string' ? pi : (pi?.id ?? null),
            createdAt,
          };
        }
        default:
          return { id: event.id, type: 'other', chargeId: null, createdAt };
      }
    },
  };
}
