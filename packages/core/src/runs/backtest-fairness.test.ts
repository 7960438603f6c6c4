/**
 * Per-user fairness of backtests on both databases: dispatch takes turns between users and never
 * offers more than a user's share; the claim refuses a user's backtest while their share runs.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packageTgz } from '../registry/package/test-archives';
import { createRegistry } from '../registry/registry';
import { createTestDb, TEST_DRIVERS, type TestDb } from '../testing/test-db';
import { claimBacktest, dispatchableBacktests, insertBacktest } from './runs.repo';

describe.each(TEST_DRIVERS)('backtest fairness on %s', (driver) => {
  let t: TestDb;
  let work: string;
  let versionId: string;
  const users: Record<'a' | 'b', string> = { a: '', b: '' };

  beforeAll(async () => {
    t = await createTestDb(driver);
    work = await mkdtemp(path.join(tmpdir(), 'seer-fair-'));
    for (const k of ['a', 'b'] as const) {
      const { rows } = await t.db.query<{ id: string }>(
        `INSERT INTO users (email, display_name, password_hash, roles) VALUES ($1, $1, 'x', ARRAY['developer']) RETURNING id`,
        [`${k}@fair.test`],
      );
      users[k] = rows[0]!.id;
    }
    await t.db.query(
      `INSERT INTO instruments (symbol, name, asset_class) VALUES ('USDCHF', 'USD/CHF', 'fx')`,
    );
    const reg = await createRegistry({
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
    });
    const actor = { userId: users.a, roles: ['developer'] };
    await reg.models.create(actor, { slug: 'fair', name: 'fair' });
    versionId = (await reg.versions.publish(actor, { slug: 'fair', body: await packageTgz() })).id;
  });
  afterAll(async () => {
    await t?.cleanup();
    if (work) await rm(work, { recursive: true, force: true });
  });

  it("takes turns between users and holds each user to their share, so one user's backtests cannot starve another's", async () => {
    let minute = 0;
    const bt = async (user: string) => {
      const { id } = await insertBacktest(t.db.kysely, {
        version_id: versionId,
        requested_by: user,
        range_from: new Date(Date.UTC(2025, 0, 6)),
        range_to: new Date(Date.UTC(2025, 0, 6, 5)),
        total: 5,
      });
      // Distinct creation times: the order of requests is what fairness is about.
      await t.db.query(`UPDATE backtests SET created_at = $2 WHERE id = $1`, [
        id,
        new Date(Date.UTC(2026, 0, 1, 0, minute++)),
      ]);
      return id;
    };
    // Five of A's first, then one of B's.
    const a: string[] = [];
    for (let i = 0; i < 5; i++) a.push(await bt(users.a));
    const b1 = await bt(users.b);
    const ids = async (n: number) =>
      (await dispatchableBacktests(t.db.kysely, { limit: 100, userConcurrency: n })).map((r) => r.id);

    expect(await ids(1)).toEqual([a[0], b1]);
    expect(await ids(2)).toEqual([a[0], b1, a[1]]);

    // A's first runs: A's second is refused (share 1), B's is claimed although it came later.
    expect(await claimBacktest(t.db, { id: a[0] as string, userConcurrency: 1, startedAt: new Date() })).toBe(
      true,
    );
    expect(await claimBacktest(t.db, { id: a[1] as string, userConcurrency: 1, startedAt: new Date() })).toBe(
      false,
    );
    expect(await ids(1)).toEqual([a[0], b1]); // running first (resume), then B's turn
    expect(await claimBacktest(t.db, { id: b1, userConcurrency: 1, startedAt: new Date() })).toBe(true);
    // Resuming a running backtest is always allowed.
    expect(await claimBacktest(t.db, { id: a[0] as string, userConcurrency: 1, startedAt: new Date() })).toBe(
      true,
    );

    await t.db.query(`UPDATE backtests SET status = 'succeeded' WHERE id = $1`, [a[0]]);
    expect(await ids(1)).toEqual([b1, a[1]]);
    expect(await claimBacktest(t.db, { id: a[1] as string, userConcurrency: 1, startedAt: new Date() })).toBe(
      true,
    );
  });
});
