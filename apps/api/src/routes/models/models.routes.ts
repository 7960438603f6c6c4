import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  CatalogueQuerySchema,
  CreateModelSchema,
  ModelPageSchema,
  ModelSchema,
  SlugParamsSchema,
  UpdateModelSchema,
} from '@seer/core/registry';
import { requireScope } from '../../plugins/auth';
import { problemResponses } from '../../schemas/problem';
import { viewerOf, writerOf } from './actor';

/** Models: the public catalogue, model pages, and the owner's metadata edits. */
const modelsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { registry } = app.ctx.services;

  app.post(
    '/models',
    {
      preHandler: app.authenticate,
      schema: {
        operationId: 'createModel',
        tags: ['models'],
        summary: 'Create a model (developer role). Publish versions to it next.',
        security: [{ bearer: [] }],
        body: CreateModelSchema,
        response: { 201: ModelSchema, ...problemResponses(400, 401, 403, 409, 413, 415, 429) },
      },
    },
    async (request, reply) => {
      return reply.code(201).send(await registry.models.create(writerOf(request), request.body));
    },
  );

  app.get(
    '/models',
    {
      preHandler: app.authenticateOptional,
      schema: {
        operationId: 'listModels',
        tags: ['models'],
        summary: 'The public catalogue: models with a deployed version. Search, filter, sort, paginate.',
        querystring: CatalogueQuerySchema,
        response: { 200: ModelPageSchema, ...problemResponses(400, 401, 403) },
      },
    },
    async (request) => {
      // Listing your own models is not public: a key needs models:read for it.
      if (request.query.mine && request.principal) requireScope(request.principal, 'models:read');
      return registry.models.catalogue(viewerOf(request), request.query);
    },
  );

  app.get(
    '/models/:slug',
    {
      preHandler: app.authenticateOptional,
      schema: {
        operationId: 'getModel',
        tags: ['models'],
        summary: 'A model. Models never deployed are visible only to their owner.',
        params: SlugParamsSchema,
        response: { 200: ModelSchema, ...problemResponses(400, 401, 404) },
      },
    },
    async (request) => registry.models.get(viewerOf(request), request.params.slug),
  );

  app.patch(
    '/models/:slug',
    {
      preHandler: app.authenticate,
      schema: {
        operationId: 'updateModel',
        tags: ['models'],
        summary: 'Edit name, description, tags or symbols of interest (owner or admin).',
        security: [{ bearer: [] }],
        params: SlugParamsSchema,
        body: UpdateModelSchema,
        response: { 200: ModelSchema, ...problemResponses(400, 401, 403, 404, 413, 415) },
      },
    },
    async (request) => registry.models.update(writerOf(request), request.params.slug, request.body),
  );
};

export default modelsRoutes;
