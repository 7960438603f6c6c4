/**
 * Deploy through the API and a real worker: POST .../deploy answers 202 with a deploy check, the
 * API process never starts a sandbox, a worker (BullMQ or the in-process dispatcher) runs the
 * trial in real bubblewrap and the version becomes deployed; a crashing model fails with its code
 * and logs; fifty parallel deploys are bounded by the worker's sandbox slots.
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createAdmin, registerAndLogin, type TestUser } from '@seer/api/testing/auth';
import { createTestApp, type TestApp } from '@seer/api/testing/test-app';
import type { DbDriver } from '@seer/core/db';
import { createBullQueues, createInProcessQueues, type JobQueues, obliteratePrefix } from '@seer/core/queue';
import { createRegistry, createVersionsRepo, packDirectory } from '@seer/core/registry';
import { TEST_DRIVERS } from '@seer/core/testing';
import { createBwrapSandbox, type Sandbox } from '@seer/sandbox';
import { startWorker, type WorkerHandle } from '@seer/worker';
import { createSandboxDeployGate } from '@seer/worker/deploy-gate';
import { registryPackageOpener } from '@seer/worker/registry-opener';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const REPO = path.resolve(__dirname, '../../..');
const CSV = path.join(REPO, 'packages/core/demo-data/usdchf_1h.csv');
const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const CAPACITY = 2;

const CASES = (
  [
    ['pg', 'bullmq'],
    ['pg', 'in-process'],
    ['pglite', 'in-process'],
  ] as Array<[DbDriver, 'bullmq' | 'in-process']>
).filter(([d]) => TEST_DRIVERS.includes(d));

async function until<T>(fn: () => Promise<T | undefined>, timeoutMs: number, what: string): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`${what} not reached within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** bwrap processes that are children of this process (the API must never have any). */
function bwrapChildren(): number {
  try {
    return execFileSync('ps', ['-o', 'comm=', '--ppid', String(process.pid)], { encoding: 'utf8' })
      .split('\n')
      .filter((c) => c.trim() === 'bwrap').length;
  } catch {
    return 0; // ps exits 1 when there is no child at all
  }
}

