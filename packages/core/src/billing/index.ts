/**
 * The public interface of the billing domain: other packages import `@seer/core/billing`, never its
 * files. Other packages' imports are added by tools/codemods/core-public-imports.mjs; edit freely.
 */

export type { SubscriptionView } from './billing.schemas';
export {
  CreateSubscriptionSchema,
  EarningsSchema,
  InvoiceSchema,
  SubscriptionIdParamsSchema,
  SubscriptionSchema,
} from './billing.schemas';
export type { Billing } from './create-billing';
export { createBilling } from './create-billing';
export { createEntitlements } from './entitlements';
export type { BillingEventMessage, NotificationSender } from './notifications';
export { createLogNotificationSender } from './notifications';
export { addMonthsClamped } from './periods';
export type { MockProvider } from './providers/mock-provider';
export { MOCK_TEST_CARDS, signMockWebhook } from './providers/mock-provider';
export type { RenewalEngine } from './renewal-engine';
export { startRenewalEngine } from './renewal-engine';
