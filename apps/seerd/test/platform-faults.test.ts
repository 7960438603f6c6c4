/**
 * Fault tests on real processes: `seerd api`, `seerd worker` and `seerd scheduler` (the built
 * bin/seerd, as operators run it) against a throwaway PostgreSQL cluster (initdb + pg_ctl from
 * Debian's packages, its own port and folder — never the shared server) and a throwaway
 * redis-server on its own port. Each fault is injected for real (pg_ctl stop -m immediate, kill -9
 * of redis-server or of the API) and the outcome asserted: clear errors while a dependency is
 * down, recovery without an operator, no half-stored package.
 */
import { type ChildProcess, execFileSync, spawn, spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { packageTgz } from '@seer/core/registry';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, randomPort, registerSession, runSeerd, type Server, startServer } from './seerd-process';

const PG_BIN = '/usr/lib/postgresql/15/bin';
const haveCluster =
  process.getuid?.() === 0 && existsSync(`${PG_BIN}/initdb`) && existsSync('/usr/bin/redis-server');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const PASSWORD = 'fault test password 2026';

function asPostgres(bin: string, args: string[]) {
  const r = spawnSync('runuser', ['-u', 'postgres', '--', `${PG_BIN}/${bin}`, ...args], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${bin} ${args.join(' ')}: ${r.stderr || r.stdout}`);
  return r.stdout;
}

/** Every file under a folder (relative paths); empty when it does not exist. */
function filesUnder(dir: string): string[] {
  const out: string[] = [];
  const walk = (rel: string) => {
    for (const name of readdirSync(path.join(dir, rel))) {
      const r = rel ? `${rel}/${name}` : name;
      if (statSync(path.join(dir, r)).isDirectory()) walk(r);
      else out.push(r);
    }
  };
  if (existsSync(dir)) walk('');
  return out;
}

describe.skipIf(!haveCluster)(
  'platform faults (throwaway PostgreSQL and Redis, real seerd processes)',
  () => {
    const work = mkdtempSync(path.join(tmpdir(), 'seer-platform-faults-'));
    const pgData = path.join(work, 'pg');
    const pgPort = randomPort();
    const redisPort = randomPort();
    let redis: ChildProcess | undefined;
    const dbUrl = `postgres://postgres@127.0.0.1:${pgPort}/seer`;
    const env: Record<string, string> = {
      DATABASE_URL: dbUrl,
      REDIS_URL: `redis://127.0.0.1:${redisPort}`,
      SEER_DATA_DIR: path.join(work, 'data'),
      LOGIN_MAX_ATTEMPTS_PER_IP: '100000',
      // The load loop logs in every few hundred ms (logins failing with 503 during an outage are
      // not counted: apps/api/src/routes/auth/login-outage.test.ts); a high limit keeps this
      // test about the outage, not the throttle.
      LOGIN_MAX_ATTEMPTS_PER_ACCOUNT: '1000',
      // Fixed, so tokens issued before an API restart (on another port) still verify (issuer).
      PUBLIC_URL: 'http://localhost:8080',
    };
    let api: Server & { readyMs: number };
    const others: ChildProcess[] = [];
    const stderrOf = new Map<ChildProcess, string>();

    const startPg = () =>
      asPostgres('pg_ctl', [
        '-D',
        pgData,
        '-l',
        path.join(pgData, 'log'),
        '-w',
        '-t',
        '60',
        '-o',
        `-p ${pgPort} -k ${pgData} -c listen_addresses=127.0.0.1 -c fsync=off`,
        'start',
      ]);
    const startRedis = () => {
      redis = spawn(
        'redis-server',
        ['--port', String(redisPort), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
        { stdio: 'ignore' },
      );
    };
    const untilRedis = async () => {
      for (let i = 0; i < 100; i++) {
        if (
          spawnSync('redis-cli', ['-p', String(redisPort), 'ping'])
            .stdout?.toString()
            .includes('PONG')
        )
          return;
        await sleep(100);
      }
      throw new Error('redis-server did not start');
    };

    beforeAll(async () => {
      execFileSync('chmod', ['755', work]);
      execFileSync('mkdir', ['-p', pgData]);
      chownSync(pgData, Number(execFileSync('id', ['-u', 'postgres']).toString()), 0);
      asPostgres('initdb', ['-D', pgData, '-A', 'trust', '-U', 'postgres', '--no-sync']);
      startPg();
      const admin = new pg.Client({ connectionString: `postgres://postgres@127.0.0.1:${pgPort}/postgres` });
      await admin.connect();
      await admin.query('CREATE DATABASE seer');
      await admin.end();
      startRedis();
      await untilRedis();
      const m = await runSeerd(['migrate'], env, { timeoutMs: 600_000 });
      expect(m.code, m.stderr).toBe(0);
      api = await startServer(['api'], env, { timeoutMs: 600_000 });
      for (const cmd of ['worker', 'scheduler']) {
        const p = spawn(path.resolve(__dirname, '../../../bin/seerd'), [cmd], {
          env: {
            PATH: process.env.PATH ?? '',
            NODE_ENV: 'test',
            LOG_LEVEL: 'warn',
            SANDBOX_PREIMPORT: '',
            ...env,
          },
          stdio: ['ignore', 'ignore', 'pipe'],
        });
        // Kept so that a process that dies says why in the assertion message.
        p.stderr?.on('data', (d: Buffer) => {
          stderrOf.set(p, `${stderrOf.get(p) ?? ''}${d.toString()}`.slice(-4000));
        });
        others.push(p);
      }
      // Faults begin only once both are up: a process still starting when its database goes away
      // fails its start-up (exit 1, by design) rather than riding the outage out.
      const deadline = Date.now() + 600_000;
      while (
        !others.every((p) => /seerd: (worker .* running|scheduler running)/.test(stderrOf.get(p) ?? ''))
      ) {
        for (const p of others)
          if (p.exitCode !== null) throw new Error(`a seerd process ended: ${stderrOf.get(p)}`);
        if (Date.now() > deadline) throw new Error('worker and scheduler not running within 10 min');
        await new Promise((r) => setTimeout(r, 200));
      }
    }, 900_000);

    afterAll(async () => {
      api?.proc.kill('SIGKILL');
      for (const p of others) p.kill('SIGKILL');
      redis?.kill('SIGKILL');
      try {
        asPostgres('pg_ctl', ['-D', pgData, '-m', 'immediate', 'stop']);
      } catch {}
      rmSync(work, { recursive: true, force: true });
    });

    const register = async (url: string, email: string, roles: string[]) =>
      (await registerSession(url, email, PASSWORD, roles)).token;

    /** Requests in a loop (catalogue, who-am-I, login) until stopped; every answer recorded. */
    function loadLoop(url: string, token: string, email: string) {
      const seen: { at: number; status: number; code: string | undefined; type: string }[] = [];
      let stop = false;
      const one = async (i: number) => {
        while (!stop) {
          const r =
            i % 3 === 0
              ? await call(url, 'GET', '/v1/models?limit=5')
              : i % 3 === 1
                ? await call(url, 'GET', '/v1/me', { token })
                : await call(url, 'POST', '/v1/auth/login', { json: { email, password: PASSWORD } });
          seen.push({
            at: Date.now(),
            status: r.status,
            code: r.body?.code as string | undefined,
            type: r.type,
          });
          await sleep(50);
        }
      };
      const workers = [0, 1, 2, 3, 4, 5].map(one);
      return {
        seen,
        async stop() {
          stop = true;
          await Promise.all(workers);
        },
      };
    }

    async function untilHealthy(url: string, token: string, timeoutMs = 60_000): Promise<number> {
      const t0 = Date.now();
      let ok = 0;
      let last: unknown;
      while (Date.now() - t0 < timeoutMs) {
        const r = await call(url, 'GET', '/v1/me', { token });
        last = r;
        ok = r.status === 200 ? ok + 1 : 0;
        if (ok >= 5) return Date.now() - t0;
        await sleep(200);
      }
      throw new Error(
        `the API did not recover: last ${JSON.stringify(last)}, exit ${api.proc.exitCode}, stderr:\n${api.stderr().slice(-3000)}`,
      );
    }

    it('PostgreSQL restarted under load: 503 problem+json while it is down, recovery without a restart', async () => {
      const email = 'pg-restart@example.com';
      const token = await register(api.url, email, ['subscriber']);
      const load = loadLoop(api.url, token, email);
      await sleep(1500);
      const downAt = Date.now();
      asPostgres('pg_ctl', ['-D', pgData, '-m', 'immediate', 'stop']); // a crash, not a clean shutdown
      await sleep(3000);
      const ready = await call(api.url, 'GET', '/readyz');
      startPg();
      const upAt = Date.now();
      const recoveredMs = await untilHealthy(api.url, token);
      await sleep(1000);
      await load.stop();

      expect(ready.status).toBe(503);
      // The API process itself never died, nor did the worker or the scheduler.
      expect(api.proc.exitCode).toBeNull();
      for (const p of others) expect(p.exitCode, stderrOf.get(p)).toBeNull();
      const during = load.seen.filter((s) => s.at > downAt && s.at < upAt);
      const statuses = new Set(load.seen.map((s) => s.status));
      // Every answer was a success or a clear 503 problem (never a dropped connection or a 500).
      for (const s of load.seen) {
        if (s.status === 200) continue;
        expect({ status: s.status, code: s.code }).toEqual({ status: 503, code: 'service_unavailable' });
        expect(s.type).toMatch(/^application\/problem\+json/);
      }
      expect(during.some((s) => s.status === 503)).toBe(true);
      expect(statuses.has(200)).toBe(true);
      // After recovery everything works again: a write, and the answers are 200.
      const after = load.seen.filter((s) => s.at > upAt + recoveredMs + 200);
      expect(after.length).toBeGreaterThan(0);
      expect(after.every((s) => s.status === 200)).toBe(true);
      await register(api.url, 'after-pg-restart@example.com', ['subscriber']);
      expect((await call(api.url, 'GET', '/readyz')).status).toBe(200);
    }, 180_000);

    it('Redis killed -9 and restarted under load: clear errors at worst, recovery without a restart', async () => {
      const email = 'redis-restart@example.com';
      const token = await register(api.url, email, ['subscriber']);
      const load = loadLoop(api.url, token, email);
      await sleep(1500);
      redis?.kill('SIGKILL');
      await sleep(3000);
      startRedis();
      await untilRedis();
      const upAt = Date.now();
      await untilHealthy(api.url, token);
      // Logins go through Redis (the shared throttle): wait for one to pass.
      let loginOk = false;
      for (let i = 0; i < 100 && !loginOk; i++) {
        loginOk =
          (await call(api.url, 'POST', '/v1/auth/login', { json: { email, password: PASSWORD } })).status ===
          200;
        if (!loginOk) await sleep(300);
      }
      await sleep(1000);
      await load.stop();
      expect(loginOk).toBe(true);
      expect(api.proc.exitCode).toBeNull();
      for (const p of others) expect(p.exitCode, stderrOf.get(p)).toBeNull();
      for (const s of load.seen) {
        if (s.status === 200) continue;
        expect({ status: s.status, code: s.code }).toEqual({ status: 503, code: 'service_unavailable' });
      }
      const late = load.seen.filter((s) => s.at > Date.now() - 800);
      expect(late.every((s) => s.status === 200)).toBe(true);
      expect(upAt).toBeGreaterThan(0);
    }, 180_000);

    it('the API killed -9 in the middle of uploads: never a version row without its whole artifact', async () => {
      const token = await register(api.url, 'uploader@example.com', ['developer']);
      const admin = new pg.Client({ connectionString: dbUrl });
      await admin.connect();
      await admin.query(
        `INSERT INTO instruments (symbol, name, asset_class) VALUES ('USDCHF', 'USD/CHF', 'fx') ON CONFLICT DO NOTHING`,
      );
      expect(
        (await call(api.url, 'POST', '/v1/models', { token, json: { slug: 'crash-up', name: 'Crash' } }))
          .status,
      ).toBe(201);
      const artifacts = path.join(work, 'data', 'artifacts');
      const outcomes: string[] = [];
      let server = api;
      try {
        // Kill at different moments: while the body streams, just after it, and during processing.
        for (const [i, delayMs] of [0, 30, 300].entries()) {
          const body = await packageTgz({ version: `"1.0.${i}"` }, [
            { name: 'weights.bin', content: randomBytes(1024 * 1024) },
          ]);
          const half = Math.floor(body.length / 2);
          const answered = new Promise<number>((resolve) => {
            const req = request(
              `${server.url}/v1/models/crash-up/versions`,
              {
                method: 'POST',
                headers: {
                  authorization: `Bearer ${token}`,
                  'content-type': 'application/gzip',
                  'content-length': String(body.length),
                },
              },
              (res) => {
                res.resume();
                res.on('end', () => resolve(res.statusCode ?? 0));
              },
            );
            req.on('error', () => resolve(0));
            req.write(body.subarray(0, half));
            setTimeout(
              () => {
                req.end(body.subarray(half));
                setTimeout(() => server.proc.kill('SIGKILL'), delayMs);
              },
              i === 0 ? 0 : 100,
            );
            if (i === 0) server.proc.kill('SIGKILL'); // mid-body
          });
          const status = await answered;
          await server.exited;
          outcomes.push(`1.0.${i}: ${status}`);
          // Restarted by "the orchestrator" (no operator action on data).
          server = await startServer(['api'], env, { timeoutMs: 600_000 });
          const rows = (
            await admin.query<{ version: string; digest: string }>(
              "SELECT v.version, v.digest FROM model_versions v JOIN models m ON m.id = v.model_id WHERE m.slug = 'crash-up'",
            )
          ).rows;
          // Every row's artifact is there, whole (its bytes hash to a canonical package that the
          // API serves back), and a response of 201 always has its row.
          for (const r of rows) {
            const file = path.join(artifacts, 'sha256', r.digest.slice(0, 2), `${r.digest}.tar.gz`);
            expect(existsSync(file), `artifact of ${r.version}`).toBe(true);
            const dl = await fetch(`${server.url}/v1/models/crash-up/versions/${r.version}/package`, {
              headers: { authorization: `Bearer ${token}` },
            });
            expect(dl.status).toBe(200);
            const bytes = Buffer.from(await dl.arrayBuffer());
            // Stored encrypted at rest: the served plaintext must be the whole package of that digest.
            expect(statSync(file).size).toBeGreaterThan(0);
            expect(createHash('sha256').update(gunzipSync(bytes)).digest('hex')).toBe(r.digest);
          }
          if (status === 201) expect(rows.map((r) => r.version)).toContain(`1.0.${i}`);
          // The same upload, retried by the client after the crash, works or says it exists.
          const retryOnce = () =>
            fetch(`${server.url}/v1/models/crash-up/versions`, {
              method: 'POST',
              headers: { authorization: `Bearer ${token}`, 'content-type': 'application/gzip' },
              body: new Blob([new Uint8Array(body)]),
            });
          let retry = await retryOnce();
          if (retry.status === 429) {
            // The killed request still holds its upload lease (quota of uploads in flight) until
            // the lease expires (UPLOAD_LEASE_SECONDS); let that time pass, then retry.
            expect(((await retry.json()) as { code: string }).code).toBe('quota_exceeded_uploads');
            const held = await admin.query<{ n: number }>('SELECT count(*)::int AS n FROM upload_leases');
            expect(held.rows[0]?.n).toBeGreaterThan(0);
            await admin.query("UPDATE upload_leases SET expires_at = now() - interval '1 second'");
            retry = await retryOnce();
          }
          const retryBody = (await retry.json()) as { code?: string };
          if (rows.some((r) => r.version === `1.0.${i}`)) expect(retryBody.code).toBe('manifest_invalid');
          else expect(retry.status).toBe(201);
          // Stored artifacts: only complete, content-addressed files (a .tmp may be left by the
          // kill; readers never use it and the garbage collector removes it).
          for (const f of filesUnder(artifacts))
            expect(f).toMatch(/^sha256\/[0-9a-f]{2}\/[0-9a-f]{64}\.tar\.gz(\.[0-9a-f]{12}\.tmp)?$/);
        }
      } finally {
        await admin.end();
        api = server;
      }
      expect(outcomes).toHaveLength(3);
    }, 1_200_000);
  },
);
