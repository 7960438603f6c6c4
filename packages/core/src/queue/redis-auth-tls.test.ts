/**
 * Redis with a password, an ACL user and TLS, against real throwaway redis-server processes: BullMQ
 * enqueues and consumes, the login throttle counts, wrong credentials and a wrong CA fail clearly.
 * The ACL user has the rules docs/OPERATIONS.md gives the processes (keys under seer:*).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRedisThrottleStore } from '../accounts/throttle';
import { freePort, makeCa, makeServerCert } from '../testing/tls-fixtures';
import { redisTlsOptions } from '../transport/transport-security';
import { createQueues } from './create-queues';

const REDIS = '/usr/bin/redis-server';
/** The ACL of docs/OPERATIONS.md ("Redis ACL"), here for one user that does every role's work. */
const SEER_ACL = [
  'on',
  '>app-pass',
  'resetkeys',
  '~seer:*',
  'resetchannels',
  '-@all',
  '+@read',
  '+@write',
  '+@keyspace',
  '+@list',
  '+@hash',
  '+@sortedset',
  '+@string',
  '+@set',
  '+@stream',
  '+@blocking',
  '+@scripting',
  '+@transaction',
  '+@connection',
  '-@dangerous',
  '+info',
];

const QUEUE_KEYS = ['~seer:runs:*', '~seer:outcomes:*', '~seer:backtests:*', '~seer:billing:*'];
const COMMON = SEER_ACL.slice(SEER_ACL.indexOf('-@all')).filter((c) => c !== '+@blocking');
/** The per-process users of docs/OPERATIONS.md. */
const PROCESS_USERS: Record<'api' | 'scheduler' | 'worker', string[]> = {
  api: ['on', '>api-pass', 'resetkeys', '~seer:throttle:*', ...QUEUE_KEYS, 'resetchannels', ...COMMON],
  scheduler: ['on', '>scheduler-pass', 'resetkeys', ...QUEUE_KEYS, 'resetchannels', ...COMMON],
  worker: ['on', '>worker-pass', 'resetkeys', ...QUEUE_KEYS, 'resetchannels', ...COMMON, '+@blocking'],
};

