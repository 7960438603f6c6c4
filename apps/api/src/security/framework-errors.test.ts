/**
 * Regressions found by the API fuzzer (api-fuzz.test.ts): Fastify's router errors answered plain
 * JSON that echoed the URL, not problem+json. Inputs: a path parameter of invalid UTF-8
 * (`%ED%A0%80`, a lone surrogate) and one longer than maxParamLength (200 x `x`, or 150 emoji).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../testing/test-app';

describe('router errors are problem+json (pglite)', () => {
  let h: TestApp;
  beforeAll(async () => {
    h = await createTestApp('pglite');
  }, 120_000);
  afterAll(async () => {
    await h?.close();
  });

  it.each([
    ['/v1/models/%ED%A0%80/versions', 400, 'bad_request'],
    ['/v1/subscriptions/%ED%A0%80', 400, 'bad_request'],
    [`/v1/admin/users/${'x'.repeat(201)}/enable`, 414, 'uri_too_long'],
    // A NUL in a query value reached PostgreSQL as a 500 (api-fuzz, listLedgerCheckpoints).
    ['/v1/ledger/checkpoints?model=%00&mode=backtest&cursor=0&limit=1', 400, 'validation_failed'],
    ['/v1/models/a%00b', 400, 'validation_failed'],
    [`/v1/api-keys/${'%F0%9F%92%A5'.repeat(150)}`, 414, 'uri_too_long'],
  ])('%s -> %i %s', async (url, status, code) => {
    const method = url.includes('/enable') ? 'POST' : url.includes('api-keys') ? 'DELETE' : 'GET';
    const res = await h.app.inject({ method, url });
    expect(res.statusCode).toBe(status);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    const body = res.json() as { code: string; requestId: string; detail: string };
    expect(body.code).toBe(code);
    expect(body.requestId).toBe(res.headers['x-request-id']);
    expect(body.detail).not.toContain('xxxx');
  });
});
