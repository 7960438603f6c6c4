import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createTestDb, type TestDb } from '@seer/core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runSeerdInProcess } from './run-in-process';

const EXAMPLES = fileURLToPath(new URL('../../../../examples', import.meta.url));

// A thin shell over publishPackageDir (tested on both drivers); one driver suffices.
describe('seerd publish', () => {
  let t: TestDb;
  let work: string;
  beforeAll(async () => {
    t = await createTestDb('pg');
    work = await mkdtemp(path.join(tmpdir(), 'seerd-publish-'));
    await t.db.query(
      `INSERT INTO users (email, display_name, password_hash, roles) VALUES ('dev@example.com', 'Dev', 'x', ARRAY['developer'])`,
    );
    await t.db.query(
      `INSERT INTO instruments (symbol, name, asset_class) VALUES ('USDCHF', 'USD/CHF', 'fx')`,
    );
  }, 60_000);
  afterAll(async () => {
    await t?.cleanup();
    if (work) await rm(work, { recursive: true, force: true });
  });

  async function seerd(args: string[]) {
    return runSeerdInProcess(
      args,
      {
        NODE_ENV: 'test',
        DATABASE_URL: t.url as string,
        SEER_KEYS_DIR: path.join(work, 'keys'),
        ARTIFACT_DIR: path.join(work, 'artifacts'),
      },
      '',
    );
  }

  it('publishes an example folder as a draft and prints its digest', async () => {
    const res = await seerd(['publish', path.join(EXAMPLES, 'mean-reversion'), '--owner', 'DEV@example.com']);
    expect(res.stderr).not.toMatch(/publish:/);
    expect(res.code).toBe(0);
    expect(JSON.parse(res.stdout)).toMatchObject({
      model: 'mean-reversion',
      version: '1.0.0',
      status: 'draft',
      digest: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
  });

  it('fails with the error code for an unknown owner or a bad package', async () => {
    const nobody = await seerd(['publish', path.join(EXAMPLES, 'momentum'), '--owner', 'nobody@example.com']);
    expect(nobody.code).toBe(1);
    expect(nobody.stderr).toMatch(/no active user/);
    const bad = path.join(work, 'bad');
    await cp(path.join(EXAMPLES, 'momentum'), bad, { recursive: true });
    await writeFile(path.join(bad, 'seer.toml'), 'name = "bad-one"\nversion = "x"\n');
    const res = await seerd(['publish', bad, '--owner', 'dev@example.com']);
    expect(res.code).toBe(1);
    expect(res.stderr).toMatch(/manifest_invalid/);
    expect(res.stderr).toMatch(/\/version: must be a semantic version/);
    expect((await seerd(['publish', '--owner', 'dev@example.com'])).code).toBe(2);
  });
});
