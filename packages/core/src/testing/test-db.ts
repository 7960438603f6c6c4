/**
 * Real databases for tests. PostgreSQL: one migrated template database per migration set,
 * cloned per test file (CREATE DATABASE ... TEMPLATE is fast). PGlite: a fresh in-memory
 * instance, migrated. Integration tests run against both with `describe.each(TEST_DRIVERS)`.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { type Db, type DbDriver, openDb, openPgliteInstance } from '../db/db';
import { loadMigrations, migrate } from '../db/migrate';

export const TEST_DRIVERS: DbDriver[] = (process.env.SEER_TEST_DRIVERS?.split(',') as
  | DbDriver[]
  | undefined) ?? ['pg', 'pglite'];

/** Admin URL of the test PostgreSQL server (a maintenance database on it). */
export const TEST_PG_ADMIN_URL =
  process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export interface TestDb {
  db: Db;
  driver: DbDriver;
  /** Connection URL of the database (pg only). */
  url: string | undefined;
  cleanup(): Promise<void>;
}

function urlFor(dbName: string): string {
  const u = new URL(TEST_PG_ADMIN_URL);
  u.pathname = `/${dbName}`;
  return u.toString();
}

async function migrationsHash(): Promise<string> {
  const migrations = await loadMigrations();
  return createHash('sha256')
    .update(migrations.map((m) => `${m.name}:${m.checksum}`).join('\n'))
    .digest('hex')
    .slice(0, 12);
}

const CACHE_DIR = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../../../node_modules/.cache/seer',
);

/**
 * initdb inside PGlite costs 4-10 s; loading a dump of an already-migrated instance costs ~2 s.
 * The dump is cached per migration set, so each test file starts from it.
 */
async function migratedPgliteDump(): Promise<Blob> {
  const file = path.join(CACHE_DIR, `pglite-${await migrationsHash()}.tar.gz`);
  try {
    return new Blob([await readFile(file)]);
  } catch {
    const db = await openDb({ pgliteDir: 'memory://' });
    await migrate(db);
    const pglite = (db as Db & { pglite?: PGlite }).pglite;
    if (!pglite) throw new Error('expected a PGlite-backed Db');
    const dump = await pglite.dumpDataDir('gzip');
    await db.close();
    await mkdir(CACHE_DIR, { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    await writeFile(tmp, Buffer.from(await dump.arrayBuffer()));
    await rename(tmp, file); // atomic: parallel workers never read half a file
    return dump;
  }
}

async function ensureTemplate(admin: pg.Client): Promise<string> {
  const hash = await migrationsHash();
  const name = `seer_tpl_${hash}`;
  // Serialize template creation across parallel test workers.
  await admin.query('SELECT pg_advisory_lock(4242001)');
  try {
    const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (exists.rowCount === 0) {
      const building = `${name}_build_${randomBytes(3).toString('hex')}`;
      await admin.query(`CREATE DATABASE ${building}`);
      const db = await openDb({ databaseUrl: urlFor(building), poolMax: 2 });
      try {
        await migrate(db);
      } finally {
        await db.close();
      }
      // Backends of the closed pool may take a moment to exit.
      await retryWhileBusy(() => admin.query(`ALTER DATABASE ${building} RENAME TO ${name}`));
    }
  } finally {
    await admin.query('SELECT pg_advisory_unlock(4242001)');
  }
  return name;
}

async function retryWhileBusy(fn: () => Promise<unknown>): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      await fn();
      return;
    } catch (err) {
      if (attempt >= 50 || !/being accessed by other users/.test((err as Error).message)) throw err;
      await new Promise((r) => setTimeout(r, 50 + Math.random() * 150));
    }
  }
}

export async function createTestDb(driver: DbDriver): Promise<TestDb> {
  if (driver === 'pglite') {
    const db = await openPgliteInstance(await PGlite.create({ loadDataDir: await migratedPgliteDump() }));
    return { db, driver, url: undefined, cleanup: () => db.close() };
  }
  const admin = new pg.Client({ connectionString: TEST_PG_ADMIN_URL });
  await admin.connect();
  let dbName: string;
  try {
    const template = await ensureTemplate(admin);
    dbName = `seer_t_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
    // Another worker may be cloning the template at this very moment.
    await retryWhileBusy(() => admin.query(`CREATE DATABASE ${dbName} TEMPLATE ${template}`));
  } finally {
    await admin.end();
  }
  const url = urlFor(dbName);
  const db = await openDb({ databaseUrl: url, poolMax: 5 });
  return {
    db,
    driver,
    url,
    cleanup: async () => {
      await db.close();
      const a = new pg.Client({ connectionString: TEST_PG_ADMIN_URL });
      await a.connect();
      try {
        await a.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
      } finally {
        await a.end();
      }
    },
  };
}
