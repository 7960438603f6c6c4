/**
 * Forward-only SQL migrations from packages/core/migrations, applied in file-name order, each in
 * its own transaction. A checksum guards against editing a migration after it was applied:
 * merged migrations are history, and history is not rewritten.
 */
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Db } from './db';

export const MIGRATIONS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../migrations');

export interface Migration {
  name: string;
  sql: string;
  checksum: string;
}

export async function loadMigrations(dir = MIGRATIONS_DIR): Promise<Migration[]> {
  const files = (await readdir(dir)).filter((f) => f.endsWith('.sql')).sort();
  return Promise.all(
    files.map(async (name) => {
      const sql = await readFile(path.join(dir, name), 'utf8');
      return { name, sql, checksum: createHash('sha256').update(sql).digest('hex') };
    }),
  );
}

export class MigrationError extends Error {
  override name = 'MigrationError';
}

export interface MigrateResult {
  applied: string[];
  alreadyApplied: number;
}

// Any constant works; it only has to be the same in every Seer process.
const MIGRATION_LOCK_KEY = 7_361_924_511;

export async function migrate(
  db: Db,
  options: { dir?: string; log?: (msg: string) => void } = {},
): Promise<MigrateResult> {
  const migrations = await loadMigrations(options.dir);
  await db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    name text PRIMARY KEY,
    checksum text NOT NULL,
    applied_at timestamptz NOT NULL DEFAULT now()
  )`);
  // Two processes starting at once must not both apply the same migration.
  return db.withSession(async (s) => {
    await s.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    try {
      const done = new Map(
        (
          await s.query<{ name: string; checksum: string }>('SELECT name, checksum FROM schema_migrations')
        ).rows.map((r) => [r.name, r.checksum]),
      );
      for (const [name, checksum] of done) {
        const m = migrations.find((x) => x.name === name);
        if (!m)
          throw new MigrationError(
            `database has migration ${name}, which this build does not know (is the code older than the database?)`,
          );
        if (m.checksum !== checksum)
          throw new MigrationError(
            `migration ${name} was edited after it was applied; write a new migration instead`,
          );
      }
      const applied: string[] = [];
      for (const m of migrations) {
        if (done.has(m.name)) continue;
        options.log?.(`applying ${m.name}`);
        await s.query('BEGIN');
        try {
          await s.exec(m.sql);
          await s.query('INSERT INTO schema_migrations (name, checksum) VALUES ($1, $2)', [
            m.name,
            m.checksum,
          ]);
          await s.query('COMMIT');
        } catch (err) {
          await s.query('ROLLBACK').catch(() => {});
          throw new MigrationError(`migration ${m.name} failed: ${(err as Error).message}`);
        }
        applied.push(m.name);
      }
      return { applied, alreadyApplied: done.size };
    } finally {
      await s.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
    }
  });
}
