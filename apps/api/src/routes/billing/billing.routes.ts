import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  CreateSubscriptionSchema,
  EarningsSchema,
  InvoiceSchema,
  SubscriptionIdParamsSchema,
  SubscriptionSchema,
  type SubscriptionView,
} from '@seer/core/billing';
import { Type } from 'typebox';
import { type Principal, requireInteractive, requireRole, requireScope } from '../../plugins/auth';
import { problemResponses } from '../../schemas/problem';

/** Subscriptions, invoices, earnings and refunds (docs/BILLING.md). Webhooks: billing-webhooks.routes.ts. */
const billingRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const billing = () => app.ctx.services.billing.service;
  const secured = { security: [{ bearer: [] }] };
  // Reading your billing needs account:read on an API key; changing it (subscribe, cancel, resume,
  // accept a price, refund) needs a password session: a key handed to a bot never moves money.
  const billingReader = (p: Principal | null) => requireScope(p, 'account:read');
  const billingWriter = (p: Principal | null) => requireInteractive(p);

  app.post(
    '/subscriptions',
    {
      preHandler: app.authenticate,
      schema: {
        operationId: 'createSubscription',
        tags: ['billing'],
        summary:
          'Subscribe to a model: a trial when its plan has one and you never trialled it, else the first month is charged at once.',
        ...secured,
        body: CreateSubscriptionSchema,
        response: { 201: SubscriptionSchema, ...problemResponses(400, 401, 402, 403, 404, 409, 422) },
      },
    },
    async (request, reply) => {
      // Money moves: a person logged in with a password, never a bot's API key (authz matrix).
      const p = requireInteractive(requireRole(request.principal, 'subscriber', 'developer'));
      return reply.code(201).send(await billing().subscribe(p, request.body));
    },
  );

  app.get(
    '/subscriptions',
    {
      preHandler: app.authenticate,
      schema: {
        operationId: 'listSubscriptions',
        tags: ['billing'],
        summary: 'Your subscriptions, newest first (live and ended).',
        ...secured,
        response: {
          200: Type.Object({ items: Type.Array(SubscriptionSchema) }),
          ...problemResponses(401, 403),
        },
      },
    },
    async (request) => ({ items: await billing().list(billingReader(request.principal)) }),
  );

  app.get(
    '/subscriptions/:id',
    {
      preHandler: app.authenticate,
      schema: {
        operationId: 'getSubscription',
        tags: ['billing'],
        summary: 'One of your subscriptions.',
        ...secured,
        params: SubscriptionIdParamsSchema,
        response: { 200: SubscriptionSchema, ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request) => billing().get(billingReader(request.principal), request.params.id),
  );

  const action = (
    path: string,
    operationId: string,
    summary: string,
    run: (p: Principal, id: string) => Promise<SubscriptionView>,
  ) =>
    app.post(
      `/subscriptions/:id/${path}`,
      {
        preHandler: app.authenticate,
        schema: {
          operationId,
          tags: ['billing'],
          summary,
          ...secured,
          params: SubscriptionIdParamsSchema,
          response: { 200: SubscriptionSchema, ...problemResponses(400, 401, 403, 404, 409) },
        },
      },
      async (request) => run(billingWriter(request.principal), request.params.id),
    );

  action(
    'cancel',
    'cancelSubscription',
    'Cancel at the end of the paid period (a trial is never charged); past_due ends at once.',
    (p, id) => billing().cancel(p, id),
  );
  action('resume', 'resumeSubscription', 'Undo a cancel before the period ends.', (p, id) =>
    billing().resume(p, id),
  );
  action(
    'accept-price',
    'acceptSubscriptionPrice',
    'Accept the pending price rise: the next renewal is at the new price (else the subscription ends at period end).',
    (p, id) => billing().acceptPrice(p, id),
  );

  app.get(
    '/invoices',
    {
      preHandler: app.authenticate,
      schema: {
        operationId: 'listInvoices',
        tags: ['billing'],
        summary:
          'Your receipts: one per charge attempt or refund, newest first. Admins: all=true for everyone.',
        ...secured,
        querystring: Type.Object({ all: Type.Optional(Type.Boolean()) }),
        response: {
          200: Type.Object({ items: Type.Array(InvoiceSchema) }),
          ...problemResponses(400, 401, 403),
        },
      },
    },
    async (request) => ({
      items: await billing().invoices(billingReader(request.principal), { all: request.query.all }),
    }),
  );

  app.post(
    '/invoices/:id/refund',
    {
      preHandler: app.authenticate,
      schema: {
        operationId: 'refundInvoice',
        tags: ['billing'],
        summary: 'Refund a paid charge in full (admins). The earnings journal is reversed.',
        ...secured,
        params: SubscriptionIdParamsSchema,
        response: { 200: InvoiceSchema, ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => billing().refund(billingWriter(request.principal), request.params.id),
  );

  app.get(
    '/earnings',
    {
      preHandler: app.authenticate,
      schema: {
        operationId: 'getEarnings',
        tags: ['billing'],
        summary:
          'Developers: gross, platform fee and net per model and month. Admins: the whole platform, with totals per currency.',
        ...secured,
        response: { 200: EarningsSchema, ...problemResponses(401, 403) },
      },
    },
    async (request) => billing().earnings(billingReader(request.principal)),
  );
};

export default billingRoutes;
