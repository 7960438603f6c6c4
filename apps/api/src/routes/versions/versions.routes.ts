import type { Readable } from 'node:stream';
import { type FastifyPluginAsyncTypebox, Type } from '@fastify/type-provider-typebox';
import { AppError } from '@seer/core/errors';
import {
  AttestationSchema,
  DeployCheckJobSchema,
  DeployCheckParamsSchema,
  SlugParamsSchema,
  VersionListSchema,
  VersionParamsSchema,
  VersionSchema,
} from '@seer/core/registry';
import { problemResponses } from '../../schemas/problem';
import { viewerOf, writerOf } from '../models/actor';

const PACKAGE_TYPES = ['application/gzip', 'application/x-gzip', 'application/octet-stream'];

/** Versions: publish a package, read it, deploy, retire, delete drafts, attest, download. */
const versionsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { registry } = app.ctx.services;
  const maxBytes = app.ctx.config.packageMaxBytes;

  // Packages stream straight into the safe extractor, which enforces the size caps as it reads.
  app.addContentTypeParser(PACKAGE_TYPES, (_request, payload, done) => done(null, payload));

  app.post(
    '/models/:slug/versions',
    {
      preHandler: app.authenticate,
      schema: {
        operationId: 'publishVersion',
        tags: ['versions'],
        summary: 'Publish a version: the request body is the package as .tar.gz (application/gzip).',
        description:
          'Raw body, Content-Type application/gzip or application/octet-stream (multipart is not accepted). The package is extracted safely, seer.toml validated (every bad field reported at once), the canonical tar digested, stored and signed. Returns the draft.',
        security: [{ bearer: [] }],
        consumes: PACKAGE_TYPES,
        params: SlugParamsSchema,
        response: { 201: VersionSchema, ...problemResponses(400, 401, 403, 404, 409, 413, 415, 422, 429) },
      },
    },
    async (request, reply) => {
      const actor = writerOf(request);
      const body = request.body as unknown;
      const isStream = !!body && typeof (body as Readable).pipe === 'function';
      if (!isStream && !Buffer.isBuffer(body)) {
        throw new AppError('unsupported_media_type', {
          detail: `Send the package as a raw .tar.gz body with Content-Type ${PACKAGE_TYPES.join(' or ')}.`,
        });
      }
      const declared = Number(request.headers['content-length']);
      if (Number.isFinite(declared) && declared > maxBytes) {
        throw new AppError('package_too_large', {
          detail: `The package is larger than ${maxBytes} bytes (compressed).`,
        });
      }
      const version = await registry.versions.publish(actor, {
        slug: request.params.slug,
        body: body as Readable | Buffer,
      });
      return reply.code(201).send(version);
    },
  );

  app.get(
    '/models/:slug/versions',
    {
      preHandler: app.authenticateOptional,
      schema: {
        operationId: 'listVersions',
        tags: ['versions'],
        summary: 'Versions of a model, newest first (drafts only for the owner).',
        params: SlugParamsSchema,
        response: { 200: VersionListSchema, ...problemResponses(400, 401, 404) },
      },
    },
    async (request) => ({ items: await registry.versions.list(viewerOf(request), request.params.slug) }),
  );

  app.get(
    '/models/:slug/versions/:version',
    {
      preHandler: app.authenticateOptional,
      schema: {
        operationId: 'getVersion',
        tags: ['versions'],
        summary: 'A version with its manifest, digest and validation report.',
        params: VersionParamsSchema,
        response: { 200: VersionSchema, ...problemResponses(400, 401, 404) },
      },
    },
    async (request) => registry.versions.get(viewerOf(request), request.params.slug, request.params.version),
  );

  app.delete(
    '/models/:slug/versions/:version',
    {
      preHandler: app.authenticate,
      schema: {
        operationId: 'deleteDraftVersion',
        tags: ['versions'],
        summary: 'Delete a draft. A version that was ever deployed can never be deleted (409).',
        security: [{ bearer: [] }],
        params: VersionParamsSchema,
        response: { 204: Type.Null(), ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      await registry.versions.deleteDraft(writerOf(request), request.params.slug, request.params.version);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/models/:slug/versions/:version/deploy',
    {
      preHandler: app.authenticate,
      schema: {
        operationId: 'deployVersion',
        tags: ['versions'],
        summary:
          'Deploy a draft: answers 202 with a deploy check; a worker runs the version once in the sandbox on the newest stored data and deploys it, or records why not. Poll the check.',
        description:
          'Asking again while a check is queued or running answers the same check. The API never runs the sandbox itself; see GET /v1/deploy-checks/{id} (Location header).',
        security: [{ bearer: [] }],
        params: VersionParamsSchema,
        response: { 202: DeployCheckJobSchema, ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      const { slug, version } = request.params;
      const { check } = await registry.versions.requestDeploy(writerOf(request), slug, version);
      return reply.code(202).header('location', `/v1/deploy-checks/${check.id}`).send(check);
    },
  );

  app.get(
    '/deploy-checks/:id',
    {
      preHandler: app.authenticate,
      schema: {
        operationId: 'getDeployCheck',
        tags: ['versions'],
        summary: 'A deploy check: status, error code and the trial run logs (owner or admin).',
        security: [{ bearer: [] }],
        params: DeployCheckParamsSchema,
        response: { 200: DeployCheckJobSchema, ...problemResponses(400, 401, 404) },
      },
    },
    async (request) => registry.versions.getDeployCheck(viewerOf(request), request.params.id),
  );

  app.post(
    '/models/:slug/versions/:version/retire',
    {
      preHandler: app.authenticate,
      schema: {
        operationId: 'retireVersion',
        tags: ['versions'],
        summary: 'Retire a deployed version: scheduling stops, its history stays visible.',
        security: [{ bearer: [] }],
        params: VersionParamsSchema,
        response: { 200: VersionSchema, ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) =>
      registry.versions.retire(writerOf(request), request.params.slug, request.params.version),
  );

  app.get(
    '/models/:slug/versions/:version/attestation',
    {
      preHandler: app.authenticateOptional,
      schema: {
        operationId: 'getVersionAttestation',
        tags: ['attestations'],
        summary: 'Digest, Ed25519 signature, key id and the exact signed payload of a version.',
        params: VersionParamsSchema,
        response: { 200: AttestationSchema, ...problemResponses(400, 401, 404) },
      },
    },
    async (request) =>
      registry.versions.attestation(viewerOf(request), request.params.slug, request.params.version),
  );

  app.get(
    '/models/:slug/versions/:version/package',
    {
      preHandler: app.authenticate,
      schema: {
        operationId: 'downloadVersionPackage',
        tags: ['versions'],
        summary: 'The stored package (gzipped canonical tar) — owner or admin only.',
        security: [{ bearer: [] }],
        params: VersionParamsSchema,
        produces: ['application/gzip'],
        response: {
          200: Type.Unsafe<Readable>({
            type: 'string',
            format: 'binary',
            description: 'gzipped canonical tar',
          }),
          ...problemResponses(400, 401, 403, 404),
        },
      },
    },
    async (request, reply) => {
      const pkg = await registry.versions.openPackage(
        writerOf(request),
        request.params.slug,
        request.params.version,
      );
      return reply
        .type('application/gzip')
        .header('content-disposition', `attachment; filename="${pkg.filename}"`)
        .header('x-seer-digest', `sha256:${pkg.digest}`)
        .header('content-length', String(pkg.bytes))
        .send(pkg.stream);
    },
  );
};

export default versionsRoutes;
