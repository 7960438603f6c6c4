import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, TEST_DRIVERS, type TestDb } from '../testing/test-db';
import { type LeasedTable, leasedJobs } from './leases';

const LEASED_TABLES: LeasedTable[] = ['runs', 'reruns', 'deploy_checks'];
const DONE = { runs: 'succeeded', reruns: 'reproduced', deploy_checks: 'succeeded' } as const;

describe.each(TEST_DRIVERS)('the lease protocol on %s', (driver) => {
  let t: TestDb;
  let versionId: string;
  let runId: string;

  /** A queued job in `table`, nothing else pending there. */
  async function queuedJob(table: LeasedTable): Promise<string> {
    await t.db.query(`UPDATE ${table} SET status = $1 WHERE status IN ('queued', 'running')`, [DONE[table]]);
    const values =
      table === 'runs'
        ? `(version_id, mode, as_of, interval_seconds, horizon_seconds, status)
           VALUES ('${versionId}', 'backtest', now() + random() * interval '1 year', 3600, 3600, 'queued')`
        : table === 'reruns'
          ? `(run_id) VALUES ('${runId}')`
          : `(version_id) VALUES ('${versionId}')`;
    const { rows } = await t.db.query<{ id: string }>(`INSERT INTO ${table} ${values} RETURNING id`);
    return rows[0]!.id;
  }
  const expireLease = (table: LeasedTable, id: string) =>
    t.db.query(`UPDATE ${table} SET lease_expires_at = now() - interval '1 second' WHERE id = $1`, [id]);
  const row = async (table: LeasedTable, id: string) =>
    (
      await t.db.query<{ status: string; attempts: number; lease_owner: string | null; leased: boolean }>(
        `SELECT status, attempts, lease_owner, lease_expires_at IS NOT NULL AS leased FROM ${table} WHERE id = $1`,
        [id],
      )
    ).rows[0];

  beforeAll(async () => {
    t = await createTestDb(driver);
    const u = await t.db.query<{ id: string }>(
      `INSERT INTO users (email, display_name, password_hash, roles) VALUES ('dev@example.com', 'Dev', 'x', ARRAY['developer']) RETURNING id`,
    );
    const m = await t.db.query<{ id: string }>(
      `INSERT INTO models (owner_id, slug, name) VALUES ($1, 'lease-test', 'Lease test') RETURNING id`,
      [u.rows[0]!.id],
    );
    const v = await t.db.query<{ id: string }>(
      `INSERT INTO model_versions (model_id, version, digest, artifact_bytes, unpacked_bytes, file_count,
         manifest, interval, horizon, target, symbols, signature, signing_key_id, signed_payload, created_by)
       VALUES ($1, '1.0.0', $2, 10, 20, 2, '{"entrypoint":"model:predict"}', '1h', '1h', 'return', ARRAY['USDCHF'],
         'c2ln', 'k1', '{}', $3) RETURNING id`,
      [m.rows[0]!.id, 'a'.repeat(64), u.rows[0]!.id],
    );
    versionId = v.rows[0]!.id;
    runId = await queuedJob('runs');
  });
  afterAll(async () => {
    await t?.cleanup();
  });

  describe.each(LEASED_TABLES)('%s', (table) => {
    const jobs = leasedJobs(table);
    const lease = { leaseMs: 60_000, startedAt: new Date() };

    it('gives a queued job to one worker, and a job on an expired lease to the next', async () => {
      const id = await queuedJob(table);
      expect(await jobs.pending(t.db.kysely, 10)).toEqual([{ id }]);

      const claimed = await jobs.claim(t.db.kysely, { id, workerId: 'w1', ...lease });
      expect(claimed).toMatchObject({ id, status: 'running', attempts: 1, lease_owner: 'w1' });
      expect(await jobs.claim(t.db.kysely, { id, workerId: 'w2', ...lease })).toBeUndefined();
      expect(await jobs.pending(t.db.kysely, 10)).toEqual([]);

      await expireLease(table, id);
      expect(await jobs.pending(t.db.kysely, 10)).toEqual([{ id }]);
      expect(await jobs.claim(t.db.kysely, { id, workerId: 'w2', ...lease })).toMatchObject({
        attempts: 2,
        lease_owner: 'w2',
      });
    });

    it('lets only the lease holder extend, release or finish the job', async () => {
      const id = await queuedJob(table);
      await jobs.claim(t.db.kysely, { id, workerId: 'w1', ...lease });
      const fields = { status: DONE[table], finished_at: new Date() };

      expect(await jobs.extend(t.db.kysely, { id, workerId: 'w2', leaseMs: 1000 })).toBe(false);
      expect(await jobs.release(t.db.kysely, { id, workerId: 'w2' })).toBe(false);
      expect(await jobs.finish(t.db.kysely, { id, workerId: 'w2', fields })).toBe(false);
      expect(await row(table, id)).toEqual({
        status: 'running',
        attempts: 1,
        lease_owner: 'w1',
        leased: true,
      });

      expect(await jobs.extend(t.db.kysely, { id, workerId: 'w1', leaseMs: 1000 })).toBe(true);
      expect(await jobs.release(t.db.kysely, { id, workerId: 'w1' })).toBe(true);
      expect(await row(table, id)).toEqual({
        status: 'queued',
        attempts: 1,
        lease_owner: null,
        leased: false,
      });

      await jobs.claim(t.db.kysely, { id, workerId: 'w2', ...lease });
      expect(await jobs.finish(t.db.kysely, { id, workerId: 'w2', fields })).toBe(true);
      expect(await row(table, id)).toEqual({
        status: DONE[table],
        attempts: 2,
        lease_owner: null,
        leased: false,
      });
      expect(await jobs.claim(t.db.kysely, { id, workerId: 'w1', ...lease })).toBeUndefined();
    });
  });
});