async function startRedis(args: string[], port: number): Promise<ChildProcess> {
  const p = spawn(REDIS, ['--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', ...args], {
    stdio: 'pipe',
  });
  let out = '';
  p.stdout?.on('data', (d) => {
    out += d;
  });
  const deadline = Date.now() + 10_000;
  while (!/Ready to accept connections/.test(out)) {
    if (p.exitCode !== null || Date.now() > deadline)
      throw new Error(`redis-server on ${port} did not start: ${out.slice(-500)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return p;
}

/** The first error a client that does not retry reports while connecting (what an operator sees logged). */
async function connectError(url: string, extra: Record<string, unknown> = {}): Promise<string> {
  const r = new Redis(url, {
    lazyConnect: true,
    retryStrategy: () => null,
    enableOfflineQueue: false,
    ...extra,
  });
  const first = new Promise<Error>((resolve) => r.once('error', resolve));
  try {
    await r
      .connect()
      .then(() => r.ping())
      .catch(() => {});
    return (
      await Promise.race([
        first,
        new Promise<Error>((res) => setTimeout(() => res(new Error('no error')), 3000)),
      ])
    ).message;
  } finally {
    r.disconnect();
  }
}

async function roundTrip(redisUrl: string, redisCaFile?: string): Promise<unknown> {
  const q = createQueues({ redisUrl, redisCaFile, prefix: 'seer' });
  try {
    const got = new Promise<unknown>((resolve) => {
      void q.consume('runs', async (j) => resolve(j.data), { concurrency: 1 });
    });
    await q.enqueue('runs', `job-${Date.now()}`, { runId: 'tls' });
    return await got;
  } finally {
    await q.close();
  }
}

describe.skipIf(!existsSync(REDIS))('Redis with authentication and TLS', () => {
  let dir = '';
  let port = 0;
  let tlsPort = 0;
  let ca = '';
  let wrongCa = '';
  const procs: ChildProcess[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'seer-redistls-'));
    const c = makeCa(dir, 'ca');
    ca = c.certFile;
    wrongCa = makeCa(dir, 'other-ca').certFile;
    const server = makeServerCert(dir, c, 'server');
    port = await freePort();
    tlsPort = await freePort();
    const auth = ['--requirepass', 'default-pass', '--user', 'seer-app', ...SEER_ACL];
    for (const [name, rules] of Object.entries(PROCESS_USERS)) auth.push('--user', `seer-${name}`, ...rules);
    procs.push(await startRedis(['--port', String(port), ...auth], port));
    procs.push(
      await startRedis(
        [
          '--port',
          '0',
          '--tls-port',
          String(tlsPort),
          '--tls-cert-file',
          server.certFile,
          '--tls-key-file',
          server.keyFile,
          '--tls-ca-cert-file',
          ca,
          '--tls-auth-clients',
          'no',
          ...auth,
        ],
        tlsPort,
      ),
    );
  }, 30_000);

  afterAll(() => {
    for (const p of procs) p.kill('SIGKILL');
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('BullMQ enqueues and consumes with requirepass and with an ACL user limited to seer:*', async () => {
    expect(await roundTrip(`redis://:default-pass@127.0.0.1:${port}`)).toEqual({ runId: 'tls' });
    expect(await roundTrip(`redis://seer-app:app-pass@127.0.0.1:${port}`)).toEqual({ runId: 'tls' });
  });

  it('the per-process ACL users of docs/OPERATIONS.md do their part: API and scheduler enqueue, the worker consumes', async () => {
    const at = (user: string) => `redis://seer-${user}:${user}-pass@127.0.0.1:${port}`;
    const worker = createQueues({ redisUrl: at('worker'), prefix: 'seer' });
    const seen: unknown[] = [];
    try {
      await worker.consume('runs', async (j) => void seen.push(j.data), { concurrency: 1 });
      for (const user of ['api', 'scheduler']) {
        const q = createQueues({ redisUrl: at(user), prefix: 'seer' });
        try {
          await q.enqueue('runs', `from-${user}`, { runId: user });
        } finally {
          await q.close();
        }
      }
      await expect.poll(() => seen.length, { timeout: 5000 }).toBe(2);
      expect(seen).toEqual(expect.arrayContaining([{ runId: 'api' }, { runId: 'scheduler' }]));
    } finally {
      await worker.close();
    }
    const api = new Redis(at('api'), { maxRetriesPerRequest: 1 });
    const scheduler = new Redis(at('scheduler'), { maxRetriesPerRequest: 1 });
    try {
      expect((await createRedisThrottleStore(api).hit('acct:y', 60)).count).toBe(1);
      // Only the API touches the login throttle.
      await expect(scheduler.get('seer:throttle:acct:y')).rejects.toThrow(/NOPERM/);
    } finally {
      api.disconnect();
      scheduler.disconnect();
    }
  });

  it('the login throttle counts as the ACL user; keys outside seer:* and wrong passwords are refused', async () => {
    const redis = new Redis(`redis://seer-app:app-pass@127.0.0.1:${port}`, { maxRetriesPerRequest: 1 });
    try {
      const t = createRedisThrottleStore(redis);
      await t.hit('ip:1.2.3.4', 60);
      expect((await t.hit('ip:1.2.3.4', 60)).count).toBe(2);
      await expect(redis.set('other:key', '1')).rejects.toThrow(/NOPERM/);
      await expect(redis.flushall()).rejects.toThrow(/NOPERM/);
    } finally {
      redis.disconnect();
    }
    expect(await connectError(`redis://seer-app:wrong@127.0.0.1:${port}`)).toMatch(/WRONGPASS/);
    expect(await connectError(`redis://127.0.0.1:${port}`)).toMatch(/NOAUTH/);
  });

  it('rediss:// with REDIS_CA_FILE works for BullMQ and the throttle; a wrong CA is refused', async () => {
    const url = `rediss://seer-app:app-pass@localhost:${tlsPort}`;
    expect(await roundTrip(url, ca)).toEqual({ runId: 'tls' });
    const redis = new Redis(url, { maxRetriesPerRequest: 1, ...redisTlsOptions(url, ca) });
    try {
      expect((await createRedisThrottleStore(redis).hit('acct:x', 60)).count).toBe(1);
    } finally {
      redis.disconnect();
    }
    expect(await connectError(url, redisTlsOptions(url, wrongCa))).toMatch(
      /self[- ]signed certificate|unable to verify|unable to get local issuer/,
    );
    // Without a CA the system's CAs do not know this one either.
    expect(await connectError(url, redisTlsOptions(url))).toMatch(/self[- ]signed|unable to/);
    // Plain text to the TLS port does not get through.
    expect(
      await connectError(`redis://seer-app:app-pass@localhost:${tlsPort}`, { connectTimeout: 2000 }),
    ).not.toBe('no error');
  });
});
