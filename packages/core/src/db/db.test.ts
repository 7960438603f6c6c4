import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, TEST_DRIVERS, type TestDb } from '../testing/test-db';
import { withTransaction } from './db';
import { loadMigrations, migrate } from './migrate';

describe.each(TEST_DRIVERS)('database on %s', (driver) => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb(driver);
  });
  afterAll(async () => {
    await t?.cleanup();
  });

  it('has applied every migration and re-running applies nothing', async () => {
    const all = await loadMigrations();
    const res = await migrate(t.db);
    expect(res.applied).toEqual([]);
    expect(res.alreadyApplied).toBe(all.length);
  });

  it('refuses a migration that was edited after it was applied', async () => {
    const [first] = await loadMigrations();
    await t.db.query('UPDATE schema_migrations SET checksum = $1 WHERE name = $2', [
      '0'.repeat(64),
      first!.name,
    ]);
    await expect(migrate(t.db)).rejects.toThrow(/edited after it was applied/);
    await t.db.query('UPDATE schema_migrations SET checksum = $1 WHERE name = $2', [
      first!.checksum,
      first!.name,
    ]);
  });

  it('rolls back a failed transaction and keeps int8 as numbers', async () => {
    await expect(
      withTransaction(t.db, async (trx) => {
        await trx
          .insertInto('instruments')
          .values({
            symbol: 'TXTEST',
            name: 'Tx test',
            asset_class: 'fx',
            quote_currency: 'CHF',
            source: null,
          })
          .execute();
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    const rows = await t.db.kysely
      .selectFrom('instruments')
      .selectAll()
      .where('symbol', '=', 'TXTEST')
      .execute();
    expect(rows).toHaveLength(0);
    const { rows: r2 } = await t.db.query<{ n: number }>('SELECT 9007199254740991::int8 AS n');
    expect(r2[0]!.n).toBe(9007199254740991);
  });

  it('serializes concurrent transactions without losing writes', async () => {
    await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        withTransaction(t.db, async (trx) => {
          await trx
            .insertInto('instruments')
            .values({
              symbol: `CONC${i}`,
              name: `c${i}`,
              asset_class: 'other',
              quote_currency: null,
              source: null,
            })
            .execute();
        }),
      ),
    );
    const { rows } = await t.db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM instruments WHERE symbol LIKE 'CONC%'",
    );
    expect(rows[0]!.n).toBe(8);
  });

  it('the model reader role can read market data and nothing else', async () => {
    const { rows } = await t.db.modelReaderQuery<{ n: number }>('SELECT count(*)::int AS n FROM bars');
    expect(rows[0]!.n).toBeGreaterThanOrEqual(0);
    await expect(t.db.modelReaderQuery('SELECT * FROM schema_migrations')).rejects.toThrow(
      /permission denied/,
    );
    await expect(
      t.db.modelReaderQuery("INSERT INTO instruments (symbol, name, asset_class) VALUES ('X', 'x', 'fx')"),
    ).rejects.toThrow(/read-only|permission denied/);
  });
});
