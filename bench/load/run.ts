/**
 * Load and soak benchmark of the whole platform as operators run it: `bin/seerd api`,
 * `bin/seerd worker` and `bin/seerd scheduler` as three real processes on a fresh database of the
 * local PostgreSQL server and a throwaway redis-server of their own (its own port, nothing shared).
 *
 * Set-up goes through the HTTP API: a developer registers, creates MODELS models, uploads the
 * examples/momentum package to each and deploys it (the worker's deploy check runs each in the
 * sandbox), then mints BOTS API keys. Bars of the instrument are stored up to the last hour
 * boundary. The versions' deployed_at is then moved one hour back (a bench-only SQL edit), so all
 * of them are due at the last boundary: when the scheduler starts, it dispatches MODELS runs at
 * once, exactly the burst of a top of the hour.
 *
 * Load (autocannon, open-loop: each scenario holds a fixed request rate) while that burst runs:
 *   - catalogue browsing (anonymous): the catalogue page and model pages;
 *   - prediction polling by BOTS bots, each with its own API key: latest predictions per symbol;
 *   - logins (argon2id at the OWASP settings);
 *   - uploads: developers upload new package versions (then delete the draft: quotas).
 *
 * Soak: the same processes for --soak-minutes at a lower steady rate; a feed stores the bar of
 * every new hour (so each real top of the hour is a burst); the resident memory (VmRSS) of every
 * process — API, worker (and its sandbox children, summed), scheduler — is sampled every minute
 * and the slope of each is reported.
 *
 *   npx tsx bench/load/run.ts                       # short: 60 s of load  -> bench/load/RESULTS.md
 *   npx tsx bench/load/run.ts --mode long           # 300 s of load
 *   npx tsx bench/load/run.ts --mode soak --soak-minutes 60   # -> bench/load/SOAK.md
 *   options: --duration S --models N --bots N --p99 MS --rate-scale X --out FILE
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { packDirectory } from '@seer/core/registry';
import { createTestDb, type TestDb } from '@seer/core/testing';
import autocannon from 'autocannon';
import { priceAt } from '../../apps/worker/test/helpers';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const HERE = fileURLToPath(new URL('.', import.meta.url));
const H = 3_600_000;

const { values } = parseArgs({
  options: {
    mode: { type: 'string', default: 'short' },
    duration: { type: 'string' },
    'soak-minutes': { type: 'string', default: '60' },
    models: { type: 'string', default: '40' },
    bots: { type: 'string', default: '50' },
    p99: { type: 'string', default: '2000' },
    'rate-scale': { type: 'string', default: '1' },
    out: { type: 'string' },
    port: { type: 'string', default: '3961' },
  },
});
const MODE = values.mode as 'short' | 'long' | 'soak';
if (!['short', 'long', 'soak'].includes(MODE)) throw new Error('--mode is short, long or soak');
const DURATION_S = Number(values.duration ?? (MODE === 'long' ? 300 : 60));
const SOAK_MIN = Number(values['soak-minutes']);
const MODELS = Number(values.models);
const BOTS = Number(values.bots);
const P99_BOUND = Number(values.p99);
const SCALE = Number(values['rate-scale']) * (MODE === 'soak' ? 0.25 : 1);
const OUT = values.out ?? path.join(HERE, MODE === 'soak' ? 'SOAK.md' : 'RESULTS.md');
const PORT = Number(values.port);
const API = `http://127.0.0.1:${PORT}`;
const SYMBOL = 'USDCHF';
const PASSWORD = 'load test password 2026';

/** Requests per second each scenario holds (before --rate-scale; soak runs at a quarter). */
const RATES = { catalogue: 40, polling: 40, logins: 2 };

