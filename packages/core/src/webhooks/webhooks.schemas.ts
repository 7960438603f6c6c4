/** Request and response shapes of /v1/webhooks (docs/API.md, Webhooks). */
import { type Static, Type } from 'typebox';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);

export const WebhookParamsSchema = Type.Object({ id: Type.String({ format: 'uuid' }) });

export const CreateWebhookBodySchema = Type.Object(
  {
    model: Type.String({ pattern: '^[a-z0-9][a-z0-9-]{1,62}[a-z0-9]$', description: 'The model slug.' }),
    url: Type.String({ minLength: 8, maxLength: 2048, description: 'https:// URL that receives the POSTs.' }),
  },
  { additionalProperties: false },
);
export type CreateWebhookBody = Static<typeof CreateWebhookBodySchema>;

export const WebhookSchema = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    model: Type.String(),
    url: Type.String(),
    createdAt: Type.String({ format: 'date-time' }),
  },
  { additionalProperties: false, title: 'Webhook' },
);

export const CreatedWebhookSchema = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    model: Type.String(),
    url: Type.String(),
    createdAt: Type.String({ format: 'date-time' }),
    secret: Type.String({ description: 'The signing secret (whsec_...). Shown in this response only.' }),
  },
  { additionalProperties: false, title: 'CreatedWebhook' },
);

export const WebhookListSchema = Type.Object(
  { items: Type.Array(WebhookSchema) },
  { additionalProperties: false },
);

export const WebhookAttemptSchema = Type.Object(
  {
    deliveryId: Type.String({ format: 'uuid' }),
    runId: Type.String({ format: 'uuid' }),
    deliveryStatus: Type.Union([
      Type.Literal('pending'),
      Type.Literal('succeeded'),
      Type.Literal('failed'),
      Type.Literal('skipped'),
    ]),
    attempt: Type.Integer({ minimum: 1 }),
    statusCode: Nullable(Type.Integer()),
    latencyMs: Nullable(Type.Integer()),
    error: Nullable(Type.String()),
    responseExcerpt: Nullable(
      Type.String({ description: 'At most the first 256 characters of the response body.' }),
    ),
    attemptedAt: Type.String({ format: 'date-time' }),
  },
  { additionalProperties: false, title: 'WebhookAttempt' },
);

export const WebhookDeliveriesSchema = Type.Object(
  { items: Type.Array(WebhookAttemptSchema, { description: 'One row per HTTP attempt, newest first.' }) },
  { additionalProperties: false },
);

export const DeliveriesQuerySchema = Type.Object(
  { limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 100 })) },
  { additionalProperties: false },
);

export const PrivateAllowanceBodySchema = Type.Object(
  { allow: Type.Boolean({ description: 'true: this user’s webhooks may reach private addresses.' }) },
  { additionalProperties: false },
);
