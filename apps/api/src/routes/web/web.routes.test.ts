import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiContext } from '../../context';
import problem from '../../plugins/problem';
import webRoutes from './web.routes';

// The plugin alone, over a temporary build: what seerd serves at / from apps/web/dist.
async function appWith(distDir: string, demo: boolean): Promise<FastifyInstance> {
  const app = Fastify({ logger: false });
  app.decorate('ctx', { config: { demo } } as unknown as ApiContext);
  await app.register(problem);
  await app.register(webRoutes, { distDir });
  app.get('/v1/meta', async () => ({ ok: true }));
  await app.ready();
  return app;
}

describe('web UI routes', () => {
  const dist = mkdtempSync(path.join(tmpdir(), 'seer-web-dist-'));
  let app: FastifyInstance;
  let demoApp: FastifyInstance;
  let unbuilt: FastifyInstance;

  beforeAll(async () => {
    mkdirSync(path.join(dist, 'assets'));
    writeFileSync(
      path.join(dist, 'index.html'),
      '<!doctype html><html><body><!--seer:demo-banner--><div id="root"></div></body></html>',
    );
    writeFileSync(path.join(dist, 'assets', 'index-abc123.js'), 'console.log("hi")');
    writeFileSync(path.join(tmpdir(), 'seer-web-secret.txt'), 'TOP-SECRET-CONTENT');
    app = await appWith(dist, false);
    demoApp = await appWith(dist, true);
    unbuilt = await appWith(path.join(dist, 'missing'), true);
  });
  afterAll(async () => {
    await app.close();
    await demoApp.close();
    await unbuilt.close();
    rmSync(dist, { recursive: true, force: true });
    rmSync(path.join(tmpdir(), 'seer-web-secret.txt'), { force: true });
  });

  it('serves index.html at / and for client-side routes (SPA fallback), without the demo banner', async () => {
    for (const url of ['/', '/models/momentum', '/console/models/x?tab=runs', '/api-keys']) {
      const res = await app.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['content-type']).toMatch(/^text\/html/);
      expect(res.body).toContain('<div id="root">');
      expect(res.body).not.toContain('Demo instance');
    }
  });

  it('writes the demo banner into every page of a demo instance', async () => {
    for (const url of ['/', '/admin']) {
      const res = await demoApp.inject({ method: 'GET', url });
      expect(res.body).toContain('id="seer-demo-banner"');
      expect(res.body).toContain('Demo instance');
    }
  });

  it('serves hashed assets with long caching and their content type', async () => {
    const res = await app.inject({ method: 'GET', url: '/assets/index-abc123.js' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/javascript/);
    expect(res.headers['cache-control']).toContain('immutable');
    expect(res.body).toBe('console.log("hi")');
  });

  it('answers missing files, path traversal and unknown API paths with problem+json 404s', async () => {
    for (const url of [
      '/assets/nope.js',
      '/../seer-web-secret.txt',
      '/assets/%2e%2e/%2e%2e/seer-web-secret.txt',
      '/v1/nope',
      '/docs/nope',
    ]) {
      const res = await app.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBe(404);
      expect(res.headers['content-type'], url).toMatch(/problem\+json/);
      expect(res.body).not.toContain('TOP-SECRET-CONTENT');
    }
    expect((await app.inject({ method: 'GET', url: '/v1/meta' })).json()).toEqual({ ok: true });
  });

  it('without a build, / says how to build the UI (and keeps the demo banner)', async () => {
    const res = await unbuilt.inject({ method: 'GET', url: '/' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('scripts/setup.sh');
    expect(res.body).toContain('Demo instance');
  });
});
