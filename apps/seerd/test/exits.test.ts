/**
 * Every seerd command exits as soon as its work is done: no timer, pool, sandbox or template
 * left open. Each command runs as a real process (bin/seerd, the built JavaScript) and fails the
 * test if it lingers more than a second after its last output.
 */
import { chmodSync, cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createTestDb, type TestDb } from '@seer/core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunResult, runSeerd } from './seerd-process';

const LINGER_LIMIT_MS = 1000;
const PASSWORD = 'a-long-admin-password-1';

function expectPrompt(r: RunResult, code: number, what: string): void {
  expect(r.code, `${what}: ${r.stderr}`).toBe(code);
  expect(r.lingerMs, `${what} lingered ${r.lingerMs} ms after its output`).toBeLessThan(LINGER_LIMIT_MS);
}

let t: TestDb;
let work: string;
let pkg: string;
let csv: string;
beforeAll(async () => {
  t = await createTestDb('pg');
  work = mkdtempSync(path.join(tmpdir(), 'seerd-exits-'));
  chmodSync(work, 0o755); // the sandbox's unprivileged uid reads the package from here
  // A package that declares [resources] (cpu_seconds = 5): it used to print and then hang.
  pkg = path.join(work, 'momentum');
  cpSync(path.resolve(__dirname, '../../../examples/momentum'), pkg, { recursive: true });
  const toml = path.join(pkg, 'seer.toml');
  writeFileSync(toml, readFileSync(toml, 'utf8').replace(/cpu_seconds = \d+/, 'cpu_seconds = 5'));
  chmodSync(pkg, 0o755);
  // 300 hourly USD/CHF bars up to 2001-03-01T12:00Z.
  const end = Date.parse('2001-03-01T12:00:00Z');
  const lines = ['ts,open,high,low,close,volume'];
  for (let i = 300; i > 0; i--) {
    const p = 1.6 + 0.01 * Math.sin(i / 7);
    lines.push(`${new Date(end - i * 3_600_000).toISOString()},${p},${p + 0.002},${p - 0.002},${p + 0.001},`);
  }
  csv = path.join(work, 'usdchf.csv');
  writeFileSync(csv, `${lines.join('\n')}\n`);
}, 120_000);
afterAll(async () => {
  await t?.cleanup();
  if (work) {
    await runSeerd(['db', 'stop', '--force'], { SEER_DATA_DIR: work });
    rmSync(work, { recursive: true, force: true });
  }
});

describe('every seerd command exits within a second of its output', () => {
  it('help and usage errors', async () => {
    expectPrompt(await runSeerd(['--help'], {}), 0, '--help');
    expectPrompt(await runSeerd(['users', 'create', '--help'], {}), 0, 'users create --help');
    expectPrompt(await runSeerd(['frobnicate'], {}), 2, 'unknown command');
    expectPrompt(await runSeerd(['worker', 'queue'], {}), 78, 'worker queue without Redis');
  }, 120_000);

  it('on PostgreSQL (DATABASE_URL): migrate, users, ingest, sandbox-run with [resources], publish', async () => {
    const env = { DATABASE_URL: t.url!, SEER_DATA_DIR: work };
    const migrate = await runSeerd(['migrate'], env);
    expectPrompt(migrate, 0, 'migrate');
    expect(migrate.stdout).toContain('is up to date');
    const user = await runSeerd(
      ['users', 'create', '--email', 'dev@example.test', '--roles', 'developer,admin', '--password-stdin'],
      env,
      { input: PASSWORD },
    );
    expectPrompt(user, 0, 'users create');
    expectPrompt(
      await runSeerd(
        ['users', 'create', '--email', 'weak@example.test', '--roles', 'admin', '--password-stdin'],
        env,
        { input: 'short' },
      ),
      1,
      'users create with a weak password',
    );
    const ingest = await runSeerd(
      [
        ...['ingest', 'csv', csv, '--symbol', 'USDCHF', '--interval', '1h', '--create-instrument'],
        ...['--name', 'US dollar / Swiss franc', '--asset-class', 'fx', '--currency', 'CHF'],
      ],
      env,
    );
    expectPrompt(ingest, 0, 'ingest csv');
    const run = await runSeerd(['sandbox-run', pkg, '--as-of', '2001-03-01T12:00:00Z'], env);
    expectPrompt(run, 0, 'sandbox-run');
    const out = JSON.parse(run.stdout) as { ok: boolean; usage: { wall_ms: number } };
    expect(out.ok).toBe(true);
    const publish = await runSeerd(['publish', pkg, '--owner', 'dev@example.test'], env);
    expectPrompt(publish, 0, 'publish');
  }, 600_000);

  it('on the embedded default (private PostgreSQL server) and on PGlite', async () => {
    const env = { SEER_DATA_DIR: work };
    expectPrompt(await runSeerd(['migrate'], env), 0, 'migrate (embedded, first)');
    expectPrompt(await runSeerd(['migrate'], env), 0, 'migrate (embedded, up to date)');
    expectPrompt(
      await runSeerd(
        ['users', 'create', '--email', 'a@example.test', '--roles', 'admin', '--password-stdin'],
        env,
        {
          input: PASSWORD,
        },
      ),
      0,
      'users create (embedded)',
    );
    expectPrompt(await runSeerd(['db', 'status'], env), 3, 'db status');
    const pglite = { SEER_DATA_DIR: work, SEER_EMBEDDED_DB: 'pglite' };
    // A fresh PGlite runs initdb in WebAssembly: minutes on a busy machine.
    expectPrompt(await runSeerd(['migrate'], pglite, { timeoutMs: 300_000 }), 0, 'migrate (PGlite)');
    expectPrompt(await runSeerd(['migrate'], pglite), 0, 'migrate (PGlite, up to date)');
  }, 600_000);
});
