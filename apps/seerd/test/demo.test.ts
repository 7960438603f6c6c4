import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNTS } from '../src/commands/demo';

const SEERD = path.resolve(__dirname, '../../../bin/seerd');

// The README's first command ends in `seerd demo`: this drives it as a user would, over HTTP.
describe('seerd demo', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'seerd-demo-'));
  const port = 20000 + Math.floor(Math.random() * 20000);
  const base = `http://127.0.0.1:${port}`;
  let child: ChildProcess | undefined;
  let stdout = '';
  let stderr = '';

  afterAll(async () => {
    if (child && child.exitCode === null) {
      const exited = new Promise((r) => child!.on('close', r));
      child.kill('SIGTERM');
      await exited;
    }
    rmSync(dataDir, { recursive: true, force: true });
  });

  const json = async (url: string, init?: RequestInit) => {
    const res = await fetch(`${base}${url}`, init);
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };

  it('starts, prints the URL and accounts, and builds verifiable records', async () => {
    child = spawn(SEERD, ['demo', '--ms-per-hour', '20'], {
      env: {
        PATH: process.env.PATH ?? '',
        SEER_DATA_DIR: dataDir,
        PORT: String(port),
        HOST: '127.0.0.1',
        LOG_LEVEL: 'warn',
      },
    });
    child.stdout!.on('data', (d) => {
      stdout += d;
    });
    child.stderr!.on('data', (d) => {
      stderr += d;
    });

    const deadline = Date.now() + 150_000;
    while (!stdout.includes('Seer demo is running') && Date.now() < deadline) {
      if (child.exitCode !== null) throw new Error(`seerd demo exited ${child.exitCode}: ${stderr}`);
      await new Promise((r) => setTimeout(r, 500));
    }
    expect(stdout).toContain(`Seer demo is running at http://localhost:${port}`);
    expect(stdout).toContain(DEMO_ACCOUNTS.developer.email);
    expect(stdout).toContain('THIS IS A DEMO INSTANCE');

    const meta = await json('/v1/meta');
    expect(meta.body).toMatchObject({ demo: true, database: 'pglite' });
    const page = await fetch(`${base}/`);
    expect(await page.text()).toContain('Demo instance');

    const catalogue = await json('/v1/models');
    const slugs = (catalogue.body.items as Array<{ slug: string }>).map((m) => m.slug).sort();
    expect(slugs).toEqual(['mean-reversion', 'momentum', 'sklearn-direction']);

    const login = await json('/v1/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        email: DEMO_ACCOUNTS.developer.email,
        // Generated at start-up and printed, never a string in the source.
        password: new RegExp(
          `developer\\s+${DEMO_ACCOUNTS.developer.email.replace(/\./g, '\\.')}\\s+(\\S+)`,
        ).exec(stdout)?.[1],
      }),
    });
    expect(login.status).toBe(200);
    const auth = { authorization: `Bearer ${login.body.accessToken as string}` };

    // Billing: the demo subscriber holds a trial and a paid subscription with a receipt.
    const trader = await json('/v1/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        email: DEMO_ACCOUNTS.subscriber.email,
        password: new RegExp(
          `subscriber\\s+${DEMO_ACCOUNTS.subscriber.email.replace(/\./g, '\\.')}\\s+(\\S+)`,
        ).exec(stdout)?.[1],
      }),
    });
    const traderAuth = { authorization: `Bearer ${trader.body.accessToken as string}` };
    const subs = (await json('/v1/subscriptions', { headers: traderAuth })).body.items as Array<{
      modelSlug: string;
      status: string;
    }>;
    expect(subs.map((s) => `${s.modelSlug}:${s.status}`).sort()).toEqual([
      'momentum:trialing',
      'sklearn-direction:active',
    ]);
    const receipts = (await json('/v1/invoices', { headers: traderAuth })).body.items as Array<{
      status: string;
    }>;
    expect(receipts.some((i) => i.status === 'succeeded')).toBe(true);
    const entitled = await json('/v1/models/momentum/versions/1.0.0/predictions?limit=1', {
      headers: traderAuth,
    });
    expect(entitled.status).toBe(200);

    // Let the replay pass a few dozen boundaries.
    let coverage: Record<string, unknown> = {};
    while (Date.now() < deadline) {
      coverage = (await json('/v1/models/momentum/versions/1.0.0/coverage', { headers: auth })).body;
      if ((coverage.succeeded as number) >= 24) break;
      await new Promise((r) => setTimeout(r, 1000));
    }
    expect(coverage.succeeded as number).toBeGreaterThanOrEqual(24);
    expect(coverage.missed).toBe(0);
    expect(coverage.failed).toBe(0);

    for (const slug of ['momentum', 'mean-reversion', 'sklearn-direction']) {
      const verify = await json(`/v1/models/${slug}/versions/1.0.0/ledger/verify`, { headers: auth });
      expect(verify.body, slug).toMatchObject({ valid: true, firstBreak: null });
      expect(verify.body.checked as number, slug).toBeGreaterThan(0);
    }
  }, 180_000);
});
