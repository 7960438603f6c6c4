import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, TEST_DRIVERS, type TestDb } from '../testing/test-db';

const DIGEST = 'a'.repeat(64);

/** Raw SQL on purpose: the triggers must hold even when the application is bypassed. */
describe.each(TEST_DRIVERS)('registry triggers on %s', (driver) => {
  let t: TestDb;
  let userId: string;
  let modelId: string;

  async function insertVersion(version: string): Promise<string> {
    const { rows } = await t.db.query<{ id: string }>(
      `INSERT INTO model_versions (model_id, version, digest, artifact_bytes, unpacked_bytes, file_count,
         manifest, interval, horizon, target, symbols, signature, signing_key_id, signed_payload, created_by)
       VALUES ($1, $2, $3, 10, 20, 2, '{"entrypoint":"model:predict"}', '1h', '1h', 'return', ARRAY['USDCHF'],
         'c2ln', 'k1', '{}', $4) RETURNING id`,
      [modelId, version, DIGEST, userId],
    );
    return rows[0]!.id;
  }
  const deploy = (id: string) =>
    t.db.query(`UPDATE model_versions SET status = 'deployed', deployed_at = now() WHERE id = $1`, [id]);

  beforeAll(async () => {
    t = await createTestDb(driver);
    const u = await t.db.query<{ id: string }>(
      `INSERT INTO users (email, display_name, password_hash, roles) VALUES ('dev@example.com', 'Dev', 'x', ARRAY['developer']) RETURNING id`,
    );
    userId = u.rows[0]!.id;
    const m = await t.db.query<{ id: string }>(
      `INSERT INTO models (owner_id, slug, name) VALUES ($1, 'trigger-test', 'Trigger test') RETURNING id`,
      [userId],
    );
    modelId = m.rows[0]!.id;
  });
  afterAll(async () => {
    await t?.cleanup();
  });

  it('lets a draft change and be deleted', async () => {
    const id = await insertVersion('0.1.0');
    await t.db.query(`UPDATE model_versions SET digest = $1 WHERE id = $2`, ['b'.repeat(64), id]);
    await t.db.query('DELETE FROM model_versions WHERE id = $1', [id]);
    const { rows } = await t.db.query('SELECT 1 FROM model_versions WHERE id = $1', [id]);
    expect(rows).toHaveLength(0);
  });

  it('refuses to create a version that is already deployed', async () => {
    await expect(
      t.db.query(
        `INSERT INTO model_versions (model_id, version, status, deployed_at, digest, artifact_bytes, unpacked_bytes,
           file_count, manifest, interval, horizon, target, symbols, signature, signing_key_id, signed_payload, created_by)
         VALUES ($1, '9.9.9', 'deployed', now(), $2, 1, 1, 1, '{}', '1h', '1h', 'return', ARRAY['X'], 's', 'k', '{}', $3)`,
        [modelId, DIGEST, userId],
      ),
    ).rejects.toThrow(/model_version_immutable/);
  });

  it('freezes every content column of a deployed version and refuses DELETE', async () => {
    const id = await insertVersion('1.0.0');
    await deploy(id);
    const attempts = [
      `UPDATE model_versions SET digest = '${'b'.repeat(64)}' WHERE id = $1`,
      `UPDATE model_versions SET manifest = '{"entrypoint":"evil:predict"}' WHERE id = $1`,
      `UPDATE model_versions SET signature = 'ZXZpbA==' WHERE id = $1`,
      `UPDATE model_versions SET signed_payload = '{"x":1}' WHERE id = $1`,
      `UPDATE model_versions SET signing_key_id = 'k2' WHERE id = $1`,
      `UPDATE model_versions SET version = '1.0.1' WHERE id = $1`,
      `UPDATE model_versions SET symbols = ARRAY['EURUSD'] WHERE id = $1`,
      `UPDATE model_versions SET status = 'draft', deployed_at = NULL WHERE id = $1`,
      `DELETE FROM model_versions WHERE id = $1`,
    ];
    for (const sql of attempts) {
      await expect(t.db.query(sql, [id]), sql).rejects.toThrow(/model_version_immutable/);
    }
    const { rows } = await t.db.query<{ digest: string; status: string; version: string }>(
      'SELECT digest, status, version FROM model_versions WHERE id = $1',
      [id],
    );
    expect(rows[0]).toEqual({ digest: DIGEST, status: 'deployed', version: '1.0.0' });
  });

  it('allows deployed -> retired once, then freezes everything including retired_at', async () => {
    const id = await insertVersion('1.1.0');
    await deploy(id);
    await t.db.query(`UPDATE model_versions SET status = 'retired', retired_at = now() WHERE id = $1`, [id]);
    await expect(
      t.db.query(`UPDATE model_versions SET status = 'deployed', retired_at = NULL WHERE id = $1`, [id]),
    ).rejects.toThrow(/model_version_immutable/);
    await expect(
      t.db.query(`UPDATE model_versions SET retired_at = now() + interval '1 day' WHERE id = $1`, [id]),
    ).rejects.toThrow(/model_version_immutable/);
    await expect(t.db.query('DELETE FROM model_versions WHERE id = $1', [id])).rejects.toThrow(
      /model_version_immutable/,
    );
  });

  it('refuses a draft jumping straight to retired', async () => {
    const id = await insertVersion('1.2.0');
    await expect(
      t.db.query(
        `UPDATE model_versions SET status = 'retired', deployed_at = now(), retired_at = now() WHERE id = $1`,
        [id],
      ),
    ).rejects.toThrow(/model_version_immutable/);
  });

  it('refuses TRUNCATE, and deleting or renaming a model with deployed versions', async () => {
    await expect(t.db.exec('TRUNCATE model_versions CASCADE')).rejects.toThrow(/model_version_immutable/);
    await expect(t.db.query('DELETE FROM models WHERE id = $1', [modelId])).rejects.toThrow(
      /model_version_immutable|foreign key/,
    );
    await expect(t.db.query(`UPDATE models SET slug = 'renamed' WHERE id = $1`, [modelId])).rejects.toThrow(
      /model_version_immutable/,
    );
    await t.db.query(`UPDATE models SET name = 'New name' WHERE id = $1`, [modelId]);
  });

  it('keeps plans append-only', async () => {
    const { rows } = await t.db.query<{ id: string }>(
      `INSERT INTO plans (model_id, price_minor, currency, trial_days, effective_from, created_by)
       VALUES ($1, 900, 'USD', 7, now(), $2) RETURNING id`,
      [modelId, userId],
    );
    const id = rows[0]!.id;
    await expect(t.db.query('UPDATE plans SET price_minor = 1 WHERE id = $1', [id])).rejects.toThrow(
      /plan_immutable/,
    );
    await expect(t.db.query('DELETE FROM plans WHERE id = $1', [id])).rejects.toThrow(/plan_immutable/);
    await expect(
      t.db.query(
        `INSERT INTO plans (model_id, price_minor, currency, trial_days, effective_from, created_by)
         VALUES ($1, 900, 'USD', 31, now(), $2)`,
        [modelId, userId],
      ),
    ).rejects.toThrow(/check constraint/);
  });
});
