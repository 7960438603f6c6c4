/**
 * The artifact garbage collector on both databases with the real filesystem store: only
 * unreferenced artifacts older than the grace go; referenced ones (however old) and fresh ones
 * (an upload in progress) stay; a deleted draft's package goes after the grace; re-uploading the
 * same bytes renews it.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, TEST_DRIVERS, type TestDb } from '../../testing/test-db';
import { packageTgz } from '../package/test-archives';
import { createRegistry, type Registry } from '../registry';
import type { Actor } from '../views';
import { sweepArtifacts } from './artifact-gc';
import { createFsArtifactStore } from './artifact-store';

const HOUR = 3_600_000;

describe.each(TEST_DRIVERS)('artifact garbage collection on %s', (driver) => {
  let t: TestDb;
  let work: string;
  let reg: Registry;
  let store: ReturnType<typeof createFsArtifactStore>;
  let dev: Actor;

  beforeAll(async () => {
    t = await createTestDb(driver);
    work = await mkdtemp(path.join(tmpdir(), 'seer-gc-test-'));
    const { rows } = await t.db.query<{ id: string }>(
      `INSERT INTO users (email, display_name, password_hash, roles) VALUES ('gc@example.com', 'GC', 'x', ARRAY['developer']) RETURNING id`,
    );
    dev = { userId: rows[0]!.id, roles: ['developer'] };
    await t.db.query(
      `INSERT INTO instruments (symbol, name, asset_class) VALUES ('USDCHF', 'USD/CHF', 'fx')`,
    );
    store = createFsArtifactStore(path.join(work, 'artifacts'));
    reg = await createRegistry({
      config: {
        keysDir: path.join(work, 'keys'),
        generateKeys: true,
        artifactDir: path.join(work, 'artifacts'),
        packageMaxBytes: 2_000_000,
        packageMaxUnpackedBytes: 4_000_000,
        packageMaxFiles: 100,
      },
      db: t.db,
      clock: () => new Date(),
      store,
    });
  });
  afterAll(async () => {
    await t?.cleanup();
    if (work) await rm(work, { recursive: true, force: true });
  });

  const age = async (digest: string, ms: number) => {
    const at = new Date(Date.now() - ms);
    await utimes(store.pathFor(digest), at, at);
  };
  const stray = async (): Promise<string> => {
    const digest = randomBytes(32).toString('hex');
    const f = path.join(work, `${digest}.tgz`);
    await writeFile(f, randomBytes(100));
    await store.put(digest, f);
    return digest;
  };
  const sweep = () => sweepArtifacts({ db: t.db, store, graceMs: 24 * HOUR });

  it('deletes only unreferenced artifacts older than the grace', async () => {
    await reg.models.create(dev, { slug: 'gc-kept', name: 'kept' });
    const kept = await reg.versions.publish(dev, { slug: 'gc-kept', body: await packageTgz() });
    const oldStray = await stray();
    const freshStray = await stray();
    await age(kept.digest, 30 * 24 * HOUR); // referenced: never deleted, however old
    await age(oldStray, 25 * HOUR);
    await age(freshStray, 23 * HOUR);

    const r = await sweep();
    expect(r.deleted).toEqual([oldStray]);
    expect(r.scanned).toBeGreaterThanOrEqual(3);
    expect(await store.has(oldStray)).toBe(false);
    expect(await store.has(freshStray)).toBe(true);
    expect(await store.has(kept.digest)).toBe(true);
    // The referenced package still opens and verifies.
    const pkg = await reg.versions.openVersionPackage(kept.id);
    await pkg.cleanup();
  });

  it("collects a deleted draft's package after the grace; re-uploading the bytes renews it", async () => {
    await reg.models.create(dev, { slug: 'gc-draft', name: 'draft' });
    const tgz = await packageTgz({ name: '"gc-draft"' });
    const draft = await reg.versions.publish(dev, { slug: 'gc-draft', body: tgz });
    await reg.versions.deleteDraft(dev, 'gc-draft', '1.0.0');
    expect((await sweep()).deleted).not.toContain(draft.digest); // within the grace
    await age(draft.digest, 25 * HOUR);
    // The same bytes published again (a new draft): the put renews the old copy; nothing is lost.
    const again = await reg.versions.publish(dev, { slug: 'gc-draft', body: tgz });
    expect(again.digest).toBe(draft.digest);
    expect((await sweep()).deleted).not.toContain(draft.digest);
    await reg.versions.deleteDraft(dev, 'gc-draft', '1.0.0');
    await age(draft.digest, 25 * HOUR);
    expect((await sweep()).deleted).toContain(draft.digest);
    expect(await store.has(draft.digest)).toBe(false);
  });

  it('removes temporary files of copies killed midway once older than the grace, nothing else', async () => {
    const kept = await stray();
    // What a process killed during put's copy leaves beside the store: <digest>.tar.gz.<hex>.tmp
    const tmpOf = async (digest: string, ageMs: number) => {
      const f = `${store.pathFor(digest)}.${randomBytes(6).toString('hex')}.tmp`;
      await mkdir(path.dirname(f), { recursive: true });
      await writeFile(f, randomBytes(50));
      const at = new Date(Date.now() - ageMs);
      await utimes(f, at, at);
      return f;
    };
    const dead = await tmpOf(randomBytes(32).toString('hex'), 25 * HOUR);
    const deadBesideKept = await tmpOf(kept, 48 * HOUR);
    const inProgress = await tmpOf(randomBytes(32).toString('hex'), 23 * HOUR);
    // Not a name the store writes: never touched, however old.
    const foreign = path.join(path.dirname(store.pathFor(kept)), 'notes.tmp');
    await writeFile(foreign, 'operator file');
    await utimes(foreign, new Date(0), new Date(0));

    const r = await sweep();
    expect(r.tempDeleted.sort()).toEqual([path.basename(dead), path.basename(deadBesideKept)].sort());
    const exists = (f: string) =>
      stat(f).then(
        () => true,
        () => false,
      );
    expect(await exists(dead)).toBe(false);
    expect(await exists(deadBesideKept)).toBe(false);
    expect(await exists(inProgress)).toBe(true);
    expect(await exists(foreign)).toBe(true);
    expect(await store.has(kept)).toBe(true); // the artifact beside it is fresh: kept
    expect((await sweep()).tempDeleted).toEqual([]);
  });
});
