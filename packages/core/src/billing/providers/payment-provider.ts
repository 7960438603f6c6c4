/**
 * The one interface every payment provider implements (the mock, Stripe, any other). Amounts are
 * integer minor units with an ISO 4217 currency; the provider never sees a float.
 *
 * Rules for implementations:
 * - `charge` must honour the idempotency key: the same key never charges twice, and a replay
 *   returns the same charge.
 * - A charge may be final at once (`succeeded`, or `failed` for a synchronous decline) or
 *   `pending`; the final state then arrives through a webhook, and `retrieveCharge` always tells
 *   the current truth.
 * - `parseWebhook` verifies the signature over the raw body and throws
 *   `AppError('webhook_signature_invalid')` when it does not verify; the caller then fetches the
 *   truth with `retrieveCharge` instead of trusting the body.
 */
import { registerErrorCodes } from '../../errors';
import type { ProviderName } from '../billing.tables';

registerErrorCodes({
  webhook_signature_invalid: 400,
  payment_method_invalid: 422,
  payment_provider_error: 502,
});

export type { ProviderName };

export interface ChargeResult {
  chargeId: string;
  status: 'pending' | 'succeeded' | 'failed';
  failureCode: string | null;
  amountMinor: number;
  currency: string;
  /** How much of it was refunded, in minor units. */
  refundedMinor: number;
  /** The metadata sent with the charge (we send invoiceId and subscriptionId). */
  metadata: Record<string, string>;
}

export interface ChargeInput {
  customerId: string;
  paymentMethodId: string;
  amountMinor: number;
  currency: string;
  idempotencyKey: string;
  description: string;
  metadata: Record<string, string>;
}

export interface WebhookEvent {
  /** The provider's event id: a redelivery carries the same id. */
  id: string;
  type: 'charge.succeeded' | 'charge.failed' | 'charge.refunded' | 'other';
  /** The charge the event is about (null for events we ignore). */
  chargeId: string | null;
  createdAt: Date;
}

export type WebhookHeaders = Record<string, string | string[] | undefined>;

export interface PaymentProvider {
  readonly name: ProviderName;
  createCustomer(input: {
    userId: string;
    email: string;
    idempotencyKey: string;
  }): Promise<{ customerId: string }>;
  /** Attaches a payment method (a test card number for the mock, a pm_... id for Stripe). */
  attachPaymentMethod(input: {
    customerId: string;
    paymentMethod: string;
  }): Promise<{ paymentMethodId: string; brand: string; last4: string }>;
  charge(input: ChargeInput): Promise<ChargeResult>;
  retrieveCharge(chargeId: string): Promise<ChargeResult>;
  refund(input: {
    chargeId: string;
    amountMinor: number;
    idempotencyKey: string;
  }): Promise<{ refundId: string; status: 'pending' | 'succeeded' | 'failed' }>;
  parseWebhook(rawBody: Buffer, headers: WebhookHeaders): WebhookEvent;
}

export const headerValue = (headers: WebhookHeaders, name: string): string | undefined => {
  const v = headers[name.toLowerCase()];
  return Array.isArray(v) ? v[0] : v;
};
