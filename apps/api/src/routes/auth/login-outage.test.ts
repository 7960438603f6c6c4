/**
 * Logins during a database outage: the API reaches PostgreSQL through a TCP proxy that this test
 * takes down (connections cut, new ones refused) and brings back, a real network outage for the
 * pool. Logins meanwhile get 503; they must not count toward the per-account or per-IP throttle,
 * so the user logs in at once when the database is back (before the fix: 429 for the window).
 * Wrong passwords still count, outage or not.
 */
import net from 'node:net';
import { testConfig } from '@seer/core/config';
import { openDb } from '@seer/core/db';
import { createTestDb, type TestDb } from '@seer/core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiHandle, createApiContext } from '../../bootstrap';
import { registerAndLogin, TEST_PASSWORD, uniqueEmail } from '../../testing/auth';

const MAX_PER_ACCOUNT = 3;
const MAX_PER_IP = 5;

/** A TCP proxy to PostgreSQL that can be cut (every socket destroyed, the port refusing). */
function pgProxy(target: URL) {
  const sockets = new Set<net.Socket>();
  let server: net.Server | undefined;
  let port = 0;
  const listen = () =>
    new Promise<void>((resolve, reject) => {
      const srv = net.createServer((client) => {
        const upstream = net.connect(Number(target.port || 5432), target.hostname);
        sockets.add(client).add(upstream);
        client.pipe(upstream).pipe(client);
        const drop = () => {
          client.destroy();
          upstream.destroy();
          sockets.delete(client);
          sockets.delete(upstream);
        };
        client.on('error', drop).on('close', drop);
        upstream.on('error', drop).on('close', drop);
      });
      server = srv;
      srv.once('error', reject);
      srv.listen(port, '127.0.0.1', () => {
        port = (srv.address() as net.AddressInfo).port;
        resolve();
      });
    });
  return {
    listen,
    port: () => port,
    async cut() {
      await new Promise<void>((resolve) => {
        server?.close(() => resolve());
        for (const s of sockets) s.destroy();
        sockets.clear();
      });
    },
  };
}

describe('logins during a database outage (pg)', () => {
  let t: TestDb;
  let api: ApiHandle;
  let proxy: ReturnType<typeof pgProxy>;
  let closeDb: () => Promise<void>;

  beforeAll(async () => {
    t = await createTestDb('pg');
    const target = new URL(t.url ?? '');
    proxy = pgProxy(target);
    await proxy.listen();
    const viaProxy = new URL(target);
    viaProxy.host = `127.0.0.1:${proxy.port()}`;
    const db = await openDb({ databaseUrl: viaProxy.toString(), poolMax: 4 });
    closeDb = () => db.close();
    api = await createApiContext({
      config: {
        ...testConfig(),
        loginMaxAttemptsPerAccount: MAX_PER_ACCOUNT,
        loginMaxAttemptsPerIp: MAX_PER_IP,
      },
      db,
    });
  }, 120_000);
  afterAll(async () => {
    await api?.close();
    await closeDb?.();
    await proxy?.cut();
    await t?.cleanup();
  });

  const login = (email: string, password: string, ip: string) =>
    api.app.inject({
      method: 'POST',
      url: '/v1/auth/login',
      remoteAddress: ip,
      payload: { email, password },
    });

  it('503s during the outage do not count; the user logs in as soon as it is back', async () => {
    const email = uniqueEmail();
    await registerAndLogin(api.app, { email });
    const ip = '198.51.100.23';

    await proxy.cut();
    // A user (and the web app) retrying through the outage, more often than either limit allows.
    for (let i = 0; i < MAX_PER_IP + 3; i++) {
      const r = await login(email, TEST_PASSWORD, ip);
      expect(r.statusCode, r.body).toBe(503);
      expect(r.json()).toMatchObject({ code: 'service_unavailable' });
      expect(r.headers['retry-after']).toBe('5');
    }
    await proxy.listen();

    const back = await login(email, TEST_PASSWORD, ip);
    expect(back.statusCode, back.body).toBe(200);
  }, 120_000);

  it('wrong passwords still count toward the throttle', async () => {
    const email = uniqueEmail();
    await registerAndLogin(api.app, { email });
    const ip = '198.51.100.24';
    for (let i = 0; i < MAX_PER_ACCOUNT; i++)
      expect((await login(email, 'wrong-password-123', ip)).statusCode).toBe(401);
    const locked = await login(email, TEST_PASSWORD, ip);
    expect(locked.statusCode).toBe(429);
    expect(locked.json()).toMatchObject({ code: 'rate_limited' });
  }, 60_000);
});
