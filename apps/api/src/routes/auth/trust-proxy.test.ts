/**
 * Behind a proxy, the client address is the one the trusted proxy saw, not what the client
 * wrote into X-Forwarded-For: rotating that header must not defeat the per-IP login limit
 * (issue 9, item 4). TRUST_PROXY is a hop count or a list of proxy addresses/CIDRs.
 */
import { randomBytes } from 'node:crypto';
import { loadConfig } from '@seer/core/config';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../testing/test-app';

const MAX_PER_IP = 4;
const PROXY = '192.0.2.10';

const spoofed = () => `${randomBytes(1)[0]}.${randomBytes(1)[0]}.${randomBytes(1)[0]}.${randomBytes(1)[0]}`;

describe.each([
  ['a hop count', '1'],
  ['a proxy CIDR list', '192.0.2.0/24, 2001:db8::/32'],
])('TRUST_PROXY as %s', (_label, value) => {
  let h: TestApp;
  beforeAll(async () => {
    const { trustProxy } = loadConfig({ TRUST_PROXY: value });
    h = await createTestApp('pg', {
      trustProxy,
      loginMaxAttemptsPerIp: MAX_PER_IP,
      loginMaxAttemptsPerAccount: 1000,
    });
  }, 60_000);
  afterAll(async () => {
    await h?.close();
  });

  const login = (socket: string, xff: string) =>
    h.app.inject({
      method: 'POST',
      url: '/v1/auth/login',
      remoteAddress: socket,
      headers: { 'x-forwarded-for': xff },
      payload: {
        email: `nobody-${randomBytes(4).toString('hex')}@example.com`,
        password: 'wrong password!!',
      },
    });

  it('a client rotating X-Forwarded-For through the proxy is still one address', async () => {
    const client = '203.0.113.7';
    const codes: number[] = [];
    // The proxy appends the address it saw; everything to the left is the client's own text.
    for (let i = 0; i < MAX_PER_IP + 3; i++)
      codes.push((await login(PROXY, `${spoofed()}, ${client}`)).statusCode);
    expect(codes.slice(0, MAX_PER_IP)).toEqual(Array(MAX_PER_IP).fill(401));
    expect(codes.slice(MAX_PER_IP)).toEqual([429, 429, 429]);
    // Another real client behind the same proxy is not affected.
    expect((await login(PROXY, `${spoofed()}, 203.0.113.8`)).statusCode).toBe(401);
  });
});

describe('TRUST_PROXY as a CIDR list', () => {
  let h: TestApp;
  beforeAll(async () => {
    const { trustProxy } = loadConfig({ TRUST_PROXY: '192.0.2.0/24' });
    h = await createTestApp('pg', { trustProxy, loginMaxAttemptsPerIp: MAX_PER_IP });
  }, 60_000);
  afterAll(async () => {
    await h?.close();
  });

  it('ignores X-Forwarded-For from a client that is not a listed proxy', async () => {
    const direct = '198.51.100.5';
    const codes: number[] = [];
    for (let i = 0; i < MAX_PER_IP + 1; i++) {
      const res = await h.app.inject({
        method: 'POST',
        url: '/v1/auth/login',
        remoteAddress: direct,
        headers: { 'x-forwarded-for': spoofed() },
        payload: {
          email: `nobody-${randomBytes(4).toString('hex')}@example.com`,
          password: 'wrong password!!',
        },
      });
      codes.push(res.statusCode);
    }
    expect(codes.at(-1)).toBe(429);
  });
});

describe('TRUST_PROXY=true', () => {
  it('is refused: it would trust whatever the client writes into X-Forwarded-For', () => {
    expect(() => loadConfig({ TRUST_PROXY: 'true' })).toThrow(/TRUST_PROXY/);
  });
});
