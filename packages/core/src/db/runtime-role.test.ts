/**
 * The runtime role (issue 9, item 6): what the API and workers connect as cannot disable the
 * triggers that keep records append-only, and has no UPDATE/DELETE on those tables at all.
 * On PostgreSQL through a real login that is a member of seer_app; on PGlite (one connection,
 * no logins) through SET ROLE seer_app, which checks the same privileges.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, TEST_DRIVERS, TEST_PG_ADMIN_URL, type TestDb } from '../testing/test-db';

type Run = (sql: string) => Promise<unknown>;

describe.each(TEST_DRIVERS)('runtime database role on %s', (driver) => {
  let t: TestDb;
  let login: string | undefined;
  let client: pg.Client | undefined;
  /** Runs one statement as the runtime role. */
  let asRuntime: Run;

  beforeAll(async () => {
    t = await createTestDb(driver);
    if (driver === 'pg') {
      login = `seer_rt_${randomBytes(4).toString('hex')}`;
      await t.db.query(`CREATE ROLE ${login} LOGIN IN ROLE seer_app`);
      const url = new URL(t.url!);
      url.username = login;
      client = new pg.Client({ connectionString: url.toString() });
      await client.connect();
      asRuntime = (sql) => client!.query(sql);
    } else {
      asRuntime = (sql) =>
        t.db.withSession(async (s) => {
          await s.query('SET ROLE seer_app');
          try {
            return await s.query(sql);
          } finally {
            await s.query('RESET ROLE');
          }
        });
    }
  }, 180_000);
  afterAll(async () => {
    await client?.end();
    await t?.cleanup();
    if (login) {
      const admin = new pg.Client({ connectionString: TEST_PG_ADMIN_URL });
      await admin.connect();
      await admin.query(`DROP ROLE IF EXISTS ${login}`);
      await admin.end();
    }
  });

  const refused = async (sql: string, message: RegExp) => {
    const err = await asRuntime(sql).then(
      () => undefined,
      (e: unknown) => e as { code?: string; message: string },
    );
    expect(err, sql).toBeDefined();
    expect(err?.message, sql).toMatch(message);
    // insufficient_privilege: refused by the grants, before any trigger is reached.
    expect(err?.code, sql).toBe('42501');
  };

  it('cannot disable, drop or bypass the append-only triggers', async () => {
    await refused('ALTER TABLE predictions DISABLE TRIGGER predictions_append_only', /must be (the )?owner/);
    await refused('ALTER TABLE predictions DISABLE TRIGGER ALL', /must be (the )?owner/);
    await refused('ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update_delete', /must be (the )?owner/);
    await refused('DROP TRIGGER model_versions_guard ON model_versions', /must be (the )?owner/);
    await refused('ALTER TABLE bars DISABLE TRIGGER bars_immutable', /must be (the )?owner/);
    await refused('TRUNCATE predictions', /permission denied/);
  });

  it('cannot UPDATE or DELETE append-only records', async () => {
    await refused('UPDATE predictions SET value = 0', /permission denied/);
    await refused('DELETE FROM predictions', /permission denied/);
    await refused('UPDATE audit_log SET event = event', /permission denied/);
    await refused('DELETE FROM audit_log', /permission denied/);
    await refused('UPDATE bars SET close = close', /permission denied/);
    await refused('UPDATE outcomes SET realized_close = realized_close', /permission denied/);
    await refused('UPDATE plans SET price_minor = price_minor', /permission denied/);
    await refused('UPDATE ledger_checkpoints SET head = head', /permission denied/);
    await refused('DELETE FROM ledger_signing_keys', /permission denied/);
    await refused('UPDATE model_versions SET digest = digest', /permission denied/);
    await refused(`INSERT INTO schema_migrations (name, checksum) VALUES ('x', 'y')`, /permission denied/);
  });

  it('can do what the application does', async () => {
    await asRuntime('SELECT count(*) FROM predictions');
    await asRuntime(`INSERT INTO audit_log (event, details) VALUES ('test.runtime_role', '{}')`);
    await asRuntime('UPDATE users SET updated_at = updated_at WHERE false');
    await asRuntime('UPDATE runs SET status = status WHERE false');
    await asRuntime('UPDATE ledger_heads SET hash = hash WHERE false');
    await asRuntime('UPDATE model_versions SET status = status, deploy_check = deploy_check WHERE false');
    await asRuntime('DELETE FROM model_versions WHERE false');
    await asRuntime('SELECT name FROM schema_migrations LIMIT 1');
    // The data broker's role switch still works from the runtime role.
    await asRuntime('SET ROLE seer_model_reader');
  });
});
