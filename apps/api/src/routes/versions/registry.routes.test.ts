/**
 * The registry over HTTP on both databases: publishing raw .tar.gz bodies, every rejection with
 * its code, lifecycle, immutability, attestations, plans and object-level authorization.
 */
import { createPublicKey, verify } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { type DeployGate, packageTgz } from '@seer/core/registry';
import { TEST_DRIVERS } from '@seer/core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAdmin, createApiKey, registerAndLogin, type TestUser } from '../../testing/auth';
import { createTestApp, type TestApp } from '../../testing/test-app';

describe.each(TEST_DRIVERS)('registry API on %s', (driver) => {
  let h: TestApp;
  let work: string;
  let alice: TestUser;
  let bob: TestUser;
  let sub: TestUser;
  let admin: TestUser;
  let gateResult: { ok: true } | { ok: false; code: string; message: string } = { ok: true };

  beforeAll(async () => {
    work = await mkdtemp(path.join(tmpdir(), 'seer-registry-api-'));
    h = await createTestApp(driver, {
      keysDir: path.join(work, 'keys'),
      artifactDir: path.join(work, 'artifacts'),
      packageMaxBytes: 300_000,
      // Smaller than the package cap: uploads must not be bound by the JSON body limit.
      bodyLimitBytes: 100_000,
      packageMaxUnpackedBytes: 2_000_000,
      packageMaxFiles: 100,
    });
    await h.t.db.query(
      `INSERT INTO instruments (symbol, name, asset_class) VALUES ('USDCHF', 'USD/CHF', 'fx')`,
    );
    [alice, bob, sub] = await Promise.all([
      registerAndLogin(h.app, { roles: ['developer'] }),
      registerAndLogin(h.app, { roles: ['developer'] }),
      registerAndLogin(h.app, { roles: ['subscriber'] }),
    ]);
    admin = await createAdmin(h.app);
  });
  afterAll(async () => {
    await h?.close();
    if (work) await rm(work, { recursive: true, force: true });
  });

  const createModel = (user: TestUser, slug: string, extra: Record<string, unknown> = {}) =>
    h.app.inject({
      method: 'POST',
      url: '/v1/models',
      headers: user.authHeader,
      payload: { slug, name: `Model ${slug}`, ...extra },
    });
  const upload = (user: TestUser | null, slug: string, body: Buffer, type = 'application/gzip') =>
    h.app.inject({
      method: 'POST',
      url: `/v1/models/${slug}/versions`,
      headers: { ...(user ? user.authHeader : {}), 'content-type': type },
      payload: body,
    });
  const action = (user: TestUser | null, slug: string, version: string, what: string, method = 'POST') =>
    h.app.inject({
      method: method as 'POST' | 'GET' | 'DELETE',
      url: `/v1/models/${slug}/versions/${version}${what}`,
      headers: user?.authHeader ?? {},
    });
  // The API only records deploy checks; here the test plays the worker, with the sandbox (the one
  // part replaced) answering gateResult. deploy-checks.test.ts in apps/worker runs the real thing.
  const gate: DeployGate = async () => gateResult;
  const deploy = async (user: TestUser, slug: string, version: string) => {
    const res = await action(user, slug, version, '/deploy');
    if (res.statusCode !== 202) return { res, check: undefined };
    await h.app.ctx.services.registry.versions.executeDeployCheck({
      checkId: res.json().id,
      gate,
      workerId: 'test-worker',
      leaseMs: 30_000,
      lastAttempt: true,
    });
    const polled = await h.app.inject({
      method: 'GET',
      url: res.headers.location as string,
      headers: user.authHeader,
    });
    expect(polled.statusCode).toBe(200);
    return { res, check: polled.json() };
  };
  const problem = (res: { statusCode: number; headers: Record<string, unknown>; json(): unknown }) => {
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    return res.json() as { code: string; status: number; detail: string; errors?: Array<{ field: string }> };
  };

  describe('models', () => {
    it('creates a model for a developer, rejects others and bad input', async () => {
      const res = await createModel(alice, 'api-alpha', { tags: ['trend'], symbols: ['USDCHF'] });
      expect(res.statusCode).toBe(201);
      expect(res.json()).toMatchObject({ slug: 'api-alpha', owner: { id: alice.userId }, tags: ['trend'] });

      expect(problem(await createModel(alice, 'api-alpha')).code).toBe('model_slug_taken');
      expect(problem(await createModel(sub, 'sub-model')).code).toBe('insufficient_scope');
      const anon = await h.app.inject({
        method: 'POST',
        url: '/v1/models',
        payload: { slug: 'anon', name: 'x' },
      });
      expect(anon.statusCode).toBe(401);
      const unknown = await createModel(alice, 'api-beta', { price: 5 });
      expect(unknown.statusCode).toBe(400);
      expect(problem(unknown).errors).toContainEqual({ field: '/price', message: 'is not an allowed field' });
      const badSlug = await createModel(alice, 'Bad Slug');
      expect(problem(badSlug).code).toBe('validation_failed');
    });

    it('requires models:write on API keys', async () => {
      const readOnly = await createApiKey(h.app, alice.accessToken, ['models:read']);
      const res = await h.app.inject({
        method: 'POST',
        url: '/v1/models',
        headers: readOnly.authHeader,
        payload: { slug: 'by-key', name: 'x' },
      });
      expect(problem(res).code).toBe('insufficient_scope');
      const writer = await createApiKey(h.app, alice.accessToken, ['models:write']);
      const ok = await h.app.inject({
        method: 'POST',
        url: '/v1/models',
        headers: writer.authHeader,
        payload: { slug: 'by-key', name: 'x' },
      });
      expect(ok.statusCode).toBe(201);
    });

    it('edits metadata for the owner only', async () => {
      await createModel(alice, 'api-edit');
      const ok = await h.app.inject({
        method: 'PATCH',
        url: '/v1/models/api-edit',
        headers: alice.authHeader,
        payload: { description: 'Edited' },
      });
      expect(ok.json()).toMatchObject({ description: 'Edited' });
      const other = await h.app.inject({
        method: 'PATCH',
        url: '/v1/models/api-edit',
        headers: bob.authHeader,
        payload: { description: 'Hijack' },
      });
      expect(problem(other).code).toBe('not_found');
      const slugChange = await h.app.inject({
        method: 'PATCH',
        url: '/v1/models/api-edit',
        headers: alice.authHeader,
        payload: { slug: 'renamed' },
      });
      expect(slugChange.statusCode).toBe(400);
    });
  });

  describe('publishing', () => {
    it('publishes a raw .tar.gz and returns the draft with digest and report', async () => {
      await createModel(alice, 'api-pub');
      const res = await upload(alice, 'api-pub', await packageTgz());
      expect(res.statusCode).toBe(201);
      const v = res.json();
      expect(v).toMatchObject({ version: '1.0.0', status: 'draft', validation: { files: 2 } });
      expect(v.digest).toMatch(/^[0-9a-f]{64}$/);
      const octet = await upload(
        alice,
        'api-pub',
        await packageTgz({ version: '"1.0.1"' }),
        'application/octet-stream',
      );
      expect(octet.statusCode).toBe(201);
      const { randomBytes } = await import('node:crypto');
      const weights = await packageTgz({ version: '"1.0.2"' }, [
        { name: 'weights.bin', content: randomBytes(200_000) },
      ]);
      expect(weights.length).toBeGreaterThan(150_000);
      const big = await upload(alice, 'api-pub', weights);
      expect(big.statusCode).toBe(201);
      expect(big.json().validation.unpackedBytes).toBeGreaterThan(200_000);
    });

    it.each([
      ['traversal', [{ name: '../../etc/cron.d/x', content: 'x' }], 422, 'package_unsafe_path'],
      ['symlink', [{ name: 'l', type: 'symlink' as const, linkname: '/etc/passwd' }], 422, 'package_symlink'],
      ['hard link', [{ name: 'h', type: 'link' as const, linkname: 'model.py' }], 422, 'package_hardlink'],
      ['device', [{ name: 'd', type: 'block-device' as const }], 422, 'package_special_file'],
      ['bomb', [{ name: 'z', content: Buffer.alloc(30_000_000) }], 413, 'package_unpacked_too_large'],
      [
        'too many files',
        Array.from({ length: 101 }, (_, i) => ({ name: `f/${i}`, content: '' })),
        422,
        'package_too_many_files',
      ],
    ])('rejects a %s as problem+json', async (_label, extra, status, code) => {
      const slug = `api-rej-${Math.random().toString(36).slice(2, 9)}`;
      await createModel(alice, slug);
      const res = await upload(alice, slug, await packageTgz({}, extra));
      expect(res.statusCode).toBe(status);
      expect(problem(res).code).toBe(code);
    });

    it('rejects oversized uploads, wrong media types and bad manifests', async () => {
      await createModel(alice, 'api-bad');
      const { randomBytes } = await import('node:crypto');
      const big = await upload(alice, 'api-bad', randomBytes(400_000));
      expect(big.statusCode).toBe(413);
      expect(problem(big).code).toBe('package_too_large');
      const json = await h.app.inject({
        method: 'POST',
        url: '/v1/models/api-bad/versions',
        headers: alice.authHeader,
        payload: { package: 'nope' },
      });
      expect(json.statusCode).toBe(415);
      const text = await upload(alice, 'api-bad', Buffer.from('x'), 'text/plain');
      expect(text.statusCode).toBe(415);
      const garbage = await upload(alice, 'api-bad', Buffer.from('definitely not gzip'));
      expect(problem(garbage).code).toBe('package_invalid_archive');
      const manifest = await upload(
        alice,
        'api-bad',
        await packageTgz({ interval: '"2m"', symbols: '["NOPE"]', lookback: '"x"' }),
      );
      expect(manifest.statusCode).toBe(422);
      const body = problem(manifest);
      expect(body.code).toBe('manifest_invalid');
      expect(body.errors?.map((e) => e.field).sort()).toEqual(['/interval', '/lookback', '/symbols/0']);
    });

    it('refuses a version that does not increase, and non-owners', async () => {
      await createModel(alice, 'api-order');
      expect((await upload(alice, 'api-order', await packageTgz({ version: '"2.0.0"' }))).statusCode).toBe(
        201,
      );
      const lower = await upload(alice, 'api-order', await packageTgz({ version: '"1.9.0"' }));
      expect(lower.statusCode).toBe(422);
      expect(problem(lower).errors).toEqual([
        { field: '/version', message: expect.stringMatching(/2\.0\.0/) },
      ]);
      expect(problem(await upload(bob, 'api-order', await packageTgz({ version: '"3.0.0"' }))).code).toBe(
        'not_found',
      );
      expect((await upload(null, 'api-order', await packageTgz({ version: '"3.0.0"' }))).statusCode).toBe(
        401,
      );
    });
  });

  describe('lifecycle, visibility and immutability', () => {
    it('deploys and retires, hides drafts, and answers 409 to changing a deployed version', async () => {
      await createModel(alice, 'api-life', { tags: ['api-life-tag'] });
      await upload(alice, 'api-life', await packageTgz());
      // Draft only: invisible to others and absent from the catalogue.
      expect((await h.app.inject({ method: 'GET', url: '/v1/models/api-life' })).statusCode).toBe(404);
      expect((await action(bob, 'api-life', '1.0.0', '', 'GET')).statusCode).toBe(404);
      expect(
        (await h.app.inject({ method: 'GET', url: '/v1/models?tag=api-life-tag' })).json().items,
      ).toEqual([]);
      expect((await action(bob, 'api-life', '1.0.0', '/deploy')).statusCode).toBe(404);

      const queued = await action(alice, 'api-life', '1.0.0', '/deploy');
      expect(queued.statusCode).toBe(202);
      expect(queued.json()).toMatchObject({
        model: 'api-life',
        version: '1.0.0',
        status: 'queued',
        errorCode: null,
      });
      expect(queued.headers.location).toBe(`/v1/deploy-checks/${queued.json().id}`);
      // Asking again while it is queued answers the same check; nobody else may see it.
      expect((await action(alice, 'api-life', '1.0.0', '/deploy')).json().id).toBe(queued.json().id);
      for (const other of [bob, sub])
        expect(
          (
            await h.app.inject({
              method: 'GET',
              url: queued.headers.location as string,
              headers: other.authHeader,
            })
          ).statusCode,
        ).toBe(404);
      expect((await action(alice, 'api-life', '1.0.0', '', 'GET')).json().status).toBe('draft');
      const { check } = await deploy(alice, 'api-life', '1.0.0');
      expect(check).toMatchObject({ id: queued.json().id, status: 'succeeded', attempts: 1 });
      expect((await action(alice, 'api-life', '1.0.0', '', 'GET')).json()).toMatchObject({
        status: 'deployed',
        deployCheck: { ok: true },
      });
      const again = await action(alice, 'api-life', '1.0.0', '/deploy');
      expect(again.statusCode).toBe(409);
      expect(problem(again).code).toBe('invalid_status_transition');

      const republish = await upload(alice, 'api-life', await packageTgz());
      expect(republish.statusCode).toBe(409);
      expect(problem(republish).code).toBe('model_version_immutable');
      const del = await action(alice, 'api-life', '1.0.0', '', 'DELETE');
      expect(del.statusCode).toBe(409);
      expect(problem(del).code).toBe('model_version_immutable');

      const pub = await h.app.inject({ method: 'GET', url: '/v1/models?tag=api-life-tag' });
      expect(pub.json().items.map((m: { slug: string }) => m.slug)).toEqual(['api-life']);
      expect(
        (await h.app.inject({ method: 'GET', url: '/v1/models/api-life' })).json().deployedVersions,
      ).toHaveLength(1);
      expect((await action(bob, 'api-life', '1.0.0', '/retire')).statusCode).toBe(403);
      expect((await action(sub, 'api-life', '1.0.0', '/retire')).statusCode).toBe(403);

      const retired = await action(admin, 'api-life', '1.0.0', '/retire');
      expect(retired.json().status).toBe('retired');
      expect((await action(null, 'api-life', '1.0.0', '', 'GET')).json().status).toBe('retired');
      const list = await h.app.inject({ method: 'GET', url: '/v1/models/api-life/versions' });
      expect(list.json().items.map((v: { version: string }) => v.version)).toEqual(['1.0.0']);
    });

    it('surfaces a failed trial run and missing market data', async () => {
      await createModel(alice, 'api-gate');
      await upload(alice, 'api-gate', await packageTgz());
      try {
        gateResult = { ok: false, code: 'bad_output', message: 'USDCHF.value must be finite' };
        const failed = await deploy(alice, 'api-gate', '1.0.0');
        expect(failed.res.statusCode).toBe(202);
        expect(failed.check).toMatchObject({
          status: 'failed',
          errorCode: 'bad_output',
          errorMessage: 'USDCHF.value must be finite',
        });
        gateResult = { ok: false, code: 'no_market_data', message: 'No 1h bars are stored yet for USDCHF' };
        const noData = await deploy(alice, 'api-gate', '1.0.0');
        expect(noData.check).toMatchObject({ status: 'failed', errorCode: 'no_market_data' });
        expect(noData.check.id).not.toBe(failed.check.id);
      } finally {
        gateResult = { ok: true };
      }
      const draft = await action(alice, 'api-gate', '1.0.0', '', 'GET');
      expect(draft.json()).toMatchObject({
        status: 'draft',
        deployCheck: { ok: false, code: 'no_market_data' },
      });
      expect((await action(alice, 'api-gate', '1.0.0', '', 'DELETE')).statusCode).toBe(204);
    });
  });

  describe('attestations and packages', () => {
    it('publishes an attestation anyone can verify with the listed public key', async () => {
      await createModel(alice, 'api-att');
      const v = (await upload(alice, 'api-att', await packageTgz())).json();
      await deploy(alice, 'api-att', '1.0.0');
      const att = (await action(null, 'api-att', '1.0.0', '/attestation', 'GET')).json();
      expect(att).toMatchObject({
        model: 'api-att',
        version: '1.0.0',
        digest: v.digest,
        algorithm: 'Ed25519',
      });
      const keys = (await h.app.inject({ method: 'GET', url: '/v1/keys/signing' })).json().keys;
      const key = keys.find((k: { kid: string }) => k.kid === att.keyId);
      expect(key).toMatchObject({ active: true, jwk: { kty: 'OKP', crv: 'Ed25519', kid: att.keyId } });
      const pub = createPublicKey(key.publicKeyPem);
      expect(verify(null, Buffer.from(att.payload), pub, Buffer.from(att.signature, 'base64'))).toBe(true);
      expect(
        verify(
          null,
          Buffer.from(att.payload.replace('1.0.0', '1.0.1')),
          pub,
          Buffer.from(att.signature, 'base64'),
        ),
      ).toBe(false);
      const jwkKey = createPublicKey({ key: key.jwk, format: 'jwk' });
      expect(verify(null, Buffer.from(att.payload), jwkKey, Buffer.from(att.signature, 'base64'))).toBe(true);

      const pkg = await action(alice, 'api-att', '1.0.0', '/package', 'GET');
      expect(pkg.statusCode).toBe(200);
      expect(pkg.headers['content-type']).toBe('application/gzip');
      expect(pkg.headers['x-seer-digest']).toBe(`sha256:${v.digest}`);
      const { createHash } = await import('node:crypto');
      expect(createHash('sha256').update(gunzipSync(pkg.rawPayload)).digest('hex')).toBe(v.digest);
      expect((await action(bob, 'api-att', '1.0.0', '/package', 'GET')).statusCode).toBe(403);
      expect((await action(null, 'api-att', '1.0.0', '/package', 'GET')).statusCode).toBe(401);
    });
  });

  describe('plans', () => {
    it('sets plans for the owner, keeps history, validates the trial', async () => {
      await createModel(alice, 'api-plan');
      const put = (user: TestUser, payload: Record<string, unknown>) =>
        h.app.inject({ method: 'PUT', url: '/v1/models/api-plan/plan', headers: user.authHeader, payload });
      const p1 = await put(alice, { priceMinor: 2500, currency: 'USD', trialDays: 14 });
      expect(p1.statusCode).toBe(200);
      expect(p1.json()).toMatchObject({ priceMinor: 2500, currency: 'USD', trialDays: 14, free: false });
      expect((await put(alice, { priceMinor: 0, currency: 'USD', trialDays: 0 })).json().free).toBe(true);
      expect((await put(alice, { priceMinor: 100, currency: 'USD', trialDays: 31 })).statusCode).toBe(400);
      expect((await put(alice, { priceMinor: -1, currency: 'USD', trialDays: 0 })).statusCode).toBe(400);
      expect((await put(alice, { priceMinor: 100, currency: 'usd', trialDays: 0 })).statusCode).toBe(400);
      expect((await put(bob, { priceMinor: 1, currency: 'USD', trialDays: 0 })).statusCode).toBe(404);
      const history = await h.app.inject({
        method: 'GET',
        url: '/v1/models/api-plan/plans',
        headers: alice.authHeader,
      });
      expect(history.json().items.map((p: { priceMinor: number }) => p.priceMinor)).toEqual([0, 2500]);
      const model = await h.app.inject({
        method: 'GET',
        url: '/v1/models/api-plan',
        headers: alice.authHeader,
      });
      expect(model.json().plan).toMatchObject({ priceMinor: 0, free: true });
    });
  });

  it('documents every registry operation in OpenAPI', async () => {
    const doc = (await h.app.inject({ method: 'GET', url: '/openapi.json' })).json();
    const ops = Object.values(doc.paths as Record<string, Record<string, { operationId?: string }>>).flatMap(
      (p) => Object.values(p).map((o) => o.operationId),
    );
    for (const op of [
      'createModel',
      'listModels',
      'getModel',
      'updateModel',
      'publishVersion',
      'listVersions',
      'getVersion',
      'deleteDraftVersion',
      'deployVersion',
      'retireVersion',
      'getVersionAttestation',
      'downloadVersionPackage',
      'setModelPlan',
      'listModelPlans',
      'listSigningKeys',
    ])
      expect(ops).toContain(op);
  });
});
