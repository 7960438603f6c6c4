import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './testing/test-app';

const METRICS_TOKEN = 'metrics-token-for-tests-0123456789abcdef';

describe.each(['pg', 'pglite'] as const)('API skeleton on %s', (driver) => {
  let h: TestApp;
  beforeAll(async () => {
    h = await createTestApp(driver, {
      corsOrigins: ['https://app.example.com'],
      metricsToken: METRICS_TOKEN,
    });
  });
  afterAll(async () => {
    await h?.close();
  });

  it('answers liveness and readiness', async () => {
    const live = await h.app.inject({ method: 'GET', url: '/healthz' });
    expect(live.statusCode).toBe(200);
    expect(live.json()).toEqual({ status: 'ok' });
    const ready = await h.app.inject({ method: 'GET', url: '/readyz' });
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toEqual({ status: 'ready', checks: { database: 'ok' } });
  });

  it('reports not ready when a dependency fails', async () => {
    h.app.ctx.probes.push({ name: 'redis', check: async () => Promise.reject(new Error('down')) });
    try {
      const ready = await h.app.inject({ method: 'GET', url: '/readyz' });
      expect(ready.statusCode).toBe(503);
      expect(ready.json()).toEqual({ status: 'not_ready', checks: { database: 'ok', redis: 'failed' } });
    } finally {
      h.app.ctx.probes.pop();
    }
  });

  it('unknown routes get problem+json 404 with a request id', async () => {
    const res = await h.app.inject({ method: 'GET', url: '/v1/nope?x=1' });
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    const body = res.json();
    expect(body).toMatchObject({ status: 404, code: 'route_not_found', instance: '/v1/nope' });
    expect(body.requestId).toBe(res.headers['x-request-id']);
  });

  it('keeps a well-formed incoming request id and replaces a hostile one', async () => {
    const ok = await h.app.inject({
      method: 'GET',
      url: '/healthz',
      headers: { 'x-request-id': 'abc-12345678' },
    });
    expect(ok.headers['x-request-id']).toBe('abc-12345678');
    const bad = await h.app.inject({
      method: 'GET',
      url: '/healthz',
      headers: { 'x-request-id': 'a\nb<script>' },
    });
    expect(bad.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('describes the instance at /v1/meta and on the landing page', async () => {
    const meta = await h.app.inject({ method: 'GET', url: '/v1/meta' });
    expect(meta.statusCode).toBe(200);
    expect(meta.json()).toMatchObject({ name: 'seer', demo: false, database: driver, queue: 'in-process' });
    const home = await h.app.inject({ method: 'GET', url: '/' });
    expect(home.headers['content-type']).toMatch(/text\/html/);
    expect(home.body).not.toContain('Demo instance');
  });

  it('serves Prometheus metrics with request durations by route template', async () => {
    await h.app.inject({ method: 'GET', url: '/healthz' });
    await h.app.inject({ method: 'GET', url: '/v1/nope/123' });
    // Not public: the metrics token is needed (issue 9, item 5).
    expect((await h.app.inject({ method: 'GET', url: '/metrics' })).statusCode).toBe(401);
    const wrong = await h.app.inject({
      method: 'GET',
      url: '/metrics',
      headers: { authorization: `Bearer ${'y'.repeat(40)}` },
    });
    expect(wrong.statusCode).toBe(401);
    const res = await h.app.inject({
      method: 'GET',
      url: '/metrics',
      headers: { authorization: `Bearer ${METRICS_TOKEN}` },
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain/);
    expect(res.body).toMatch(
      /seer_http_request_duration_seconds_count\{method="GET",route="\/healthz",status="200"\} [1-9]/,
    );
    expect(res.body).toContain('seer_api_process_cpu_seconds_total');
    // Unmatched URLs never become label values.
    expect(res.body).not.toContain('/v1/nope/123');
  });

  it('serves the OpenAPI document and the docs UI', async () => {
    const doc = await h.app.inject({ method: 'GET', url: '/openapi.json' });
    expect(doc.statusCode).toBe(200);
    expect(doc.json().openapi).toBe('3.1.0');
    expect(Object.keys(doc.json().paths)).toContain('/readyz');
    const ui = await h.app.inject({ method: 'GET', url: '/docs/' });
    expect(ui.statusCode).toBe(200);
    expect(ui.body).toContain('swagger');
  });

  it('sets security headers and allows only listed CORS origins', async () => {
    const res = await h.app.inject({
      method: 'GET',
      url: '/healthz',
      headers: { origin: 'https://app.example.com' },
    });
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    expect(res.headers['access-control-allow-origin']).toBe('https://app.example.com');
    // Unknown routes and problem responses carry them too.
    const missing = await h.app.inject({ method: 'GET', url: '/v1/no-such-route' });
    expect(missing.statusCode).toBe(404);
    expect(missing.headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(missing.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    const evil = await h.app.inject({
      method: 'GET',
      url: '/healthz',
      headers: { origin: 'https://evil.example' },
    });
    expect(evil.headers['access-control-allow-origin']).toBeUndefined();
  });
});

describe('demo instance', () => {
  let h: TestApp;
  beforeAll(async () => {
    h = await createTestApp('pglite', { demo: true });
  });
  afterAll(async () => {
    await h?.close();
  });

  it('says so in /v1/meta and on the page', async () => {
    expect((await h.app.inject({ method: 'GET', url: '/v1/meta' })).json().demo).toBe(true);
    expect((await h.app.inject({ method: 'GET', url: '/' })).body).toContain('Demo instance');
  });
});
