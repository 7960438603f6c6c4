/**
 * Backup and restore as docs/OPERATIONS.md tells operators to do it: `pg_dump -Fc` of a live
 * database, `pg_restore` into a fresh one, and the restored prediction ledger verifies and is
 * still append-only (its triggers came back with it).
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { openDb, withTransaction } from '@seer/core/db';
import { appendPredictions, chainPage, verifyLedger } from '@seer/core/predictions';
import { insertRuns } from '@seer/core/runs';
import { createTestDb, TEST_PG_ADMIN_URL, type TestDb } from '@seer/core/testing';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedUser, seedVersion } from './helpers';

const run = promisify(execFile);
const H = 3_600_000;
const T0 = Date.UTC(2001, 2, 5, 0);

describe('backup and restore of PostgreSQL (pg_dump / pg_restore)', () => {
  let t: TestDb;
  let dir: string;
  const restoredName = `seer_restore_${Date.now().toString(36)}`;
  beforeAll(async () => {
    t = await createTestDb('pg');
    dir = mkdtempSync(path.join(tmpdir(), 'seer-backup-'));
  });
  afterAll(async () => {
    await t?.cleanup();
    rmSync(dir, { recursive: true, force: true });
    const admin = new pg.Client({ connectionString: TEST_PG_ADMIN_URL });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${restoredName} WITH (FORCE)`);
    await admin.end();
  });

  it('a dump restored into a fresh database passes ledger verification', async () => {
    const owner = await seedUser(t.db);
    const v = await seedVersion(t.db, { fixture: 'momentum', ownerId: owner, deployedAt: new Date(T0) });
    for (let k = 1; k <= 12; k++) {
      const asOf = new Date(T0 + k * H);
      const [r] = await insertRuns(t.db.kysely, [
        {
          version_id: v.id,
          mode: 'live',
          as_of: asOf,
          interval_seconds: 3600,
          horizon_seconds: 3600,
          status: 'queued',
        },
      ]);
      await withTransaction(t.db, async (trx) => {
        await trx
          .updateTable('runs')
          .set({ status: 'succeeded' })
          .where('id', '=', r?.id as string)
          .execute();
        await appendPredictions(trx, {
          versionId: v.id,
          mode: 'live',
          runId: r?.id as string,
          asOf,
          horizon: '1h',
          horizonMs: H,
          target: 'return',
          createdAt: new Date(asOf.getTime() + 1000),
          predictions: [{ symbol: 'USDCHF', value: 0.0001 * k, confidence: 0.5 }],
        });
      });
    }
    const before = await chainPage(t.db.kysely, { versionId: v.id, mode: 'live', afterSeq: 0, limit: 1000 });
    expect(before).toHaveLength(12);

    const dump = path.join(dir, 'seer.dump');
    await run('pg_dump', ['-Fc', '-f', dump, t.url as string]);
    const admin = new pg.Client({ connectionString: TEST_PG_ADMIN_URL });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${restoredName}`);
    await admin.end();
    const restoredUrl = new URL(TEST_PG_ADMIN_URL);
    restoredUrl.pathname = `/${restoredName}`;
    await run('pg_restore', ['--exit-on-error', '-d', restoredUrl.toString(), dump]);

    const restored = await openDb({ databaseUrl: restoredUrl.toString(), poolMax: 2 });
    try {
      const after = await chainPage(restored.kysely, {
        versionId: v.id,
        mode: 'live',
        afterSeq: 0,
        limit: 1000,
      });
      expect(after).toHaveLength(12);
      expect(verifyLedger(after)).toMatchObject({ valid: true, checked: 12 });
      expect(after.map((p) => p.hash)).toEqual(before.map((p) => p.hash));
      // The append-only triggers were restored too.
      await expect(sql`UPDATE predictions SET value = 1`.execute(restored.kysely)).rejects.toThrow();
    } finally {
      await restored.close();
    }
  });
});
