import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { IdParamsSchema, RerunSchema } from '@seer/core/runs';
import { requireScope } from '../../plugins/auth';
import { problemResponses } from '../../schemas/problem';

/** Re-running a stored run: 202 with a rerun resource a worker fills in (docs/RUNS.md). */
const rerunsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { runs } = app.ctx.services;
  const tags = ['runs'];

  app.post(
    '/runs/:id/rerun',
    {
      preHandler: app.authenticate,
      schema: {
        tags,
        operationId: 'createRerun',
        summary:
          'Re-run a succeeded run in the sandbox on its recorded input and compare with what it stored.',
        description:
          "Owner of the model or admin (404 to anyone else). A worker checks the input digest, runs the same version on the run's as_of and compares the predictions; nothing is written to the ledger. Poll GET /v1/reruns/{id}.",
        security: [{ bearer: [] }],
        params: IdParamsSchema,
        response: { 202: RerunSchema, ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      const caller = requireScope(request.principal, 'models:write');
      const r = await runs.requestRerun({ caller, runId: request.params.id });
      reply.header('location', `/v1/reruns/${r.id}`);
      return reply.code(202).send(r);
    },
  );

  app.get(
    '/reruns/:id',
    {
      preHandler: app.authenticate,
      schema: {
        tags,
        operationId: 'getRerun',
        summary: 'A rerun: status, both input digests and the rows that differ.',
        security: [{ bearer: [] }],
        params: IdParamsSchema,
        response: { 200: RerunSchema, ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const caller = requireScope(request.principal, 'models:read');
      return runs.getRerun({ caller, id: request.params.id });
    },
  );
};

export default rerunsRoutes;
