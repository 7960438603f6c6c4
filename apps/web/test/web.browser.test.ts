/**
 * The web UI in a real browser against a real server (test/support/e2e-server.ts: the
 * composition of `seerd demo` — fresh embedded database, real market data replayed, example
 * models deployed through the sandbox, scheduler and worker — serving the built UI), driven by playwright-core with Debian's
 * Chromium. Takes the screenshots in docs/screenshots and runs axe on every main page.
 * Needs /usr/bin/chromium (scripts/setup.sh --with-browser); skipped without it.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';

const ROOT = path.resolve(__dirname, '../../..');
const SERVER = path.join(__dirname, 'support/e2e-server.ts');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const SHOTS = path.join(ROOT, 'docs/screenshots');
const PASSWORD = 'a long browser test password';
const DEMO = {
  developer: { email: 'quant@demo.seer.example', password: 'replay-the-past-1' },
  admin: { email: 'operator@demo.seer.example', password: 'replay-the-past-3' },
};
const LAPTOP = { width: 1280, height: 860 };
const PHONE = { width: 390, height: 844 };

const hasBrowser = existsSync(CHROMIUM);
// Pages answer slowly on a loaded machine (the server replays, runs models and serves at once).
vi.setConfig({ expect: { poll: { timeout: 15_000, interval: 100 } } });

describe.skipIf(!hasBrowser)('web UI in Chromium against a demo server', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'seer-web-e2e-'));
  const port = 20000 + Math.floor(Math.random() * 20000);
  const base = `http://127.0.0.1:${port}`;
  const run = Math.random().toString(36).slice(2, 8);
  let child: ChildProcess | undefined;
  let browser: Browser;
  let stderr = '';
  const contexts: BrowserContext[] = [];
  const pageErrors: string[] = [];

  afterEach(() => {
    // No uncaught script error on any page.
    expect(pageErrors.splice(0)).toEqual([]);
  });

  async function newPage(viewport = LAPTOP): Promise<Page> {
    const context = await browser.newContext({ viewport, baseURL: base, reducedMotion: 'reduce' });
    contexts.push(context);
    const page = await context.newPage();
    page.on('pageerror', (err) => pageErrors.push(`${page.url()}: ${err.message}`));
    return page;
  }

  async function shot(page: Page, name: string): Promise<void> {
    mkdirSync(SHOTS, { recursive: true });
    // Let fonts, charts and transitions settle.
    await page.waitForTimeout(300);
    await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: false });
  }

  /** axe-core on the page as it is: no serious or critical violation. */
  async function checkA11y(page: Page, label: string): Promise<void> {
    const result = await new AxeBuilder({ page }).analyze();
    const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(
      bad.map((v) => `${label}: ${v.id} (${v.impact}) ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
    ).toEqual([]);
  }

  async function signIn(page: Page, email: string, password: string): Promise<void> {
    await page.goto('/sign-in');
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect
      .poll(() => page.getByRole('button', { name: 'Sign out' }).isVisible(), { timeout: 30_000 })
      .toBe(true);
  }

  async function startDemo(): Promise<void> {
    const attemptDir = mkdtempSync(path.join(dataDir, 'run-'));
    stderr = '';
    const proc = spawn(process.execPath, ['--import', 'tsx', SERVER], {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH ?? '',
        SEER_DATA_DIR: attemptDir,
        PORT: String(port),
        HOST: '127.0.0.1',
        PUBLIC_URL: base,
        LOG_LEVEL: 'warn',
        SEER_REPLAY_MS_PER_HOUR: '400',
      },
    });
    child = proc;
    let stdout = '';
    proc.stdout.on('data', (d) => {
      stdout += d;
    });
    proc.stderr.on('data', (d) => {
      stderr += d;
    });
    const deadline = Date.now() + 420_000;
    while (!stdout.includes('listening') && Date.now() < deadline) {
      if (proc.exitCode !== null) throw new Error(`the demo server exited ${proc.exitCode}: ${stderr}`);
      await new Promise((r) => setTimeout(r, 500));
    }
    if (!stdout.includes('listening')) {
      proc.kill('SIGTERM');
      await new Promise((r) => proc.on('close', r));
      throw new Error(`the demo server did not start: ${stderr}`);
    }
  }

  /** The build is missing or older than a source file (as scripts/setup.sh decides). */
  function distIsStale(): boolean {
    const index = path.join(ROOT, 'apps/web/dist/index.html');
    if (!existsSync(index)) return true;
    const built = statSync(index).mtimeMs;
    const newer = (dir: string): boolean =>
      readdirSync(dir, { withFileTypes: true }).some((e) =>
        e.isDirectory() ? newer(path.join(dir, e.name)) : statSync(path.join(dir, e.name)).mtimeMs > built,
      );
    return newer(path.join(ROOT, 'apps/web/src'));
  }

  beforeAll(async () => {
    if (distIsStale()) {
      // A production build: vitest sets NODE_ENV=test, which would select React's development
      // build (and StrictMode's doubled effects) in the bundle the server serves.
      execFileSync('npm', ['run', 'build', '-w', 'apps/web', '--silent'], {
        cwd: ROOT,
        stdio: 'ignore',
        env: { ...process.env, NODE_ENV: 'production' },
      });
    }
    // On a loaded machine the sandbox's fork template can miss its start-up deadline: retry.
    for (let attempt = 1; ; attempt++) {
      try {
        await startDemo();
        break;
      } catch (err) {
        if (attempt >= 2) throw err;
      }
    }
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--disable-dev-shm-usage', '--disable-gpu'],
    });
  }, 900_000);

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => {});
    await browser?.close().catch(() => {});
    if (child && child.exitCode === null) {
      const exited = new Promise((r) => child!.on('close', r));
      child.kill('SIGTERM');
      await exited;
    }
    rmSync(dataDir, { recursive: true, force: true });
  }, 60_000);

  it('a visitor sees the demo banner and a populated marketplace; search and filters work', async () => {
    const page = await newPage();
    await page.goto('/');
    await expect.poll(() => page.getByRole('note').first().textContent()).toContain('Demo instance');
    await expect.poll(() => page.locator('.model-card').count(), { timeout: 15_000 }).toBe(2);
    await checkA11y(page, 'marketplace');
    await shot(page, 'marketplace');

    await page.getByLabel('Search', { exact: true }).fill('reversion');
    await page.getByRole('button', { name: 'Apply' }).click();
    await expect.poll(() => page.locator('.model-card').count()).toBe(1);
    expect(page.url()).toContain('q=reversion');
    await page.getByLabel('Search', { exact: true }).fill('no-such-model-anywhere');
    await page.getByRole('button', { name: 'Apply' }).click();
    await expect.poll(() => page.getByText('No model matches these filters.').isVisible()).toBe(true);

    const phone = await newPage(PHONE);
    await phone.goto('/');
    await expect.poll(() => phone.locator('.model-card').count(), { timeout: 15_000 }).toBe(2);
    await shot(phone, 'marketplace-phone');
    await phone.getByRole('button', { name: 'Menu' }).click();
    await expect.poll(() => phone.getByRole('link', { name: 'Sign up' }).isVisible()).toBe(true);
  }, 120_000);

  it('a developer signs up, creates a model, uploads the example package and deploys it', async () => {
    const page = await newPage();
    await page.goto('/sign-up');
    await checkA11y(page, 'sign-up');
    await shot(page, 'sign-up');
    await page.getByLabel('Name shown to others').fill('Browser Dev');
    await page.getByLabel('Email').fill(`dev-${run}@example.com`);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByLabel('follow models (subscriber)').uncheck();
    await page.getByLabel('publish models (developer)').check();
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.waitForURL('**/console');
    await expect.poll(() => page.getByText('You have no model yet.').isVisible()).toBe(true);
    await checkA11y(page, 'console');

    await page.getByLabel('Name', { exact: true }).fill(`Browser Momentum ${run}`);
    expect(await page.getByLabel('Slug (URL name)').inputValue()).toBe(`browser-momentum-${run}`);
    await page.getByRole('button', { name: 'Create model' }).click();
    await page.waitForURL(`**/console/models/browser-momentum-${run}`);

    const pkgDir = mkdtempSync(path.join(tmpdir(), 'seer-web-pkg-'));
    const good = path.join(pkgDir, 'momentum.tar.gz');
    execFileSync('tar', ['-czf', good, '-C', path.join(ROOT, 'examples/momentum'), 'seer.toml', 'model.py']);
    await page.locator('input[type=file]').setInputFiles(good);
    await expect
      .poll(() => page.getByText('Published version 1.0.0 as a draft').isVisible(), { timeout: 30_000 })
      .toBe(true);
    await checkA11y(page, 'model console');
    await page.getByRole('button', { name: 'Deploy version 1.0.0' }).click();
    await expect
      .poll(() => page.getByText('Deployed 1.0.0: it now runs on schedule.').isVisible(), { timeout: 90_000 })
      .toBe(true);
    await expect
      .poll(() => page.getByRole('button', { name: 'Retire version 1.0.0' }).isVisible())
      .toBe(true);

    // Plan and price.
    await page.getByLabel('Monthly price').fill('12.50');
    // No trial: the declined-card journey below is charged at once.
    await page.getByLabel('Trial days').fill('0');
    await page.getByRole('button', { name: 'Save plan' }).click();
    await expect.poll(() => page.getByText('Saved: $12.50/month, no trial.').isVisible()).toBe(true);
    await shot(page, 'developer-console');

    // A bad package: every invalid seer.toml field is listed.
    const badDir = path.join(pkgDir, 'bad');
    mkdirSync(badDir);
    writeFileSync(
      path.join(badDir, 'seer.toml'),
      'name = "broken"\nversion = "2.0.0"\nentrypoint = "model:predict"\ninterval = "2h"\nhorizon = "1h"\ntarget = "return"\nsymbols = []\nlookback = 200\n',
    );
    writeFileSync(path.join(badDir, 'model.py'), 'def predict(data, params):\n    return []\n');
    const bad = path.join(pkgDir, 'bad.tar.gz');
    execFileSync('tar', ['-czf', bad, '-C', badDir, 'seer.toml', 'model.py']);
    await page.locator('input[type=file]').setInputFiles(bad);
    const errors = page.getByRole('list', { name: 'Invalid fields' });
    await expect.poll(() => errors.isVisible(), { timeout: 30_000 }).toBe(true);
    const text = (await errors.textContent()) ?? '';
    expect(text).toContain('interval');
    expect(text).toContain('symbols');
    await checkA11y(page, 'upload errors');
    await shot(page, 'upload-field-errors');
    rmSync(pkgDir, { recursive: true, force: true });

    // The new model is in the catalogue.
    await page.goto(`/?q=${run}`);
    await expect.poll(() => page.locator('.model-card').count(), { timeout: 15_000 }).toBe(1);
  }, 180_000);

  it('a subscriber signs up, starts a trial, reads the metric cards, plays back and creates an API key', async () => {
    const page = await newPage();
    await page.goto('/sign-up');
    await page.getByLabel('Name shown to others').fill('Browser Trader');
    await page.getByLabel('Email').fill(`trader-${run}@example.com`);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.waitForURL(`${base}/`);
    await expect
      .poll(() => page.locator('.model-card').count(), { timeout: 15_000 })
      .toBeGreaterThanOrEqual(3);
    await page.getByLabel('Sort by').selectOption('name');
    await page.getByRole('button', { name: 'Apply' }).click();
    await page.locator('.model-card h2').getByRole('link', { name: 'momentum', exact: true }).click();
    await page.waitForURL('**/models/momentum');
    await expect.poll(() => page.getByRole('heading', { name: 'Versions' }).isVisible()).toBe(true);
    await expect.poll(() => page.getByText('14-day free trial', { exact: true }).isVisible()).toBe(true);
    await expect
      .poll(() =>
        page
          .getByRole('cell', { name: /deployed/ })
          .first()
          .isVisible(),
      )
      .toBe(true);

    // Metric cards: live and backtest records apart, each metric defined in a tooltip.
    const live = page.getByRole('region', { name: 'Live record of version 1.0.0' });
    await expect.poll(() => live.isVisible(), { timeout: 30_000 }).toBe(true);
    await expect.poll(() => page.getByText('Backtest record').first().isVisible()).toBe(true);
    const tip = live.getByRole('button', { name: 'What is Sharpe ratio?' });
    await tip.focus();
    const tooltip = page.getByRole('tooltip').filter({ hasText: 'annualised by the square root' }).first();
    await expect.poll(() => tooltip.isVisible()).toBe(true);
    await live.scrollIntoViewIfNeeded();
    await shot(page, 'metric-cards');
    await tip.blur();

    // Start the trial: the payment step takes a test card.
    await page.getByRole('button', { name: 'Start 14-day free trial' }).click();
    await page.getByLabel('Card number').fill('4242 4242 4242 4242');
    await checkA11y(page, 'payment step');
    await page.getByRole('button', { name: 'Start the free trial' }).click();
    const state = page.getByTestId('subscription-state');
    await expect.poll(() => state.textContent(), { timeout: 15_000 }).toContain('Free trial until');
    await expect.poll(() => page.getByRole('button', { name: /Cancel subscription/ }).isVisible()).toBe(true);
    await checkA11y(page, 'model page');
    await page.evaluate(() => window.scrollTo(0, 0));
    await shot(page, 'model-page');

    // A subscriber plays back the full record.
    const playback = page.getByRole('region', { name: /live record/ });
    await expect.poll(() => playback.isVisible(), { timeout: 30_000 }).toBe(true);
    await expect.poll(() => playback.locator('canvas').count()).toBeGreaterThan(0);
    await playback.getByRole('button', { name: 'Play' }).click();
    await page.waitForTimeout(500);
    await playback.getByRole('button', { name: 'Pause' }).click();

    // Subscriptions: status, trial end, next charge; cancel and resume.
    await page.getByRole('link', { name: 'Subscriptions' }).click();
    await page.waitForURL('**/subscriptions');
    const row = page.getByRole('row', { name: /momentum/ });
    await expect.poll(() => row.textContent(), { timeout: 15_000 }).toContain('Free trial');
    await expect.poll(() => page.getByText('No invoices yet.').isVisible()).toBe(true);
    page.once('dialog', (d) => void d.accept());
    await row.getByRole('button', { name: /Cancel subscription/ }).click();
    await expect.poll(() => row.textContent()).toContain('canceled at period end');
    await expect.poll(() => row.textContent()).toContain('never be charged');
    await row.getByRole('button', { name: /Resume subscription/ }).click();
    await expect.poll(() => row.getByRole('button', { name: /Cancel subscription/ }).isVisible()).toBe(true);
    await checkA11y(page, 'subscriptions');
    await shot(page, 'subscriptions');

    await page.getByRole('link', { name: 'API keys' }).click();
    await page.waitForURL('**/api-keys');
    await expect.poll(() => page.getByText('No API keys.').isVisible()).toBe(true);
    await checkA11y(page, 'api keys');
    await page.getByLabel('Name', { exact: true }).fill('my trading bot');
    await page.getByLabel(/models:read/).check();
    await page.getByLabel(/account:read/).check();
    await page.getByRole('button', { name: 'Create key' }).click();
    const key = page.getByTestId('new-api-key');
    await expect.poll(() => key.isVisible()).toBe(true);
    const secret = (await key.textContent()) ?? '';
    expect(secret).toMatch(/^seer_/);
    await expect.poll(() => page.getByRole('row', { name: /my trading bot/ }).isVisible()).toBe(true);
    await shot(page, 'api-keys');
    // The key works against the API.
    const me = await fetch(`${base}/v1/me`, { headers: { authorization: `Bearer ${secret}` } });
    expect(me.status).toBe(200);
    // Shown once: gone after "I have stored it" and after a reload.
    await page.getByRole('button', { name: 'I have stored it' }).click();
    expect(await page.getByTestId('new-api-key').count()).toBe(0);

    // Revoke it.
    page.once('dialog', (d) => void d.accept());
    await page.getByRole('button', { name: 'Revoke my trading bot' }).click();
    await expect.poll(() => page.getByText('No API keys.').isVisible()).toBe(true);
    expect((await fetch(`${base}/v1/me`, { headers: { authorization: `Bearer ${secret}` } })).status).toBe(
      401,
    );
  }, 180_000);

  it('a session ended on the server shows a clear message, in the page and after a reload', async () => {
    const page = await newPage();
    await signIn(page, `trader-${run}@example.com`, PASSWORD);
    // Silent refresh: a reload keeps the user signed in through the refresh cookie.
    await page.reload();
    await expect
      .poll(() => page.getByRole('button', { name: 'Sign out' }).isVisible(), { timeout: 30_000 })
      .toBe(true);

    // End the session behind the page's back (as "sign out everywhere" or an admin would).
    const cookie = (await page.context().cookies()).find((c) => c.name === 'seer_refresh');
    expect(cookie).toBeDefined();
    const out = await fetch(`${base}/v1/auth/logout`, {
      method: 'POST',
      headers: { cookie: `seer_refresh=${cookie!.value}` },
    });
    expect(out.status).toBe(204);
    // The browser still holds the (now dead) cookie and access token.
    await page.context().addCookies([{ ...cookie!, expires: cookie!.expires }]);

    await page.getByRole('link', { name: 'API keys' }).click();
    const alert = page.locator('.session-ended');
    await expect.poll(() => alert.textContent(), { timeout: 15_000 }).toContain('Please sign in again');
    await page.waitForURL('**/sign-in?next=%2Fapi-keys');
    await checkA11y(page, 'session ended');
    await shot(page, 'session-ended');

    // After a reload the dead cookie cannot resume the session: the message says the session ended.
    const refreshes: string[] = [];
    page.on('response', async (r) => {
      if (r.url().endsWith('/v1/auth/refresh'))
        refreshes.push(`${r.status()} ${await r.text().catch(() => '')}`);
    });
    await page.reload();
    await expect
      .poll(
        async () =>
          (await alert.count())
            ? await alert.textContent()
            : `no banner; url ${page.url()}; signedIn flag ${await page.evaluate(() => localStorage.getItem('seer.signedIn'))}; refreshes ${refreshes.join(' | ')}`,
        { timeout: 30_000 },
      )
      .toContain('Your session has ended');
    expect(await page.getByRole('link', { name: 'Sign in' }).first().isVisible()).toBe(true);
  }, 180_000);

  it('a declined card shows a clear error; another card pays, and the developer sees the earnings', async () => {
    const page = await newPage();
    await page.goto('/sign-up');
    await page.getByLabel('Name shown to others').fill('Browser Buyer');
    await page.getByLabel('Email').fill(`buyer-${run}@example.com`);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.waitForURL(`${base}/`);
    await page.goto(`/models/browser-momentum-${run}`);
    await page.getByRole('button', { name: 'Subscribe', exact: true }).click();
    await page.getByLabel('Card number').fill('4000 0000 0000 0002');
    await page.getByRole('button', { name: 'Pay and subscribe' }).click();
    const declined = page.getByRole('alert').filter({ hasText: 'Your card was declined' });
    await expect.poll(() => declined.isVisible(), { timeout: 15_000 }).toBe(true);
    await checkA11y(page, 'card declined');
    await shot(page, 'card-declined');
    // Nothing was subscribed; a good card pays the first month.
    await page.getByLabel('Card number').fill('4242424242424242');
    await page.getByRole('button', { name: 'Pay and subscribe' }).click();
    const state = page.getByTestId('subscription-state');
    await expect.poll(() => state.textContent(), { timeout: 60_000 }).toContain('Active at $12.50/month');
    await page.goto('/subscriptions');
    const invoice = page.getByRole('table', { name: 'Invoices' }).getByRole('row', { name: /\$12\.50/ });
    await expect.poll(() => invoice.first().textContent(), { timeout: 15_000 }).toContain('succeeded');

    // The developer's earnings by month.
    const dev = await newPage();
    await signIn(dev, `dev-${run}@example.com`, PASSWORD);
    await dev.goto('/console');
    const earnings = dev.getByRole('table', { name: 'Earnings by month' });
    await expect.poll(() => earnings.textContent(), { timeout: 15_000 }).toContain(`browser-momentum-${run}`);
    expect(await earnings.textContent()).toContain('$12.50');
    await checkA11y(dev, 'earnings');
    await dev.getByRole('heading', { name: 'Earnings by month' }).scrollIntoViewIfNeeded();
    await shot(dev, 'earnings');
  }, 180_000);

  it('a user changes their password: wrong current password and mismatch refused, then the new one works', async () => {
    const page = await newPage();
    const email = `pw-${run}@example.com`;
    const next = 'another long browser password';
    await page.goto('/sign-up');
    await page.getByLabel('Name shown to others').fill('Browser Password');
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.waitForURL(`${base}/`);
    await page.getByRole('link', { name: 'Browser Password' }).click();
    await page.waitForURL('**/account');
    await checkA11y(page, 'account');

    await page.getByLabel('Current password').fill('not the password at all');
    await page.getByLabel('New password', { exact: true }).fill(next);
    await page.getByLabel('Repeat the new password').fill(next);
    await page.getByRole('button', { name: 'Change password' }).click();
    await expect
      .poll(() => page.getByText('The current password is incorrect.').isVisible(), { timeout: 15_000 })
      .toBe(true);
    expect(await page.getByLabel('Current password').getAttribute('aria-invalid')).toBe('true');

    await page.getByLabel('Current password').fill(PASSWORD);
    await page.getByLabel('Repeat the new password').fill(`${next} typo`);
    await page.getByRole('button', { name: 'Change password' }).click();
    await expect.poll(() => page.getByText('The two new passwords differ.').isVisible()).toBe(true);

    await page.getByLabel('Repeat the new password').fill(next);
    await page.getByRole('button', { name: 'Change password' }).click();
    await expect.poll(() => page.getByText('Password changed.').isVisible(), { timeout: 15_000 }).toBe(true);
    await shot(page, 'account');
    // This session continues; the old password no longer signs in, the new one does.
    expect(await page.getByRole('button', { name: 'Sign out' }).isVisible()).toBe(true);
    const old = await fetch(`${base}/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password: PASSWORD }),
    });
    expect(old.status).toBe(401);
    const other = await newPage();
    await signIn(other, email, next);
  }, 120_000);

  it("the model's owner sees coverage, a verified ledger and the playback of its predictions", async () => {
    const page = await newPage();
    await signIn(page, DEMO.developer.email, DEMO.developer.password);
    await page.goto('/models/momentum');
    await expect.poll(() => page.getByText('Coverage').first().isVisible(), { timeout: 15_000 }).toBe(true);
    await page.getByRole('button', { name: 'Verify the ledger' }).first().click();
    await expect
      .poll(
        () =>
          page
            .getByText(/Chain intact/)
            .first()
            .isVisible(),
        { timeout: 15_000 },
      )
      .toBe(true);
    const playback = page.getByRole('region', { name: /live record/ });
    await expect.poll(() => playback.isVisible(), { timeout: 30_000 }).toBe(true);
    await expect.poll(() => playback.locator('canvas').count()).toBeGreaterThan(0);
    await playback.getByRole('button', { name: 'Step back one bar' }).click();
    const readout = page.locator('.playback-readout');
    const before = await readout.textContent();
    await playback.getByRole('button', { name: 'Step forward one bar' }).click();
    await expect.poll(() => readout.textContent()).not.toBe(before);
    await playback.getByRole('button', { name: 'Play' }).click();
    await page.waitForTimeout(500);
    await playback.getByRole('button', { name: 'Pause' }).click();
    await playback.scrollIntoViewIfNeeded();
    await checkA11y(page, 'playback');
    await shot(page, 'playback');

    // Runs in the console.
    await page.goto('/console/models/momentum');
    await expect.poll(() => page.locator('tbody tr').count(), { timeout: 15_000 }).toBeGreaterThan(1);
    await checkA11y(page, 'runs');
    await shot(page, 'runs');
  }, 180_000);

  it('an admin sees users and roles, the audit log, instruments with freshness and health', async () => {
    const page = await newPage();
    await signIn(page, DEMO.admin.email, DEMO.admin.password);
    await page.getByRole('link', { name: 'Admin' }).click();
    await expect
      .poll(() => page.getByText(`trader-${run}@example.com`).first().isVisible(), { timeout: 15_000 })
      .toBe(true);
    await checkA11y(page, 'admin users');
    await shot(page, 'admin-users');
    await page.getByRole('tab', { name: 'Audit log' }).click();
    await expect
      .poll(() => page.getByText('login.succeeded').first().isVisible(), { timeout: 15_000 })
      .toBe(true);
    await checkA11y(page, 'admin audit');
    await page.getByRole('tab', { name: 'Instruments and data' }).click();
    await expect
      .poll(() => page.getByRole('rowheader', { name: /USDCHF/ }).isVisible(), { timeout: 15_000 })
      .toBe(true);
    await expect
      .poll(
        () =>
          page
            .getByText(/fresh|stale/)
            .first()
            .isVisible(),
        { timeout: 15_000 },
      )
      .toBe(true);
    await checkA11y(page, 'admin instruments');
    await shot(page, 'admin-instruments');
    await page.getByRole('tab', { name: 'Health' }).click();
    await expect.poll(() => page.getByText('Readiness:').isVisible()).toBe(true);
    await checkA11y(page, 'admin health');
  }, 180_000);
});
