/**
 * Packages and keys at rest (issue 16, items 3-4), through the real commands, PostgreSQL and
 * sandbox: a published example model is unreadable in ARTIFACT_DIR (grep finds nothing); the
 * API's login cannot read a package's key while a worker's login can; `seerd keys rotate`
 * rewraps every data key and key file (the package ciphertext is untouched), encrypts plaintext
 * left by an earlier install, and old packages still verify and RUN in the real sandbox under
 * the new key alone.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { testConfig } from '@seer/core/config';
import { createMasterKeyring, masterKeyId } from '@seer/core/crypto';
import { type Db, openDb } from '@seer/core/db';
import { isAppError } from '@seer/core/errors';
import { createFsArtifactStore, createRegistry, publishPackageDir } from '@seer/core/registry';
import { findRun, insertRuns } from '@seer/core/runs';
import { createTestDb, TEST_PG_ADMIN_URL, type TestDb } from '@seer/core/testing';
import { createBwrapSandbox, type Sandbox } from '@seer/sandbox';
import { registryPackageOpener } from '@seer/worker/registry-opener';
import { createRunExecutor } from '@seer/worker/run-executor';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HOUR, seedBars } from '../../../worker/test/helpers';
import { runSeerdInProcess } from './run-in-process';

const EXAMPLES = fileURLToPath(new URL('../../../../examples', import.meta.url));
/** A line of examples/momentum/model.py: its source must never be readable at rest. */
const KNOWN = 'next-hour log return ~ damped difference of fast and slow mean returns';
const T0 = Date.UTC(2026, 0, 5);
const KEY_A = randomBytes(32).toString('base64');
const KEY_B = randomBytes(32).toString('base64');

/** Every file under `dir`, recursively. */
async function filesUnder(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...(await filesUnder(full)));
    else out.push(full);
  }
  return out;
}

/** Files whose raw bytes, or bytes after gunzip when they are gzip, contain `needle`. */
async function grepArtifacts(dir: string, needle: string): Promise<string[]> {
  const hits: string[] = [];
  for (const file of await filesUnder(dir)) {
    const raw = await readFile(file);
    let inflated = Buffer.alloc(0);
    if (raw[0] === 0x1f && raw[1] === 0x8b) inflated = gunzipSync(raw);
    if (raw.includes(Buffer.from(needle)) || inflated.includes(Buffer.from(needle))) hits.push(file);
  }
  return hits;
}

