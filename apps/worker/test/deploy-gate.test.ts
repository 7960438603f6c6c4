/**
 * The real deploy gate: examples/momentum runs in the bubblewrap sandbox on real USD/CHF bars
 * stored in real PostgreSQL before it may be deployed.
 */
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { AppError } from '@seer/core/errors';
import {
  type Actor,
  createRegistry,
  createVersionsRepo,
  publishPackageDir,
  type Registry,
} from '@seer/core/registry';
import { createTestDb, type TestDb } from '@seer/core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSandboxDeployGate } from '../src/deploy-gate';

const REPO = fileURLToPath(new URL('../../../', import.meta.url));
// The committed demo data set (USD/CHF hourly, ts,open,high,low,close,volume with UTC timestamps).
const CSV = fileURLToPath(new URL('../../../packages/core/demo-data/usdchf_1h.csv', import.meta.url));

describe('deploy gate in-process (seerd publish) with the real sandbox on PostgreSQL', () => {
  let t: TestDb;
  let work: string;
  let reg: Registry;
  let dev: Actor;
  let lastOpen: Date;

  beforeAll(async () => {
    t = await createTestDb('pg');
    work = await mkdtemp(path.join(tmpdir(), 'seer-gate-test-'));
    const { rows } = await t.db.query<{ id: string }>(
      `INSERT INTO users (email, display_name, password_hash, roles) VALUES ('gate@example.com', 'Gate', 'x', ARRAY['developer']) RETURNING id`,
    );
    dev = { userId: rows[0]!.id, roles: ['developer'] };
    const inst = await t.db.query<{ id: number }>(
      `INSERT INTO instruments (symbol, name, asset_class, quote_currency) VALUES ('USDCHF', 'USD/CHF', 'fx', 'CHF'), ('EURUSD', 'EUR/USD', 'fx', 'USD') RETURNING id`,
    );
    const lines = (await readFile(CSV, 'utf8')).trim().split('\n').slice(-800);
    const cols: [string[], number[], number[], number[], number[]] = [[], [], [], [], []];
    for (const line of lines) {
      const [ts, o, h, l, c] = line.split(',');
      cols[0].push(ts!.endsWith('Z') ? ts! : `${ts}Z`);
      cols[1].push(Number(o));
      cols[2].push(Number(h));
      cols[3].push(Number(l));
      cols[4].push(Number(c));
    }
    await t.db.query(
      `INSERT INTO bars (instrument_id, interval, ts, open, high, low, close)
       SELECT $1, '1h', ts, o, h, l, c FROM unnest($2::timestamptz[], $3::float8[], $4::float8[], $5::float8[], $6::float8[]) AS x(ts, o, h, l, c)`,
      [inst.rows[0]!.id, ...cols],
    );
    lastOpen = new Date(cols[0].at(-1)!);
    reg = await createRegistry({
      config: {
        keysDir: path.join(work, 'keys'),
        generateKeys: true,
        artifactDir: path.join(work, 'artifacts'),
        packageMaxBytes: 10_000_000,
        packageMaxUnpackedBytes: 10_000_000,
        packageMaxFiles: 100,
      },
      db: t.db,
      clock: () => new Date(),
      // In-process checks, as `seerd publish --deploy` runs them: a cold sandbox per check.
      deployGate: (c) =>
        createSandboxDeployGate({
          db: t.db,
          versionsRepo: createVersionsRepo(t.db),
          openVersionPackage: (id) => reg.versions.openVersionPackage(id),
        })(c),
    });
  }, 60_000);
  afterAll(async () => {
    await t?.cleanup();
    if (work) await rm(work, { recursive: true, force: true });
  });

  it('deploys examples/momentum after a trial run at the newest bar close', async () => {
    const { version, model } = await publishPackageDir(reg, {
      actor: dev,
      dir: path.join(REPO, 'examples/momentum'),
      deploy: true,
    });
    expect(version.status).toBe('deployed');
    expect(version.deployCheck).toMatchObject({
      ok: true,
      asOf: new Date(lastOpen.getTime() + 3_600_000).toISOString(),
    });
    expect(model.deployedVersions.map((v) => v.version)).toEqual(['1.0.0']);
  }, 60_000);

  it('refuses the deploy with the model error when the model crashes on real data', async () => {
    const dir = path.join(work, 'crashy');
    await cp(path.join(REPO, 'examples/momentum'), dir, { recursive: true });
    await writeFile(
      path.join(dir, 'seer.toml'),
      (await readFile(path.join(dir, 'seer.toml'), 'utf8')).replace('name = "momentum"', 'name = "crashy"'),
    );
    await writeFile(path.join(dir, 'model.py'), 'def predict(ctx):\n    return {"USDCHF": 1 / 0}\n');
    const err = await publishPackageDir(reg, { actor: dev, dir, deploy: true }).catch((e) => e);
    expect(err).toBeInstanceOf(AppError);
    expect(err.code).toBe('deploy_check_failed');
    expect(err.detail).toMatch(/model_error/);
    expect(err.detail).toMatch(/ZeroDivisionError/);
    expect((await reg.versions.get(dev, 'crashy', '1.0.0')).status).toBe('draft');
  }, 60_000);

  it('refuses with no_market_data when the symbols have no bars yet', async () => {
    const dir = path.join(work, 'eur');
    await cp(path.join(REPO, 'examples/momentum'), dir, { recursive: true });
    await writeFile(
      path.join(dir, 'seer.toml'),
      (await readFile(path.join(dir, 'seer.toml'), 'utf8'))
        .replace('name = "momentum"', 'name = "eur-momentum"')
        .replace('["USDCHF"]', '["EURUSD"]'),
    );
    const err = await publishPackageDir(reg, { actor: dev, dir, deploy: true }).catch((e) => e);
    expect(err).toBeInstanceOf(AppError);
    expect(err.code).toBe('no_market_data');
    expect(err.detail).toMatch(/EURUSD/);
  });
});
