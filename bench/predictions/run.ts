/**
 * Predictions read benchmark, one run, same machine, same database (bench/predictions/generate.ts
 * builds it): Seer's API (N processes) against the Flask + gunicorn + psycopg2 peer on the
 * owner's prediction page (100 rows), Fastify's empty-route floor (N processes), the public
 * page, metrics, latest, and playback of a year of hourly points (8,760) with its server time.
 * Load generator: Debian's wrk. Writes bench/predictions/RESULTS.md.
 *
 *   node --import tsx bench/predictions/run.ts [--duration 15] [--connections 32] [--rounds 3] [--workers N] [--peer-workers 5] [--drop]
 *
 * The floor and Seer's page are measured in alternation, --rounds times, and the ratio is taken
 * per round (the median is reported): on a shared 2-core host an empty route's rate swings by 2x
 * from one minute to the next, so a floor measured once, minutes away from Seer, says little.
 * Every Node row also reports the server processes' CPU time per request (user + system, read
 * from /proc), which is far steadier than requests per second.
 *
 * --drop drops the benchmark database afterwards (generate.ts creates it; rebuilding takes
 * ~50 minutes on a busy 2-core host, so it is kept by default for repeated runs).
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, tmpdir, totalmem } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';

const { values } = parseArgs({
  options: {
    duration: { type: 'string', default: '15' },
    connections: { type: 'string', default: '32' },
    workers: { type: 'string', default: String(availableParallelism()) },
    'peer-workers': { type: 'string', default: String(2 * availableParallelism() + 1) },
    db: { type: 'string', default: 'seer_bench_predictions' },
    rounds: { type: 'string', default: '3' },
    drop: { type: 'boolean', default: false },
    out: { type: 'string', default: fileURLToPath(new URL('./RESULTS.md', import.meta.url)) },
  },
});
const DURATION = Number(values.duration);
const CONNS = Number(values.connections);
const ROUNDS = Number(values.rounds);
const WORKERS = Number(values.workers);
const PEER_WORKERS = Number(values['peer-workers']);
if (!/^seer_bench_[a-z0-9_]+$/.test(values.db as string)) throw new Error('--db must be named seer_bench_*');
const DB_URL = `postgres://postgres@127.0.0.1:5432/${values.db}`;
const KEY = 'seer_0123456789ab_benchmarkbenchmarkbenchmarkbenchmarkbench01';
const AUTH = `Authorization: Bearer ${KEY}`;
// A subscriber's key (made by ensureSubscriber): an active subscription of bench-m000, predictions:read.
const SUB_PREFIX = 'fedcba987654';
const SUB_SECRET = 'subscribersubscribersubscribersubscriber001';
const SUB_AUTH = `Authorization: Bearer seer_${SUB_PREFIX}_${SUB_SECRET}`;
const GZIP = 'Accept-Encoding: gzip, deflate';
const HERE = fileURLToPath(new URL('.', import.meta.url));
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const API = 'http://127.0.0.1:3901';
const FLOOR = 'http://127.0.0.1:3902';
const PEER = 'http://127.0.0.1:3903';
const H = 3_600_000;
const FLOOR_BODY = path.join(tmpdir(), `seer-bench-floor-body-${process.pid}.json`);

interface Wrk {
  rps: number;
  p50: string;
  p99: string;
  non2xx: number;
  /** Server CPU time (user + system) per request, microseconds; NaN when not measured. */
  cpuUs: number;
}

const CLK_TCK = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;

/** CPU ticks (user + system) used so far by a process and its children (node:cluster workers). */
function cpuTicks(pid: number | undefined): number {
  if (pid === undefined) return Number.NaN;
  const pids = [pid];
  try {
    pids.push(
      ...execFileSync('pgrep', ['-P', String(pid)], { encoding: 'utf8' })
        .split('\n')
        .filter(Boolean)
        .map(Number),
    );
  } catch {}
  let ticks = 0;
  for (const p of pids) {
    try {
      // Fields 14 and 15 (utime, stime), after the parenthesised command name.
      const stat = readFileSync(`/proc/${p}/stat`, 'utf8');
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      ticks += Number(f[11]) + Number(f[12]);
    } catch {}
  }
  return ticks;
}