const log = (s: string) => console.log(`[${new Date().toISOString().slice(11, 19)}] ${s}`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const load = () =>
  loadavg()
    .map((x) => x.toFixed(2))
    .join(' ');

interface Proc {
  name: string;
  child: ChildProcess;
}

function freePortRedis(): number {
  return 20000 + Math.floor(Math.random() * 20000);
}

async function until<T>(what: string, fn: () => Promise<T | undefined>, timeoutMs = 300_000): Promise<T> {
  const t0 = Date.now();
  for (;;) {
    const v = await fn().catch(() => undefined);
    if (v !== undefined) return v;
    if (Date.now() - t0 > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await sleep(250);
  }
}

async function http(
  method: string,
  url: string,
  opts: { token?: string; json?: unknown; body?: Buffer; type?: string } = {},
): Promise<{ status: number; body: unknown; ms: number }> {
  const headers: Record<string, string> = {};
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  let body: string | Blob | undefined;
  if (opts.json !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(opts.json);
  } else if (opts.body) {
    headers['content-type'] = opts.type ?? 'application/gzip';
    body = new Blob([new Uint8Array(opts.body)]);
  }
  const t0 = performance.now();
  const res = await fetch(`${API}${url}`, { method, headers, body });
  const text = await res.text();
  const ms = performance.now() - t0;
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {}
  return { status: res.status, body: parsed, ms };
}

function must<T>(r: { status: number; body: unknown }, ok: number[], what: string): T {
  if (!ok.includes(r.status))
    throw new Error(`${what}: HTTP ${r.status} ${JSON.stringify(r.body).slice(0, 400)}`);
  return r.body as T;
}

/** VmRSS in KiB of a pid, 0 when gone. */
function rssKiB(pid: number): number {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) : 0;
  } catch {
    return 0;
  }
}
/** Every descendant pid of a pid (via /proc/<pid>/task/<tid>/children). */
function descendants(pid: number): number[] {
  const out: number[] = [];
  const walk = (p: number) => {
    let kids: number[] = [];
    try {
      kids = readFileSync(`/proc/${p}/task/${p}/children`, 'utf8')
        .trim()
        .split(/\s+/)
        .filter(Boolean)
        .map(Number);
    } catch {}
    for (const k of kids) {
      out.push(k);
      walk(k);
    }
  };
  walk(pid);
  return out;
}

/** Least-squares slope of y over x. */
function slope(xs: number[], ys: number[]): number {
  const n = xs.length;
  if (n < 2) return 0;
  const mx = xs.reduce((a, b) => a + b, 0) / n;
  const my = ys.reduce((a, b) => a + b, 0) / n;
  let num = 0;
  let den = 0;
  for (let i = 0; i < n; i++) {
    num += ((xs[i] as number) - mx) * ((ys[i] as number) - my);
    den += ((xs[i] as number) - mx) ** 2;
  }
  return den === 0 ? 0 : num / den;
}

interface Scenario {
  name: string;
  what: string;
  rate: number;
  requests: number;
  rps: number;
  p50: number;
  p99: number;
  max: number;
  non2xx: number;
  errors: number;
}

function fromCannon(name: string, what: string, rate: number, r: autocannon.Result): Scenario {
  return {
    name,
    what,
    rate,
    requests: r.requests.total,
    rps: r.requests.total / r.duration,
    p50: r.latency.p50,
    p99: r.latency.p99,
    max: r.latency.max,
    non2xx: r.non2xx,
    errors: r.errors + r.timeouts,
  };
}

function pct(xs: number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? 0;
}

