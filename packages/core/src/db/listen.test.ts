/**
 * `Db.listen` on node-postgres trusts a connection only once a NOTIFY it sent itself has come
 * back. Behind a transaction-mode pooler (PgBouncer) LISTEN is accepted but nothing is ever
 * delivered; a cache that trusted such a listener would serve revoked keys for its whole TTL.
 * The "pooler" here is a TCP proxy in front of the test server that forwards every protocol
 * message except NotificationResponse ('A'), which is exactly what the client then sees.
 */
import { once } from 'node:events';
import { type AddressInfo, createServer, type Server, type Socket, connect as tcpConnect } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { TEST_PG_ADMIN_URL } from '../testing/test-db';
import { type Db, openDb } from './db';

/** Forwards client -> server as is, and server -> client message by message, minus `drop` types. */
async function protocolProxy(target: { host: string; port: number }, drop: string): Promise<Server> {
  const server = createServer((client: Socket) => {
    const upstream = tcpConnect(target.port, target.host);
    let buffered = Buffer.alloc(0);
    client.pipe(upstream);
    upstream.on('data', (chunk: Buffer) => {
      buffered = Buffer.concat([buffered, chunk]);
      // Every server message after start-up is 1 type byte + a 4-byte length (itself included).
      while (buffered.length >= 5) {
        const len = buffered.readUInt32BE(1);
        if (buffered.length < 1 + len) break;
        const message = buffered.subarray(0, 1 + len);
        buffered = buffered.subarray(1 + len);
        if (!drop.includes(String.fromCharCode(message[0] as number))) client.write(message);
      }
    });
    const end = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on('error', end).on('close', end);
    upstream.on('error', end).on('close', end);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return server;
}

function listenerState(db: Db, ms: number): Promise<{ up: boolean; notified: string[]; failures: string[] }> {
  const notified: string[] = [];
  const failures: string[] = [];
  return new Promise((resolve) => {
    let up = false;
    const l = db.listen?.('seer_listen_test', {
      onNotify: (p) => notified.push(p),
      // close() reports the listener down at the end: what matters is whether it ever came up.
      onState: (s) => {
        up ||= s;
      },
      onAttemptFailed: (err, n) => failures.push(`${n}: ${err.message}`),
    });
    setTimeout(() => {
      void l?.close().then(() => resolve({ up, notified, failures }));
    }, ms);
  });
}

describe('Db.listen on node-postgres', () => {
  const target = new URL(TEST_PG_ADMIN_URL);
  const proxies: Server[] = [];
  const dbs: Db[] = [];
  const through = async (drop: string) => {
    const proxy = await protocolProxy({ host: target.hostname, port: Number(target.port || 5432) }, drop);
    proxies.push(proxy);
    const url = new URL(TEST_PG_ADMIN_URL);
    url.port = String((proxy.address() as AddressInfo).port);
    const db = await openDb({ databaseUrl: url.toString(), poolMax: 1 });
    dbs.push(db);
    return db;
  };
  afterAll(async () => {
    for (const db of dbs) await db.close();
    for (const p of proxies) p.close();
  });

  it('is up through a proxy that delivers notifications, and hands on only real ones', async () => {
    const db = await through('');
    const state = listenerState(db, 1500);
    await new Promise((r) => setTimeout(r, 700));
    await db.query("SELECT pg_notify('seer_listen_test', 'k:abc')");
    const s = await state;
    expect(s.up).toBe(true);
    expect(s.failures).toEqual([]);
    // Its own round trips never reach the subscriber.
    expect(s.notified).toEqual(['k:abc']);
  });

  it('never counts as up where notifications are swallowed (a transaction-mode pooler)', async () => {
    const db = await through('A');
    // Queries work through it: only notifications are lost.
    expect((await db.query<{ one: number }>('SELECT 1 AS one')).rows[0]?.one).toBe(1);
    const s = await listenerState(db, 7000);
    expect(s.up).toBe(false);
    // Each failed try is reported (the operator's log says so after a few: notified-cache.ts).
    expect(s.failures[0]).toBe('1: listen round trip timed out');
  }, 20_000);
});
