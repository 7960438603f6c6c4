import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import cors from './cors';
import { appendVary } from './vary';

describe('cors', () => {
  const app = Fastify();
  beforeAll(async () => {
    await app.register(cors, {
      origins: ['https://app.example.com'],
      methods: ['GET', 'POST'],
      exposedHeaders: ['x-request-id', 'retry-after'],
      maxAgeSeconds: 600,
    });
    app.get('/thing', async (_req, reply) => {
      appendVary(reply, 'Authorization', 'origin');
      return { ok: true };
    });
    app.get('/boom', async () => {
      throw new Error('boom');
    });
    await app.ready();
  });
  afterAll(() => app.close());

  it('an allowed origin gets its CORS headers, on errors too', async () => {
    for (const url of ['/thing', '/boom', '/missing']) {
      const res = await app.inject({ url, headers: { origin: 'https://app.example.com' } });
      expect(res.headers['access-control-allow-origin'], url).toBe('https://app.example.com');
      expect(res.headers['access-control-allow-credentials'], url).toBe('true');
      expect(res.headers['access-control-expose-headers'], url).toBe('x-request-id, retry-after');
    }
  });

  it('another origin, or none, gets no CORS headers; every answer varies by Origin', async () => {
    for (const headers of [{ origin: 'https://evil.example' }, { origin: 'null' }, {}]) {
      const res = await app.inject({ url: '/thing', headers });
      expect(res.statusCode).toBe(200);
      expect(res.headers['access-control-allow-origin']).toBeUndefined();
      expect(res.headers['access-control-allow-credentials']).toBeUndefined();
      // Route's own Vary names are added, not substituted, and not repeated.
      expect(res.headers.vary).toBe('Origin, Authorization');
    }
  });

  it('answers an allowed preflight before any route, with methods, headers and max-age', async () => {
    const res = await app.inject({
      method: 'OPTIONS',
      url: '/thing',
      headers: {
        origin: 'https://app.example.com',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization, content-type',
      },
    });
    expect(res.statusCode).toBe(204);
    expect(res.headers['access-control-allow-origin']).toBe('https://app.example.com');
    expect(res.headers['access-control-allow-methods']).toBe('GET, POST');
    expect(res.headers['access-control-allow-headers']).toBe('authorization, content-type');
    expect(res.headers['access-control-max-age']).toBe('600');
    expect(res.headers['content-length']).toBe('0');
    expect(res.headers.vary).toBe('Origin, Access-Control-Request-Headers');
  });

  it('refuses other preflights: unknown origin 404, incomplete 400', async () => {
    const evil = await app.inject({
      method: 'OPTIONS',
      url: '/thing',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
    });
    expect(evil.statusCode).toBe(404);
    expect(evil.headers['access-control-allow-origin']).toBeUndefined();
    const noMethod = await app.inject({
      method: 'OPTIONS',
      url: '/thing',
      headers: { origin: 'https://app.example.com' },
    });
    expect(noMethod.statusCode).toBe(400);
    const noOrigin = await app.inject({
      method: 'OPTIONS',
      url: '/thing',
      headers: { 'access-control-request-method': 'POST' },
    });
    expect(noOrigin.statusCode).toBe(400);
  });

  it('appendVary keeps "*" and ignores case', async () => {
    const star = Fastify();
    star.get('/', async (_req, reply) => {
      reply.header('vary', '*');
      appendVary(reply, 'Accept');
      return 'x';
    });
    const res = await star.inject({ url: '/' });
    expect(res.headers.vary).toBe('*');
    await star.close();
  });
});