async function main() {
  const started = new Date();
  const load0 = load();
  log(`mode ${MODE}; load average at start ${load0}`);
  const work = mkdtempSync(path.join(tmpdir(), 'seer-load-'));
  const procs: Proc[] = [];
  let redis: ChildProcess | undefined;
  let t: TestDb | undefined;
  let stopping = false;
  const stopAll = () => {
    stopping = true;
    for (const p of procs) if (p.child.exitCode === null) p.child.kill('SIGTERM');
    if (redis && redis.exitCode === null) redis.kill('SIGTERM');
  };
  process.on('exit', stopAll);
  process.on('SIGINT', () => process.exit(130));
  process.on('SIGTERM', () => process.exit(143));
  try {
    // A throwaway Redis on its own port: the queues of this run share nothing with anyone.
    const redisPort = freePortRedis();
    redis = spawn(
      'redis-server',
      ['--port', String(redisPort), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', work],
      { stdio: 'ignore' },
    );
    t = await createTestDb('pg');
    const dbUrl = t.url as string;
    const env: Record<string, string> = {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      NODE_ENV: 'test',
      LOG_LEVEL: 'warn',
      HOST: '127.0.0.1',
      PORT: String(PORT),
      DATABASE_URL: dbUrl,
      REDIS_URL: `redis://127.0.0.1:${redisPort}`,
      SEER_DATA_DIR: work,
      // Everyone here comes from 127.0.0.1: the per-IP login/registration throttle would stop the
      // login scenario after 20 attempts. The per-account throttle stays at its default.
      LOGIN_MAX_ATTEMPTS_PER_IP: '100000',
      // The bursts' runs may start late on a loaded host; the slot stays runnable for ~an hour.
      RUN_GRACE_SECONDS: '3500',
      // One developer owns every model of the burst: the per-user quotas are raised for that.
      QUOTA_MODELS_PER_USER: '1000',
      QUOTA_DRAFTS_PER_USER: '1000',
      WORKER_CONCURRENCY: '2',
      SANDBOX_PREIMPORT: '',
    };
    const seerd = (name: string, args: string[]) => {
      const child = spawn(path.join(ROOT, 'bin/seerd'), args, {
        cwd: ROOT,
        env,
        stdio: ['ignore', 'ignore', 'inherit'],
      });
      procs.push({ name, child });
      child.once('exit', (code, signal) => {
        if (!stopping) {
          console.error(`seerd ${name} exited (${code ?? signal}) during the benchmark`);
          process.exit(1);
        }
      });
      return child;
    };
    await until('redis', async () => {
      execFileSync('redis-cli', ['-p', String(redisPort), 'ping'], { stdio: 'ignore' });
      return true;
    });

    // Bars: 400 hourly bars up to the last boundary (the bar closing at it included).
    const now = Date.now();
    const lastBoundary = Math.floor(now / H) * H;
    if (now - lastBoundary > 3300_000) {
      log('less than 5 minutes to the next hour: waiting for it, so the burst stays within grace');
      await sleep(lastBoundary + H - now + 5000);
    }
    const boundary = Math.floor(Date.now() / H) * H;
    await t.db.query(
      `INSERT INTO instruments (symbol, name, asset_class) VALUES ($1, $1, 'crypto') ON CONFLICT (symbol) DO NOTHING`,
      [SYMBOL],
    );
    const insertBars = async (fromTs: number, count: number) => {
      const ts: Date[] = [];
      const close: number[] = [];
      for (let i = 0; i < count; i++) {
        ts.push(new Date(fromTs + i * H));
        close.push(priceAt(0, fromTs + i * H) * (1 + 0.002 * Math.sin(i * 1.7)));
      }
      await t?.db.query(
        `INSERT INTO bars (instrument_id, interval, ts, open, high, low, close, volume)
         SELECT (SELECT id FROM instruments WHERE symbol = $1), '1h', x.ts, x.c, x.c, x.c, x.c, 1
           FROM unnest($2::timestamptz[], $3::float8[]) AS x(ts, c) ON CONFLICT DO NOTHING`,
        [SYMBOL, ts, close],
      );
    };
    await insertBars(boundary - 400 * H, 400); // ts is the open time: the last closes at `boundary`

    seerd('api', ['api']);
    seerd('worker', ['worker']);
    await until(
      'the API',
      async () => ((await http('GET', '/healthz')).status === 200 ? true : undefined),
      900_000,
    );
    log('API up');

    // Accounts: a developer who owns the models and the bots' keys; uploaders; subscribers who log in.
    const register = async (email: string, roles: string[]) => {
      must(
        await http('POST', '/v1/auth/register', {
          json: { email, password: PASSWORD, displayName: email, roles },
        }),
        [201],
        `register ${email}`,
      );
      const s = must<{ accessToken: string }>(
        await http('POST', '/v1/auth/login', { json: { email, password: PASSWORD } }),
        [200],
        `login ${email}`,
      );
      return s.accessToken;
    };
    const devToken = await register('load-dev@example.com', ['developer', 'subscriber']);
    const uploaders = [];
    for (let i = 0; i < 2; i++) uploaders.push(await register(`load-up${i}@example.com`, ['developer']));
    const loginUsers: string[] = [];
    for (let i = 0; i < 10; i++) {
      await register(`load-sub${i}@example.com`, ['subscriber']);
      loginUsers.push(`load-sub${i}@example.com`);
    }

    // Packages: examples/momentum as 1.0.0 for the models, and 2.x versions for the upload scenario.
    const pkgDir = path.join(work, 'pkg');
    const packVersion = async (version: string) => {
      rmSync(pkgDir, { recursive: true, force: true });
      cpSync(path.join(ROOT, 'examples/momentum'), pkgDir, { recursive: true });
      // horizon 4h: the grace of a slot is capped at half the horizon, so with 4h the burst of the
      // last boundary is still runnable (RUN_GRACE_SECONDS=3500) at any minute of the hour.
      const toml = readFileSync(path.join(pkgDir, 'seer.toml'), 'utf8')
        .replace(/^version = ".*"$/m, `version = "${version}"`)
        .replace(/^horizon = ".*"$/m, 'horizon = "4h"');
      writeFileSync(path.join(pkgDir, 'seer.toml'), toml);
      const file = path.join(work, `momentum-${version}.tar.gz`);
      await packDirectory(pkgDir, file);
      return readFileSync(file);
    };
    const base = await packVersion('1.0.0');
    const uploadBodies: Buffer[] = [];
    for (let i = 0; i < 20; i++) uploadBodies.push(await packVersion(`2.0.${i}`));

    log(`creating, uploading and deploying ${MODELS} models`);
    const slugs: string[] = [];
    for (let i = 0; i < MODELS; i++) {
      const slug = `load-m${String(i).padStart(3, '0')}`;
      must(
        await http('POST', '/v1/models', {
          token: devToken,
          json: { slug, name: `Load ${i}`, symbols: [SYMBOL] },
        }),
        [201],
        'create model',
      );
      must(
        await http('POST', `/v1/models/${slug}/versions`, { token: devToken, body: base }),
        [201],
        'upload',
      );
      must(
        await http('POST', `/v1/models/${slug}/versions/1.0.0/deploy`, { token: devToken }),
        [202],
        'deploy',
      );
      slugs.push(slug);
    }
    const deployT0 = Date.now();
    await until(
      'every deploy check',
      async () => {
        const r = await t?.db.query<{ n: number }>(
          "SELECT count(*)::int AS n FROM model_versions WHERE status = 'deployed'",
        );
        return (r?.rows[0]?.n ?? 0) >= MODELS ? true : undefined;
      },
      1800_000,
    );
    log(`${MODELS} deployed (${((Date.now() - deployT0) / 1000).toFixed(0)} s of deploy checks)`);
    const failedChecks = await t.db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM model_versions WHERE status <> 'deployed'",
    );
    if ((failedChecks.rows[0]?.n ?? 0) > 0) throw new Error('some deploy checks failed');

    const botKeys: string[] = [];
    for (let i = 0; i < BOTS; i++) {
      const k = must<{ key: string }>(
        await http('POST', '/v1/api-keys', {
          token: devToken,
          json: { name: `bot ${i}`, scopes: ['predictions:read'] },
        }),
        [201],
        'api key',
      );
      botKeys.push(k.key);
    }

    // Due at the last boundary: deployed "an hour ago" (bench-only edit, triggers off for it).
    await t.db.exec('ALTER TABLE model_versions DISABLE TRIGGER USER');
    await t.db.query(`UPDATE model_versions SET deployed_at = $1 WHERE status = 'deployed'`, [
      new Date(boundary - 60_000),
    ]);
    await t.db.exec('ALTER TABLE model_versions ENABLE TRIGGER USER');

    const pids = () => {
      const m: Record<string, number[]> = {};
      for (const p of procs) {
        if (!p.child.pid) continue;
        // bin/seerd is a shell script that execs node: the pid is node's.
        m[p.name] = [p.child.pid];
        if (p.name === 'worker') m['worker sandboxes'] = descendants(p.child.pid);
      }
      return m;
    };
    const rssNow = () => {
      const out: Record<string, number> = {};
      for (const [name, ps] of Object.entries(pids()))
        out[name] = ps.reduce((a, p) => a + rssKiB(p), 0) / 1024;
      return out;
    };

    // Burst + load.
    const runCounts = async () =>
      Object.fromEntries(
        (
          (await t?.db.query<{ status: string; n: number }>(
            "SELECT status, count(*)::int AS n FROM runs WHERE mode = 'live' GROUP BY status",
          )) ?? { rows: [] }
        ).rows.map((r) => [r.status, r.n]),
      ) as Record<string, number>;
    const loadDurationS = MODE === 'soak' ? SOAK_MIN * 60 : DURATION_S;
    const loadSamples: string[] = [];
    const rss: { min: number; v: Record<string, number> }[] = [];
    const tLoad = Date.now();
    seerd('scheduler', ['scheduler']);
    log(
      `scheduler started: ${MODELS} runs due at ${new Date(boundary).toISOString()}; load for ${loadDurationS} s`,
    );
    let burstDoneMs: number | undefined;
    let feeding = true;
    const watcher = (async () => {
      let lastRss = -1;
      let fedUpTo = boundary;
      while (feeding) {
        const c = await runCounts().catch(() => ({}) as Record<string, number>);
        if (burstDoneMs === undefined && (c.succeeded ?? 0) + (c.failed ?? 0) + (c.timed_out ?? 0) >= MODELS)
          burstDoneMs = Date.now() - tLoad;
        const minute = Math.floor((Date.now() - tLoad) / 60_000);
        if (minute !== lastRss) {
          lastRss = minute;
          rss.push({ min: (Date.now() - tLoad) / 60_000, v: rssNow() });
          loadSamples.push(load());
          if (MODE === 'soak')
            log(`rss ${JSON.stringify(rss.at(-1)?.v)} load ${load()} runs ${JSON.stringify(c)}`);
        }
        // The feed: the bar closing at each new hour, a little after it (a burst every hour).
        const b = Math.floor(Date.now() / H) * H;
        if (b > fedUpTo && Date.now() - b > 20_000) {
          await insertBars(fedUpTo, (b - fedUpTo) / H).catch(() => {});
          fedUpTo = b;
          log(`feed: bar closing at ${new Date(b).toISOString()} stored`);
        }
        await sleep(1000);
      }
    })();

    const seconds = loadDurationS;
    const rate = (r: number) => Math.max(1, Math.round(r * SCALE));
    let botIdx = 0;
    let loginIdx = 0;
    const catalogue = autocannon({
      url: API,
      connections: 8,
      duration: seconds,
      overallRate: rate(RATES.catalogue),
      requests: [
        { method: 'GET', path: '/v1/models?limit=20' },
        { method: 'GET', path: `/v1/models?limit=20&sort=newest&symbol=${SYMBOL}` },
        {
          method: 'GET',
          setupRequest: (req: autocannon.Request) => ({
            ...req,
            path: `/v1/models/${slugs[Math.floor(Math.random() * slugs.length)]}`,
          }),
        },
      ],
    });
    const polling = autocannon({
      url: API,
      connections: 16,
      duration: seconds,
      overallRate: rate(RATES.polling),
      requests: [
        {
          method: 'GET',
          setupRequest: (req: autocannon.Request) => {
            const i = botIdx++;
            return {
              ...req,
              path: `/v1/models/${slugs[i % slugs.length]}/predictions/latest`,
              headers: { authorization: `Bearer ${botKeys[i % botKeys.length]}` },
            };
          },
        },
      ],
    });
    const logins = autocannon({
      url: API,
      connections: 2,
      duration: seconds,
      overallRate: rate(RATES.logins),
      requests: [
        {
          method: 'POST',
          setupRequest: (req: autocannon.Request) => ({
            ...req,
            path: '/v1/auth/login',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ email: loginUsers[loginIdx++ % loginUsers.length], password: PASSWORD }),
          }),
        },
      ],
    });
    // Uploads: each uploader in turn uploads a new version and deletes the draft (drafts quota).
    const uploadMs: number[] = [];
    let uploadFailures = 0;
    const uploadStatuses: Record<string, number> = {};
    const uploadsUntil = Date.now() + seconds * 1000;
    const uploadSlugs = await Promise.all(
      uploaders.map(async (tok, i) => {
        const slug = `load-up${i}`;
        must(
          await http('POST', '/v1/models', { token: tok, json: { slug, name: `Upload ${i}` } }),
          [201],
          'model',
        );
        return slug;
      }),
    );
    const uploads = Promise.all(
      uploaders.map(async (firstToken, u) => {
        let tok = firstToken;
        let i = 0;
        while (Date.now() < uploadsUntil) {
          const body = uploadBodies[(i + u * 10) % uploadBodies.length] as Buffer;
          const version = `2.0.${(i + u * 10) % uploadBodies.length}`;
          i++;
          const up = await http('POST', `/v1/models/${uploadSlugs[u]}/versions`, { token: tok, body }).catch(
            () => ({
              status: 0,
              body: null,
              ms: 0,
            }),
          );
          uploadStatuses[up.status] = (uploadStatuses[up.status] ?? 0) + 1;
          if (up.status === 401) {
            // Access tokens live ACCESS_TOKEN_TTL_SECONDS (15 min): log in again, as a client does.
            const l = await http('POST', '/v1/auth/login', {
              json: { email: `load-up${u}@example.com`, password: PASSWORD },
            });
            if (l.status === 200) tok = (l.body as { accessToken: string }).accessToken;
            await sleep(1000);
            continue;
          }
          if (up.status !== 201) {
            uploadFailures++;
            await sleep(1000);
            continue;
          }
          uploadMs.push(up.ms);
          const del = await http('DELETE', `/v1/models/${uploadSlugs[u]}/versions/${version}`, {
            token: tok,
          });
          if (del.status !== 204) uploadFailures++;
          await sleep(MODE === 'soak' ? 10_000 : 1000);
        }
      }),
    );
    const [rc, rp, rl] = await Promise.all([catalogue, polling, logins]);
    await uploads;
    const loadS = (Date.now() - tLoad) / 1000;
    const counts = await runCounts();
    // Let the burst finish if it is still running (short mode on a loaded host).
    if (burstDoneMs === undefined) {
      await until('the burst', async () => (burstDoneMs !== undefined ? true : undefined), 600_000).catch(
        () => undefined,
      );
    }
    feeding = false;
    await watcher;
    const finalCounts = await runCounts();
    const dup = await t.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM (SELECT version_id, as_of, symbol FROM predictions
         GROUP BY version_id, as_of, symbol, mode HAVING count(*) > 1) d`,
    );
    const preds = await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM predictions');
    const scenarios: Scenario[] = [
      fromCannon(
        'catalogue',
        'GET /v1/models?limit=20 (2 filters) and GET /v1/models/{slug}, anonymous',
        rate(RATES.catalogue),
        rc,
      ),
      fromCannon(
        'polling',
        `GET /v1/models/{slug}/predictions/latest, ${BOTS} bots each with its own API key`,
        rate(RATES.polling),
        rp,
      ),
      fromCannon('logins', 'POST /v1/auth/login (argon2id, OWASP settings)', rate(RATES.logins), rl),
      {
        name: 'uploads',
        what: `POST /v1/models/{slug}/versions (.tar.gz, ${(base.length / 1024).toFixed(1)} KiB), then DELETE the draft; ${uploaders.length} developers, one at a time each`,
        rate: 0,
        requests: uploadMs.length + uploadFailures,
        rps: uploadMs.length / loadS,
        p50: pct(uploadMs, 0.5),
        p99: pct(uploadMs, 0.99),
        max: Math.max(0, ...uploadMs),
        non2xx: uploadFailures,
        errors: uploadStatuses['0'] ?? 0,
      },
    ];
    const allOk = scenarios.every((s) => s.non2xx === 0 && s.errors === 0 && s.p99 <= P99_BOUND);
    const held = scenarios.filter((s) => s.rate > 0).every((s) => s.rps >= 0.95 * s.rate);

    const rssTable = (() => {
      if (rss.length === 0) return '';
      const names = Object.keys(rss[rss.length - 1]?.v ?? {});
      const warm = rss.filter((r) => r.min >= 5);
      const use = warm.length >= 3 ? warm : rss;
      const lines = names.map((n) => {
        const ys = use.map((r) => r.v[n] ?? 0);
        const s = slope(
          use.map((r) => r.min / 60),
          ys,
        );
        const first = ys[0] ?? 0;
        const last = ys.at(-1) ?? 0;
        const flat = Math.abs(s) <= Math.max(5, 0.05 * Math.max(first, 1));
        return `| ${n} | ${first.toFixed(0)} | ${last.toFixed(0)} | ${Math.max(...ys).toFixed(0)} | ${s >= 0 ? '+' : ''}${s.toFixed(1)} | ${flat ? 'flat' : s > 0 ? '**rising**' : 'falling'} |`;
      });
      if (MODE !== 'soak') {
        return `RSS (MiB) at each minute of the load, for information only (memory growth is judged by the soak mode, SOAK.md): ${rss
          .map((r) =>
            Object.entries(r.v)
              .map(([k, v]) => `${k} ${v.toFixed(0)}`)
              .join(', '),
          )
          .join(' / ')}.`;
      }
      return [
        `RSS sampled every minute (${rss.length} samples; slope by least squares over ${use === warm ? 'the samples after the first 5 minutes (warm-up)' : 'all samples'}; "flat" = |slope| <= max(5 MiB/h, 5% of the first value per hour)).`,
        '',
        '| process | first MiB | last MiB | max MiB | slope MiB/hour | verdict |',
        '| --- | ---: | ---: | ---: | ---: | --- |',
        ...lines,
        '',
        '<details><summary>samples (minute: MiB per process)</summary>',
        '',
        ...rss.map(
          (r) =>
            `- ${r.min.toFixed(1)}: ${Object.entries(r.v)
              .map(([k, v]) => `${k} ${v.toFixed(0)}`)
              .join(', ')}`,
        ),
        '',
        '</details>',
      ].join('\n');
    })();

    const fmt = (ms: number) => `${ms.toFixed(0)} ms`;
    const md = [
      MODE === 'soak' ? '# Soak benchmark' : '# Load benchmark',
      '',
      `Generated by \`npx tsx bench/load/run.ts --mode ${MODE}${MODE === 'soak' ? ` --soak-minutes ${SOAK_MIN}` : ` --duration ${DURATION_S}`} --models ${MODELS} --bots ${BOTS}\` on ${started.toISOString().slice(0, 16)}Z.`,
      '',
      `- Machine: ${cpus().length} cores (${cpus()[0]?.model.trim()}), ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}; PostgreSQL 15 and a private redis-server on the same host.`,
      `- **Shared, loaded host**: other engineers' test suites and builds ran at the same time. Load average at start ${load0}; during the load (1-minute samples) ${loadSamples.join(' / ')}; at the end ${load()}.`,
      `- Processes: \`bin/seerd api\`, \`bin/seerd worker\` (WORKER_CONCURRENCY=2, bubblewrap sandbox, fork template), \`bin/seerd scheduler\`, each its own process; the load driver (autocannon, in one Node process) on the same 2 cores.`,
      `- Burst: ${MODELS} deployed versions of examples/momentum due at ${new Date(boundary).toISOString()}; the scheduler started with the load and dispatched them at once. Runs at the end of the load: ${JSON.stringify(counts)}; after: ${JSON.stringify(finalCounts)}; burst drained ${burstDoneMs === undefined ? 'NOT within the wait' : `${(burstDoneMs / 1000).toFixed(1)} s after the scheduler started`}. Predictions stored: ${preds.rows[0]?.n}; duplicated (version, as_of, symbol, mode): ${dup.rows[0]?.n}.`,
      `- Load: ${loadS.toFixed(0)} s, each scenario open-loop at a fixed rate (autocannon overallRate). Bound stated for p99: **${P99_BOUND} ms**.`,
      '',
      '| scenario | what | target req/s | achieved req/s | requests | p50 | p99 | max | non-2xx | errors |',
      '| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
      ...scenarios.map(
        (s) =>
          `| ${s.name} | ${s.what} | ${s.rate || '-'} | ${s.rps.toFixed(1)} | ${s.requests} | ${fmt(s.p50)} | ${fmt(s.p99)} | ${fmt(s.max)} | ${s.non2xx} | ${s.errors} |`,
      ),
      '',
      `- Verdict: rates held (>= 95% of target): **${held ? 'yes' : 'no'}**; every p99 under ${P99_BOUND} ms with zero errors and zero non-2xx: **${allOk ? 'yes' : 'no'}**.`,
      ...(uploadFailures > 0 ? [`- Upload statuses: ${JSON.stringify(uploadStatuses)}`] : []),
      '',
      rssTable,
      '',
    ].join('\n');
    mkdirSync(path.dirname(OUT), { recursive: true });
    writeFileSync(OUT, md);
    writeFileSync(
      OUT.replace(/\.md$/, '.json'),
      `${JSON.stringify({ mode: MODE, started, load0, loadSamples, scenarios, counts, finalCounts, burstDoneMs, rss }, null, 2)}\n`,
    );
    log(`wrote ${OUT}`);
    console.log(md);
    if (!allOk || !held) process.exitCode = 1;
  } finally {
    stopAll();
    await sleep(2000);
    for (const p of procs) if (p.child.exitCode === null) p.child.kill('SIGKILL');
    await t?.cleanup().catch(() => {});
    rmSync(work, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
