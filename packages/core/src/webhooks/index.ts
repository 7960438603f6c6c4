/**
 * The public interface of the webhooks domain: other packages import `@seer/core/webhooks`, never its
 * files. Other packages' imports are added by tools/codemods/core-public-imports.mjs; edit freely.
 */

export { WebhookSecretError, type WebhookSecretKeys } from './secret-box';
export { verifySignature } from './signature';
export { createWebhooksRepo, type WebhooksRepo } from './webhooks.repo';
export {
  CreatedWebhookSchema,
  CreateWebhookBodySchema,
  DeliveriesQuerySchema,
  PrivateAllowanceBodySchema,
  WebhookDeliveriesSchema,
  WebhookListSchema,
  WebhookParamsSchema,
  WebhookSchema,
} from './webhooks.schemas';
export type { WebhooksService } from './webhooks.service';
export { createWebhooksService, startWebhookConsumer } from './webhooks.service';