function wrk(
  url: string,
  headers: string[] = [],
  connections = CONNS,
  duration = DURATION,
  server?: ChildProcess,
): Wrk {
  const args = [
    '-t2',
    `-c${connections}`,
    `-d${duration}s`,
    '--latency',
    ...headers.flatMap((h) => ['-H', h]),
    url,
  ];
  const t0 = cpuTicks(server?.pid);
  const out = execFileSync('wrk', args, { encoding: 'utf8' });
  const ticks = cpuTicks(server?.pid) - t0;
  const requests = Number(/(\d+) requests in/.exec(out)?.[1] ?? Number.NaN);
  const cpuUs = (ticks * 1e6) / CLK_TCK / requests;
  const rps = Number(/Requests\/sec:\s+([\d.]+)/.exec(out)?.[1] ?? Number.NaN);
  const p50 = /\s50%\s+(\S+)/.exec(out)?.[1] ?? '?';
  const p99 = /\s99%\s+(\S+)/.exec(out)?.[1] ?? '?';
  const non2xx = Number(/Non-2xx or 3xx responses:\s+(\d+)/.exec(out)?.[1] ?? 0);
  return { rps, p50, p99, non2xx, cpuUs };
}

async function waitFor(url: string, headers: Record<string, string> = {}, timeoutMs = 120_000) {
  const end = Date.now() + timeoutMs;
  for (;;) {
    try {
      const res = await fetch(url, { headers });
      if (res.status < 500) return;
    } catch {}
    if (Date.now() > end) throw new Error(`${url} not up`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

function start(cmd: string, args: string[], env: Record<string, string> = {}): ChildProcess {
  const p = spawn(cmd, args, {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  return p;
}

/** Playback requests counted as cold: the first per server process, and one more. */
const COLD = 3;

function row(what: string, w: Wrk, bold = false): string {
  const b = (x: string) => (bold ? `**${x}**` : x);
  const cpu = Number.isFinite(w.cpuUs) ? `${w.cpuUs.toFixed(0)} us` : '';
  return `| ${what} | ${b(w.rps.toFixed(w.rps < 100 ? 1 : 0))} | ${w.p50} | ${w.p99} | ${w.non2xx} | ${cpu} |`;
}

const pct = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))] as number;
};

/**
 * The load generator and the peer come from Debian's packages (benchmarks only; the tests never
 * need them): installed here when missing, so the script runs on a fresh machine.
 */
function ensureTools() {
  const missing = [
    ['wrk', 'wrk'],
    ['gunicorn', 'gunicorn'],
  ]
    .filter(([cmd]) => {
      try {
        execFileSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' });
        return false;
      } catch {
        return true;
      }
    })
    .map(([, pkg]) => pkg as string);
  try {
    execFileSync('/usr/bin/python3', ['-c', 'import flask, psycopg2'], { stdio: 'ignore' });
  } catch {
    missing.push('python3-flask', 'python3-psycopg2');
  }
  if (missing.length === 0) return;
  console.log(`installing Debian packages: ${missing.join(' ')}`);
  const sudo = process.getuid?.() === 0 ? [] : ['sudo'];
  const apt = (args: string[]) =>
    execFileSync(sudo[0] ?? 'apt-get', [...(sudo.length ? ['apt-get'] : []), ...args], {
      stdio: 'inherit',
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
  apt(['update', '-qq']);
  apt(['install', '-y', '-qq', '--no-install-recommends', ...missing]);
}

async function main() {
  ensureTools();
  const load0 = loadavg()
    .map((x) => x.toFixed(1))
    .join(' ');
  const procs: ChildProcess[] = [];
  const stop = () => {
    for (const p of procs) if (p.pid) p.kill('SIGTERM');
  };
  process.on('exit', stop);
  try {
    const apiServer = start(
      'node',
      ['--import', 'tsx', 'bench/predictions/serve.ts', 'api', '3901', String(WORKERS)],
      { BENCH_DATABASE_URL: DB_URL },
    );
    const floorServer = start(
      'node',
      ['--import', 'tsx', 'bench/predictions/serve.ts', 'floor', '3902', String(WORKERS)],
      { BENCH_FLOOR_BODY_FILE: FLOOR_BODY },
    );
    procs.push(apiServer, floorServer);
    const peerServer = start(
      'gunicorn',
      [
        '-w',
        String(PEER_WORKERS),
        '-b',
        '127.0.0.1:3903',
        '--chdir',
        `${HERE}peer`,
        '--log-level',
        'warning',
        'app:app',
      ],
      {
        BENCH_DATABASE_URL: DB_URL,
      },
    );
    procs.push(peerServer);
    await ensureSubscriber();
    const { rows, to } = await facts();
    const from = new Date(Date.parse(to) - 180 * 24 * H).toISOString();
    const page = `/v1/models/bench-m000/predictions?version=1.0.0&limit=100&from=${encodeURIComponent(from)}`;
    await waitFor(`${API}/health/live`);
    await waitFor(`${FLOOR}/empty`);
    await waitFor(`${PEER}${page}`, { authorization: `Bearer ${KEY}` });

    // Same body from both: the peer is a faithful copy, not a shortcut.
    const pageBody = await (
      await fetch(`${API}${page}`, { headers: { authorization: `Bearer ${KEY}` } })
    ).text();
    writeFileSync(FLOOR_BODY, pageBody);
    const a = JSON.parse(pageBody) as {
      items: unknown[];
      nextCursor: string;
    };
    const b = (await (
      await fetch(`${PEER}${page}`, { headers: { authorization: `Bearer ${KEY}` } })
    ).json()) as {
      items: unknown[];
      nextCursor: string;
    };
    // Flask's jsonify sorts keys: compare canonical forms.
    const canon = (x: unknown): unknown =>
      Array.isArray(x)
        ? x.map(canon)
        : x && typeof x === 'object'
          ? Object.fromEntries(
              Object.entries(x)
                .sort(([p], [q]) => (p < q ? -1 : 1))
                .map(([k, v]) => [k, canon(v)]),
            )
          : x;
    const same =
      a.items.length === 100 &&
      JSON.stringify(canon(a.items)) === JSON.stringify(canon(b.items)) &&
      a.nextCursor === b.nextCursor;

    const warm = (u: string, h: string[] = []) => wrk(u, h, CONNS, 3);
    warm(`${FLOOR}/empty`);
    warm(`${FLOOR}/page`);
    warm(`${API}${page}`, [AUTH]);
    warm(`${PEER}${page}`, [AUTH]);
    warm(`${API}${page}`, [SUB_AUTH, GZIP]);
    // The floor and the owner's page in alternation; the ratio is taken within each round.
    const rounds: Array<{ floor: Wrk; api: Wrk }> = [];
    for (let i = 0; i < ROUNDS; i++) {
      const floorRound = wrk(`${FLOOR}/empty`, [], CONNS, DURATION, floorServer);
      const apiRound = wrk(`${API}${page}`, [AUTH], CONNS, DURATION, apiServer);
      rounds.push({ floor: floorRound, api: apiRound });
    }
    const byRatio = [...rounds].sort((x, y) => x.floor.rps / x.api.rps - y.floor.rps / y.api.rps);
    const median = byRatio[Math.floor(byRatio.length / 2)] as { floor: Wrk; api: Wrk };
    const { floor, api } = median;
    const payloadFloor = wrk(`${FLOOR}/page`, [], CONNS, DURATION, floorServer);
    const peer = wrk(`${PEER}${page}`, [AUTH], CONNS, DURATION, peerServer);
    const subscriber = wrk(`${API}${page}`, [SUB_AUTH], CONNS, DURATION, apiServer);
    // What a Python bot sends by default (python-requests: "gzip, deflate").
    const subscriberGzip = wrk(`${API}${page}`, [SUB_AUTH, GZIP], CONNS, DURATION, apiServer);
    const pub = wrk(
      `${API}/v1/models/bench-m000/predictions?version=1.0.0&limit=100&from=${encodeURIComponent(from)}`,
      [],
      CONNS,
      DURATION,
      apiServer,
    );
    const metrics = wrk(`${API}/v1/models/bench-m000/metrics`, [], CONNS, DURATION, apiServer);
    const latest = wrk(`${API}/v1/models/bench-m000/predictions/latest`, [AUTH], CONNS, DURATION, apiServer);

    // Playback: 8,760 hourly points; sequential requests, server time from Server-Timing.
    const playUrl = `${API}/v1/models/bench-m000/playback?symbol=BENCH3`;
    const server: number[] = [];
    const client: number[] = [];
    let bytes = 0;
    let raw = 0;
    let points = 0;
    for (let i = 0; i < 40; i++) {
      // curl (a fresh connection each time): server time from Server-Timing, client time from curl.
      const out = execFileSync(
        'curl',
        [
          '-s',
          '-D',
          '-',
          '-o',
          '/dev/null',
          '-w',
          'TOTAL %{time_total} %{size_download}\n',
          '-H',
          AUTH,
          '-H',
          'Accept-Encoding: br',
          playUrl,
        ],
        { encoding: 'utf8' },
      );
      const st = /app;dur=([\d.]+)/.exec(out);
      server.push(Number(st?.[1]));
      const tot = /TOTAL ([\d.]+) (\d+)/.exec(out);
      client.push(Number(tot?.[1]) * 1000);
    }
    {
      const res = execFileSync('curl', ['-s', '-H', AUTH, playUrl], { encoding: 'utf8', maxBuffer: 1 << 26 });
      raw = Buffer.byteLength(res);
      points = (JSON.parse(res) as { points: number }).points;
    }
    bytes = codedSize(playUrl);
    const playback = wrk(playUrl, [AUTH, 'Accept-Encoding: br'], 4, DURATION, apiServer);

    const gzipBytes = codedSize(`${API}${page}`, 'gzip');
    const ratioPeer = api.rps / peer.rps;
    const ratioFloor = floor.rps / api.rps;
    const md = `# Predictions read benchmark

Generated by \`node --import tsx bench/predictions/run.ts\` on ${new Date().toISOString().slice(0, 16)}Z
(database from \`bench/predictions/generate.ts\`).

- Machine: ${cpus().length} cores (${cpus()[0]?.model}), ${(totalmem() / 2 ** 30).toFixed(0)} GiB; PostgreSQL 15 on the same host;
  load average at start ${load0} (the host is shared with other work: absolute numbers are noisy,
  the servers were measured one after another within one run, the floor and the page in alternation).
- Data: ${rows.predictions.toLocaleString('en-US')} predictions, ${rows.outcomes.toLocaleString('en-US')} outcomes, ${rows.runs.toLocaleString('en-US')} runs
  (115 models x 10 symbols x 8,760 hourly runs).
- Load: wrk -t2 -c${CONNS} -d${DURATION}s after a 3 s warm-up each. Seer API and the floor: ${WORKERS} Node processes
  (node:cluster); the peer: gunicorn with ${PEER_WORKERS} sync workers (2 x cores + 1, gunicorn's advice).
- The page: \`GET ${page}\` with the owner's API key (predictions:read). The same checks in both; Seer authenticates from its
  per-process auth cache (no query once warm; the key joined with its owner on a miss) and decides the owner's
  entitlement from the model it already read, the peer runs the joined query on every request. Identical items and cursor from both: ${same ? 'yes' : 'NO'}.

| what | requests/s | p50 | p99 | non-2xx | server CPU per request |
| --- | ---: | ---: | ---: | ---: | ---: |
${row('Fastify empty route (floor)', floor)}
${row(`Fastify sending the page's own ${(Buffer.byteLength(pageBody) / 1024).toFixed(0)} KiB (payload floor)`, payloadFloor)}
${row("**Seer: owner's page, 100 rows**", api, true)}
${row('Flask + gunicorn + psycopg2 peer: same page', peer)}
${row("Seer: a subscriber's page (API key, active subscription)", subscriber)}
${row("Seer: the subscriber's page as python-requests asks for it (gzip)", subscriberGzip)}
${row('Seer: public page (anonymous, delayed record)', pub)}
${row('Seer: metrics (snapshot)', metrics)}
${row('Seer: latest per symbol', latest)}
${row(`Seer: playback ${points} points, br, 4 connections`, playback)}

- Seer / peer: **${ratioPeer.toFixed(2)}x** (target >= 3x). Floor / Seer: **${ratioFloor.toFixed(2)}x** (target <= 4x),
  the median of ${ROUNDS} rounds measured in alternation: ${rounds
    .map(
      (r) => `${r.floor.rps.toFixed(0)} / ${r.api.rps.toFixed(0)} = ${(r.floor.rps / r.api.rps).toFixed(2)}x`,
    )
    .join('; ')}.
  In server CPU per request: Seer's page costs ${(api.cpuUs / floor.cpuUs).toFixed(2)}x the empty route and
  ${(api.cpuUs / payloadFloor.cpuUs).toFixed(2)}x the payload floor.
  Payload floor / Seer: **${(payloadFloor.rps / api.rps).toFixed(2)}x** in requests/s (the same bytes sent by a bare Fastify route).
- The page is ${(Buffer.byteLength(pageBody) / 1024).toFixed(0)} KiB as JSON and ${(gzipBytes / 1024).toFixed(1)} KiB gzip-coded (a settled page keeps its codings: no compression per request).
- Playback of ${points} points (one request at a time, ${server.length} requests on fresh connections): server time
  (Server-Timing, request arrival to rendered JSON) of the first ${COLD} (each process reads the year once): ${server
    .slice(0, COLD)
    .map((x) => x.toFixed(0))
    .join(
      ', ',
    )} ms; of the rest p50 ${pct(server.slice(COLD), 0.5).toFixed(1)} ms, p95 ${pct(server.slice(COLD), 0.95).toFixed(1)} ms;
  client time including brotli and transfer p50 ${pct(client, 0.5).toFixed(1)} ms; ${(raw / 1024).toFixed(0)} KiB of JSON,
  ${(bytes / 1024).toFixed(0)} KiB brotli-coded.
`;
    writeFileSync(values.out as string, md);
    console.log(md);
  } finally {
    stop();
    rmSync(FLOOR_BODY, { force: true });
  }
  if (values.drop) {
    await new Promise((r) => setTimeout(r, 2000)); // servers closing their pools
    const pg = (await import('pg')).default;
    const c = new pg.Client({ connectionString: 'postgres://postgres@127.0.0.1:5432/postgres' });
    await c.connect();
    await c.query(`DROP DATABASE IF EXISTS ${values.db} WITH (FORCE)`);
    await c.end();
    console.log(`dropped ${values.db}`);
  }
}

/** The coded size of a response (fetch would decode it). */
function codedSize(url: string, coding: 'br' | 'gzip' = 'br'): number {
  const out = execFileSync('curl', ['-s', '-H', AUTH, '-H', `Accept-Encoding: ${coding}`, url], {
    maxBuffer: 1 << 26,
  });
  (coding === 'br' ? brotliDecompressSync : gunzipSync)(out); // it is coded as asked
  return out.length;
}

/**
 * A subscriber of bench-m000 in good standing (idempotent): a user, the model's plan if it has
 * none, an active subscription whose current period covers the run, and an API key. Their page
 * costs what the owner's does plus billing's entitlement check (the subscription lookup).
 */
async function ensureSubscriber(): Promise<void> {
  const pg = (await import('pg')).default;
  const { createHash } = await import('node:crypto');
  const c = new pg.Client({ connectionString: DB_URL });
  await c.connect();
  try {
    await c.query('BEGIN');
    const model = (await c.query(`SELECT id, owner_id FROM models WHERE slug = 'bench-m000'`)).rows[0];
    let user = (await c.query(`SELECT id FROM users WHERE email = 'bench-subscriber@example.com'`)).rows[0];
    user ??= (
      await c.query(
        `INSERT INTO users (email, display_name, password_hash, roles)
         VALUES ('bench-subscriber@example.com', 'Bench subscriber', 'x', ARRAY['subscriber']) RETURNING id`,
      )
    ).rows[0];
    let plan = (await c.query('SELECT id FROM plans WHERE model_id = $1 LIMIT 1', [model.id])).rows[0];
    plan ??= (
      await c.query(
        `INSERT INTO plans (model_id, price_minor, currency, trial_days, effective_from, created_by)
         VALUES ($1, 4900, 'USD', 0, now() - interval '60 days', $2) RETURNING id`,
        [model.id, model.owner_id],
      )
    ).rows[0];
    await c.query(
      `DELETE FROM subscriptions s WHERE s.user_id = $1 AND s.model_id = $2
         AND NOT EXISTS (SELECT 1 FROM invoices i WHERE i.subscription_id = s.id)`,
      [user.id, model.id],
    );
    await c.query(
      `INSERT INTO subscriptions (user_id, model_id, plan_id, provider, status, price_minor, currency,
                                  anchor_at, period_index, current_period_start, current_period_end, created_at, updated_at)
       VALUES ($1, $2, $3, 'mock', 'active', 4900, 'USD', now() - interval '1 day', 1,
               now() - interval '1 day', now() + interval '29 days', now(), now())`,
      [user.id, model.id, plan.id],
    );
    await c.query(
      `INSERT INTO api_keys (user_id, name, prefix, secret_hash, scopes)
       VALUES ($1, 'bench-subscriber', $2, $3, ARRAY['predictions:read'])
       ON CONFLICT (prefix) DO UPDATE SET user_id = EXCLUDED.user_id, secret_hash = EXCLUDED.secret_hash,
         scopes = EXCLUDED.scopes, revoked_at = NULL, expires_at = NULL`,
      [user.id, SUB_PREFIX, createHash('sha256').update(SUB_SECRET).digest('hex')],
    );
    await c.query('COMMIT');
  } finally {
    await c.end();
  }
}

async function facts(): Promise<{
  rows: { predictions: number; outcomes: number; runs: number };
  to: string;
}> {
  const pg = (await import('pg')).default;
  const c = new pg.Client({ connectionString: DB_URL });
  await c.connect();
  const r = await c.query(
    `SELECT (SELECT count(*) FROM predictions)::int AS predictions, (SELECT count(*) FROM outcomes)::int AS outcomes,
            (SELECT count(*) FROM runs)::int AS runs, (SELECT max(as_of) FROM predictions) AS to`,
  );
  await c.end();
  const row = r.rows[0];
  return {
    rows: { predictions: row.predictions, outcomes: row.outcomes, runs: row.runs },
    to: new Date(row.to).toISOString(),
  };
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