describe.each(CASES)('deploy checks through a worker (%s, %s queue)', (driver, queueKind) => {
  let h: TestApp;
  let work: string;
  let dev: TestUser;
  let admin: TestUser;
  let goodTgz: Buffer;
  let crashyTgz: Buffer;
  let lastOpen: Date;
  let queues: JobQueues;
  let prefix = '';
  let sandbox: Sandbox;
  let worker: WorkerHandle | undefined;
  let running = 0;
  let maxRunning = 0;

  beforeAll(async () => {
    work = mkdtempSync(path.join(tmpdir(), 'seer-deploy-checks-'));
    h = await createTestApp(driver, {
      keysDir: path.join(work, 'keys'),
      generateKeys: true,
      artifactDir: path.join(work, 'artifacts'),
      quotaModelsPerUser: 1000,
      quotaDraftsPerUser: 1000,
    });
    const inst = await h.t.db.query<{ id: number }>(
      `INSERT INTO instruments (symbol, name, asset_class, quote_currency) VALUES ('USDCHF', 'USD/CHF', 'fx', 'CHF') RETURNING id`,
    );
    const lines = readFileSync(CSV, 'utf8').trim().split('\n').slice(-300);
    const cols: [string[], number[], number[], number[], number[]] = [[], [], [], [], []];
    for (const line of lines) {
      const [ts, o, hi, lo, c] = line.split(',');
      cols[0].push(ts!.endsWith('Z') ? ts! : `${ts}Z`);
      cols[1].push(Number(o));
      cols[2].push(Number(hi));
      cols[3].push(Number(lo));
      cols[4].push(Number(c));
    }
    await h.t.db.query(
      `INSERT INTO bars (instrument_id, interval, ts, open, high, low, close)
       SELECT $1, '1h', ts, o, h, l, c FROM unnest($2::timestamptz[], $3::float8[], $4::float8[], $5::float8[], $6::float8[]) AS x(ts, o, h, l, c)`,
      [inst.rows[0]!.id, ...cols],
    );
    lastOpen = new Date(cols[0].at(-1)!);
    dev = await registerAndLogin(h.app, { roles: ['developer'] });
    admin = await createAdmin(h.app);

    goodTgz = await pack(path.join(REPO, 'examples/momentum'));
    const crashy = path.join(work, 'crashy');
    cpSync(path.join(REPO, 'examples/momentum'), crashy, { recursive: true });
    writeFileSync(
      path.join(crashy, 'model.py'),
      'def predict(ctx):\n    print("about to divide")\n    return {"USDCHF": 1 / 0}\n',
    );
    crashyTgz = await pack(crashy);

    if (queueKind === 'bullmq') {
      prefix = `seer-test-deploy-${randomBytes(4).toString('hex')}`;
      queues = createBullQueues({ redisUrl: REDIS_URL, prefix, retry: { attempts: 2, backoffMs: 50 } });
    } else queues = createInProcessQueues({ retry: { attempts: 2, backoffMs: 50 } });
  }, 120_000);

  afterAll(async () => {
    await worker?.close();
    await queues?.close();
    if (prefix) await obliteratePrefix(REDIS_URL, prefix);
    await sandbox?.close();
    await h?.close();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  async function pack(dir: string): Promise<Buffer> {
    const file = path.join(work, `${randomBytes(4).toString('hex')}.tgz`);
    await packDirectory(dir, file);
    return readFileSync(file);
  }

  async function startTheWorker() {
    const ctx = h.app.ctx;
    // The worker's sandbox, counting the runs executing at once.
    const real = await createBwrapSandbox({ strategy: 'fork', concurrency: CAPACITY });
    sandbox = {
      async run(req) {
        running++;
        maxRunning = Math.max(maxRunning, running);
        try {
          return await real.run(req);
        } finally {
          running--;
        }
      },
      close: () => real.close(),
    };
    // The worker's own registry (same database, keys and artifact store), with the bubblewrap gate.
    const registry = await createRegistry({ config: ctx.config, db: ctx.db, clock: () => new Date() });
    worker = await startWorker({
      db: ctx.db,
      queues,
      sandbox,
      openPackage: registryPackageOpener(registry),
      clock: () => new Date(),
      graceMs: 300_000,
      concurrency: CAPACITY,
      leaseMs: 30_000,
      consumers: { runs: false, outcomes: false, backtests: false },
      deployChecks: {
        versions: registry.versions,
        gate: (run) =>
          createSandboxDeployGate({
            db: ctx.db,
            versionsRepo: createVersionsRepo(ctx.db),
            openVersionPackage: (id) => registry.versions.openVersionPackage(id),
            run,
          }),
        // More checks than sandbox slots: the slots are the bound.
        concurrency: 4,
        pollMs: 100,
      },
    });
  }

  const publish = async (slug: string, tgz: Buffer) => {
    const m = await h.app.inject({
      method: 'POST',
      url: '/v1/models',
      headers: dev.authHeader,
      payload: { slug, name: slug },
    });
    expect(m.statusCode).toBe(201);
    const v = await h.app.inject({
      method: 'POST',
      url: `/v1/models/${slug}/versions`,
      headers: { ...dev.authHeader, 'content-type': 'application/gzip' },
      payload: tgz,
    });
    expect(v.statusCode).toBe(201);
  };
  const deploy = (slug: string) =>
    h.app.inject({
      method: 'POST',
      url: `/v1/models/${slug}/versions/1.0.0/deploy`,
      headers: dev.authHeader,
    });
  const poll = (location: string, user: TestUser = dev, timeoutMs = 120_000) =>
    until(
      async () => {
        const r = await h.app.inject({ method: 'GET', url: location, headers: user.authHeader });
        const body = r.json();
        return body.status === 'succeeded' || body.status === 'failed' ? body : undefined;
      },
      timeoutMs,
      `deploy check ${location} finished`,
    );

  it('answers 202 at once, runs no sandbox in the API, and the worker deploys the version', async () => {
    await publish('dc-good', goodTgz);
    const res = await deploy('dc-good');
    expect(res.statusCode).toBe(202);
    expect(res.json()).toMatchObject({ status: 'queued', model: 'dc-good', version: '1.0.0' });
    const location = res.headers.location as string;
    expect(location).toBe(`/v1/deploy-checks/${res.json().id}`);
    // No worker yet: the check waits, the version stays a draft, and nothing ran in this process.
    await new Promise((r) => setTimeout(r, 500));
    const waiting = await h.app.inject({ method: 'GET', url: location, headers: dev.authHeader });
    expect(waiting.json()).toMatchObject({ status: 'queued', attempts: 0 });
    expect(bwrapChildren()).toBe(0);
    expect(maxRunning).toBe(0);
    const draft = await h.app.inject({
      method: 'GET',
      url: '/v1/models/dc-good/versions/1.0.0',
      headers: dev.authHeader,
    });
    expect(draft.json().status).toBe('draft');

    await startTheWorker();
    const done = await poll(location);
    expect(done).toMatchObject({
      status: 'succeeded',
      errorCode: null,
      attempts: 1,
      asOf: new Date(lastOpen.getTime() + 3_600_000).toISOString(),
    });
    const v = await h.app.inject({ method: 'GET', url: '/v1/models/dc-good/versions/1.0.0' });
    expect(v.json()).toMatchObject({ status: 'deployed', deployCheck: { ok: true } });
    // An admin may read the check too; deploying again is a conflict.
    expect((await h.app.inject({ method: 'GET', url: location, headers: admin.authHeader })).statusCode).toBe(
      200,
    );
    expect((await deploy('dc-good')).statusCode).toBe(409);
  }, 180_000);

  it('fails a crashing model with its code, message and logs; the version stays a draft', async () => {
    if (!worker) await startTheWorker();
    await publish('dc-crashy', crashyTgz);
    const res = await deploy('dc-crashy');
    expect(res.statusCode).toBe(202);
    const done = await poll(res.headers.location as string);
    expect(done).toMatchObject({ status: 'failed', errorCode: 'model_error' });
    expect(done.errorMessage).toMatch(/ZeroDivisionError/);
    expect(done.logs).toMatch(/about to divide/);
    const v = await h.app.inject({
      method: 'GET',
      url: '/v1/models/dc-crashy/versions/1.0.0',
      headers: dev.authHeader,
    });
    expect(v.json()).toMatchObject({ status: 'draft', deployCheck: { ok: false, code: 'model_error' } });
  }, 180_000);

  // Fifty through the in-process dispatcher; a dozen through BullMQ (the same code path; it
  // keeps the suite's time down on a 2-core machine).
  const many = queueKind === 'in-process' ? 50 : 12;
  it.runIf(driver === 'pg')(
    `takes ${many} parallel deploys with 202s and runs them within the worker concurrency`,
    async () => {
      if (!worker) await startTheWorker();
      const slugs = Array.from({ length: many }, (_, i) => `dc-many-${i}`);
      for (const s of slugs) await publish(s, goodTgz);
      maxRunning = 0;
      const started = Date.now();
      const answers = await Promise.all(slugs.map((s) => deploy(s)));
      const answeredMs = Date.now() - started;
      expect(answers.map((a) => a.statusCode)).toEqual(slugs.map(() => 202));
      // The API only writes rows: fifty answers come back long before fifty sandboxes could run.
      expect(answeredMs).toBeLessThan(10_000);
      const done = await Promise.all(answers.map((a) => poll(a.headers.location as string, dev, 540_000)));
      console.log(
        `50 deploy checks: answered in ${answeredMs} ms, all finished after ${Date.now() - started} ms`,
      );
      expect(done.map((d) => d.status)).toEqual(slugs.map(() => 'succeeded'));
      expect(maxRunning).toBeLessThanOrEqual(CAPACITY);
      expect(maxRunning).toBeGreaterThanOrEqual(1);
      expect(worker?.slots.stats().active).toEqual({ live: 0, deploy: 0, backtest: 0 });
      const deployed = await h.t.db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM model_versions v JOIN models m ON m.id = v.model_id WHERE m.slug LIKE 'dc-many-%' AND v.status = 'deployed'`,
      );
      expect(deployed.rows[0]?.n).toBe(many);
    },
    600_000,
  );
});
