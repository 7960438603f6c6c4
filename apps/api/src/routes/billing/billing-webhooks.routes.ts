import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { AppError } from '@seer/core/errors';
import { Type } from 'typebox';
import { problemResponses } from '../../schemas/problem';

/**
 * Payment provider webhooks. The signature covers the exact bytes sent, so this plugin (and only
 * it) keeps JSON bodies raw; the billing service verifies them and fetches the truth from the
 * provider. No authentication header: the signature is the authentication.
 */
const billingWebhookRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (_request, body, done) =>
    done(null, body),
  );

  app.post(
    '/billing/webhooks/:provider',
    {
      schema: {
        operationId: 'receiveBillingWebhook',
        tags: ['billing'],
        summary: 'Signed webhook from the payment provider (mock or stripe). Idempotent per event id.',
        params: Type.Object({ provider: Type.Union([Type.Literal('mock'), Type.Literal('stripe')]) }),
        response: {
          200: Type.Object({ received: Type.Boolean(), duplicate: Type.Boolean() }),
          ...problemResponses(400, 404, 413, 415),
        },
      },
    },
    async (request) => {
      if (!Buffer.isBuffer(request.body))
        throw new AppError('bad_request', { detail: 'Send the webhook as application/json.' });
      const r = await app.ctx.services.billing.service.handleWebhook(
        request.params.provider,
        request.body,
        request.headers,
      );
      return { received: true, duplicate: r.duplicate };
    },
  );
};

export default billingWebhookRoutes;
