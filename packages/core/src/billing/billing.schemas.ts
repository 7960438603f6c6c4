/** Request and response shapes of the billing API (subscriptions, invoices, earnings). */
import { type Static, Type } from 'typebox';
import { SLUG_PATTERN } from '../registry/registry.schemas';

const DateTime = Type.String({ format: 'date-time' });
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);
const Currency = Type.String({ pattern: '^[A-Z]{3}$' });
const Minor = Type.Integer({ description: 'Integer minor units (cents) of `currency`.' });

export const SubscriptionStatusSchema = Type.Union([
  Type.Literal('incomplete'),
  Type.Literal('trialing'),
  Type.Literal('active'),
  Type.Literal('past_due'),
  Type.Literal('canceled'),
  Type.Literal('expired'),
]);

export const SubscriptionSchema = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    modelId: Type.String({ format: 'uuid' }),
    modelSlug: Type.String(),
    status: SubscriptionStatusSchema,
    priceMinor: Minor,
    currency: Currency,
    trialEnd: Nullable(DateTime),
    currentPeriodStart: DateTime,
    currentPeriodEnd: DateTime,
    cancelAtPeriodEnd: Type.Boolean(),
    endedAt: Nullable(DateTime),
    endReason: Nullable(Type.String()),
    graceUntil: Nullable(DateTime),
    nextRetryAt: Nullable(DateTime),
    pendingPrice: Nullable(
      Type.Object(
        { priceMinor: Minor, currency: Currency },
        { description: 'A price rise waiting for acceptance.' },
      ),
    ),
    access: Type.Boolean({ description: 'Whether this subscription lets you read predictions now.' }),
    createdAt: DateTime,
  },
  { title: 'Subscription' },
);
export type SubscriptionView = Static<typeof SubscriptionSchema>;

export const CreateSubscriptionSchema = Type.Object(
  {
    model: Type.String({ pattern: SLUG_PATTERN, description: 'The model slug.' }),
    paymentMethod: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 255,
        description:
          'A payment method to keep on file: a test card number with the mock provider, a pm_... id with Stripe. Needed once for paid plans.',
      }),
    ),
  },
  { additionalProperties: false, title: 'CreateSubscription' },
);
export type CreateSubscription = Static<typeof CreateSubscriptionSchema>;

export const SubscriptionIdParamsSchema = Type.Object({ id: Type.String({ format: 'uuid' }) });

export const InvoiceSchema = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    subscriptionId: Type.String({ format: 'uuid' }),
    modelId: Type.String({ format: 'uuid' }),
    kind: Type.Union([Type.Literal('charge'), Type.Literal('refund')]),
    refundOf: Nullable(Type.String({ format: 'uuid' })),
    status: Type.Union([Type.Literal('pending'), Type.Literal('succeeded'), Type.Literal('failed')]),
    amountMinor: Minor,
    currency: Currency,
    periodStart: DateTime,
    periodEnd: DateTime,
    attempt: Type.Integer(),
    failureCode: Nullable(Type.String()),
    createdAt: DateTime,
    settledAt: Nullable(DateTime),
  },
  { title: 'Invoice' },
);
export type InvoiceView = Static<typeof InvoiceSchema>;

export const EarningsRowSchema = Type.Object(
  {
    modelId: Type.String({ format: 'uuid' }),
    modelSlug: Type.String(),
    developerId: Type.String({ format: 'uuid' }),
    month: Type.String({ description: 'YYYY-MM (UTC).' }),
    currency: Currency,
    grossMinor: Minor,
    feeMinor: Minor,
    netMinor: Minor,
  },
  { title: 'EarningsRow' },
);
export const EarningsTotalSchema = Type.Object(
  { currency: Currency, grossMinor: Minor, feeMinor: Minor, netMinor: Minor },
  { title: 'EarningsTotal' },
);
export const EarningsSchema = Type.Object(
  {
    scope: Type.Union([Type.Literal('developer'), Type.Literal('platform')]),
    items: Type.Array(EarningsRowSchema),
    totals: Type.Array(EarningsTotalSchema),
  },
  { title: 'Earnings' },
);
export type EarningsView = Static<typeof EarningsSchema>;
export type EarningsRow = Static<typeof EarningsRowSchema>;
