/**
 * The public interface of the webhooks domain: other packages import `@seer/core/webhooks`, never its
 * files. Other packages' imports are added by tools/codemods/core-public-imports.mjs; edit freely.
 */

export { verifySignature } from './signature';
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