describe('packages and keys at rest (pg, real sandbox)', () => {
  let t: TestDb;
  let work: string;
  let sandbox: Sandbox;
  const suffix = randomBytes(4).toString('hex');
  const apiLogin = `seer_api_${suffix}`;
  const workerLogin = `seer_wk_${suffix}`;
  const password = randomBytes(18).toString('base64url');
  const opened: Db[] = [];
  let digest = '';
  let legacyDigest = '';
  let versionId = '';
  let legacyVersionId = '';

  const dirs = () => ({ keysDir: path.join(work, 'keys'), artifactDir: path.join(work, 'artifacts') });
  const env = (masterKey: string) => ({
    NODE_ENV: 'test',
    DATABASE_URL: t.url as string,
    SEER_KEYS_DIR: dirs().keysDir,
    ARTIFACT_DIR: dirs().artifactDir,
    SEER_MASTER_KEY: masterKey,
  });
  async function seerd(args: string[], e: Record<string, string>, stdin = '') {
    return runSeerdInProcess(args, e, stdin);
  }
  const urlAs = (login: string) => {
    const u = new URL(t.url as string);
    u.username = login;
    u.password = password;
    return u.toString();
  };
  async function registryAs(db: Db, masterKey: string) {
    return createRegistry({
      config: testConfig({ ...dirs(), generateKeys: false, masterKey }),
      db,
      clock: () => new Date(T0),
    });
  }

  beforeAll(async () => {
    t = await createTestDb('pg');
    work = await mkdtemp(path.join(tmpdir(), 'seer-at-rest-'));
    sandbox = await createBwrapSandbox({ strategy: 'cold', concurrency: 1 });
    await t.db.query(
      `INSERT INTO users (email, display_name, password_hash, roles) VALUES ('dev@example.com', 'Dev', 'x', ARRAY['developer'])`,
    );
    await seedBars(t.db, { symbols: ['USDCHF'], from: new Date(T0 - 260 * HOUR), count: 262 });
  }, 120_000);
  afterAll(async () => {
    for (const db of opened) await db.close().catch(() => {});
    await sandbox?.close();
    await t?.cleanup();
    if (work) await rm(work, { recursive: true, force: true });
    const admin = new pg.Client({ connectionString: TEST_PG_ADMIN_URL });
    await admin.connect();
    await admin.query(`DROP ROLE IF EXISTS ${apiLogin}`);
    await admin.query(`DROP ROLE IF EXISTS ${workerLogin}`);
    await admin.end();
  });

  it('stores examples/momentum encrypted: grep of the artifact folder finds nothing of model.py', async () => {
    expect(await readFile(path.join(EXAMPLES, 'momentum', 'model.py'), 'utf8')).toContain(KNOWN);
    const res = await seerd(
      ['publish', path.join(EXAMPLES, 'momentum'), '--owner', 'dev@example.com'],
      env(KEY_A),
    );
    expect(res.stderr).not.toMatch(/publish:/);
    expect(res.code).toBe(0);
    ({ digest } = JSON.parse(res.stdout) as { digest: string });
    const v = await t.db.query<{ id: string }>('SELECT id FROM model_versions WHERE digest = $1', [digest]);
    versionId = v.rows[0]?.id as string;

    const files = await filesUnder(dirs().artifactDir);
    expect(files).toHaveLength(1);
    expect(await grepArtifacts(dirs().artifactDir, KNOWN)).toEqual([]);
    // The search itself can find it: the decrypted package holds the string.
    const reg = await registryAs(t.db, KEY_A);
    const plain = path.join(work, 'plain.tar.gz');
    await reg.store.download(digest, plain);
    expect(gunzipSync(await readFile(plain)).includes(Buffer.from(KNOWN))).toBe(true);
    expect(
      createHash('sha256')
        .update(gunzipSync(await readFile(plain)))
        .digest('hex'),
    ).toBe(digest);
    // The private key files are sealed too.
    for (const f of await filesUnder(dirs().keysDir))
      if (!f.endsWith('master.key')) expect(await readFile(f, 'utf8')).not.toContain('PRIVATE KEY');
    const row = await t.db.query<{ master_kid: string }>(
      'SELECT master_kid FROM artifact_keys WHERE digest = $1',
      [digest],
    );
    expect(row.rows[0]?.master_kid).toBe(masterKeyId(Buffer.from(KEY_A, 'base64')));
  }, 120_000);

  it("the API's login cannot read a package's key or plaintext, even holding the master key; a worker's can", async () => {
    for (const [login, extra] of [
      [apiLogin, []],
      [workerLogin, ['--worker']],
    ] as const) {
      const r = await seerd(
        ['db', 'create-login', '--name', login, '--password-stdin', ...extra],
        env(KEY_A),
        password,
      );
      expect(r.stderr).toMatch(/created/);
      expect(r.code).toBe(0);
    }
    const apiDb = await openDb({ databaseUrl: urlAs(apiLogin), poolMax: 2 });
    const workerDb = await openDb({ databaseUrl: urlAs(workerLogin), poolMax: 2 });
    opened.push(apiDb, workerDb);

    await expect(apiDb.query('SELECT wrapped_key FROM artifact_keys')).rejects.toMatchObject({
      code: '42501',
    });
    expect((await apiDb.query('SELECT digest, master_kid FROM artifact_keys')).rows).toHaveLength(1);
    const apiRegistry = await registryAs(apiDb, KEY_A);
    const err = await apiRegistry.versions.openVersionPackage(versionId).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(isAppError(err) && err.code).toBe('artifact_key_unavailable');
    await expect(apiRegistry.store.download(digest, path.join(work, 'api-copy'))).rejects.toThrow(
      /database role may not read wrapped keys/,
    );

    const workerRegistry = await registryAs(workerDb, KEY_A);
    const pkg = await workerRegistry.versions.openVersionPackage(versionId);
    try {
      expect(await readFile(path.join(pkg.dir, 'model.py'), 'utf8')).toContain(KNOWN);
    } finally {
      await pkg.cleanup();
    }
  }, 120_000);

  it('seerd keys rotate rewraps every key without re-encrypting packages; old packages verify and run under the new key', async () => {
    // An artifact from an earlier install, stored in plaintext (and its plain PEM signing key).
    const legacyKeys = path.join(work, 'legacy-keys');
    const legacy = await createRegistry({
      config: testConfig({ keysDir: legacyKeys, artifactDir: dirs().artifactDir, generateKeys: true }),
      db: t.db,
      clock: () => new Date(T0),
      masterKeys: null,
      store: createFsArtifactStore(dirs().artifactDir),
    });
    const dev = await t.db.query<{ id: string }>(`SELECT id FROM users WHERE email = 'dev@example.com'`);
    // Another example: the same folder would have the same digest, already stored encrypted.
    const { version } = await publishPackageDir(legacy, {
      actor: { userId: dev.rows[0]?.id as string, roles: ['developer'] },
      dir: path.join(EXAMPLES, 'mean-reversion'),
      slug: 'legacy-mean-reversion',
    });
    legacyDigest = version.digest;
    legacyVersionId = version.id;
    expect(await grepArtifacts(dirs().artifactDir, 'def predict')).not.toEqual([]); // the control
    // Its public key, so the platform still verifies it (as an operator keeps retired keys).
    for (const f of await readdir(legacyKeys))
      if (f.startsWith('artifact-signing-')) {
        const { createPublicKey } = await import('node:crypto');
        const { writeFile } = await import('node:fs/promises');
        const pub = createPublicKey(await readFile(path.join(legacyKeys, f), 'utf8'));
        await writeFile(
          path.join(dirs().keysDir, f.replace(/\.pem$/, '.pub.pem')),
          pub.export({ format: 'pem', type: 'spki' }),
        );
      }

    const stored = createFsArtifactStore(dirs().artifactDir).pathFor(digest);
    const cipherBefore = await readFile(stored);
    // Without the old key the command refuses to lose anything.
    const noOld = await seerd(['keys', 'rotate'], env(KEY_B));
    expect(noOld.code).toBe(1);
    expect(noOld.stderr).toMatch(/keep the old master key configured/);
    // What it could do, it did: the plaintext package is now encrypted (under the new key).
    const partial = JSON.parse(noOld.stdout);
    expect(partial.packagesEncrypted).toBe(1);
    expect(partial.failures.join('\n')).toMatch(/data key of [0-9a-f]{64}: unknown master key id/);
    expect(partial.failures.join('\n')).toMatch(/artifact-signing-.*unknown master key id/);

    const rot = await seerd(['keys', 'rotate'], env(`${KEY_B},${KEY_A}`));
    expect(rot.stderr).not.toMatch(/not done/);
    expect(rot.code).toBe(0);
    const report = JSON.parse(rot.stdout);
    expect(report).toMatchObject({
      activeKid: masterKeyId(Buffer.from(KEY_B, 'base64')),
      packagesEncrypted: 0,
      failures: [],
    });
    expect(report.keysRewrapped).toBe(1);
    expect(report.keyFilesRewrapped).toBeGreaterThanOrEqual(1);
    expect((await readFile(stored)).equals(cipherBefore)).toBe(true); // never re-encrypted
    const kids = await t.db.query<{ master_kid: string }>('SELECT DISTINCT master_kid FROM artifact_keys');
    expect(kids.rows.map((r) => r.master_kid)).toEqual([masterKeyId(Buffer.from(KEY_B, 'base64'))]);
    expect(await grepArtifacts(dirs().artifactDir, 'def predict')).toEqual([]);
    expect(await grepArtifacts(dirs().artifactDir, KNOWN)).toEqual([]);
    // Idempotent: a second run has nothing left to do.
    const again = JSON.parse((await seerd(['keys', 'rotate'], env(`${KEY_B},${KEY_A}`))).stdout);
    expect(again).toMatchObject({
      keysRewrapped: 0,
      packagesEncrypted: 0,
      keyFilesRewrapped: 0,
      keysCurrent: 2,
    });

    // The old key alone no longer opens anything; the new key alone opens and runs both.
    const oldOnly = await registryAs(t.db, KEY_A).catch((e: unknown) => e);
    expect(String(oldOnly)).toMatch(/unknown master key id/); // the sealed signing key
    const registry = await registryAs(t.db, KEY_B);
    expect(createMasterKeyring([Buffer.from(KEY_B, 'base64')]).activeKid).toBe(report.activeKid);
    const executor = createRunExecutor({
      db: t.db,
      sandbox,
      openPackage: registryPackageOpener(registry),
      clock: () => new Date(T0 + 2 * HOUR),
      workerId: 'w-rot',
      leaseMs: 60_000,
      graceMs: 300_000,
    });
    for (const [id, h] of [
      [versionId, 1],
      [legacyVersionId, 1],
    ] as const) {
      // The attestation is unchanged: the opener re-verifies digest and signature before the run.
      const [run] = await insertRuns(t.db.kysely, [
        {
          version_id: id,
          mode: 'backtest',
          as_of: new Date(T0 + h * HOUR),
          interval_seconds: 3600,
          horizon_seconds: 3600,
          status: 'queued',
        },
      ]);
      const outcome = await executor.execute(run?.id as string);
      const row = await findRun(t.db.kysely, run?.id as string);
      expect({ outcome, error: row?.error_code ?? null }).toEqual({ outcome: 'succeeded', error: null });
      expect(row?.prediction_count).toBe(1);
    }
    expect(legacyDigest).toMatch(/^[0-9a-f]{64}$/);
  }, 240_000);
});
