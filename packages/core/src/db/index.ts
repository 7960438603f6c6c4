/**
 * The public interface of the db domain: other packages import `@seer/core/db`, never its
 * files. Other packages' imports are added by tools/codemods/core-public-imports.mjs; edit freely.
 */

export type { Db, DbDriver } from './db';
export { dbOptionsFromConfig, openDb, withTransaction } from './db';
export {
  createLocalDatabaseIfMissing,
  ensureLocalPostgres,
  keepLocalPostgresRunning,
  localPostgresStatus,
  localPostgresUrl,
  stopLocalPostgres,
} from './local-server';
export { migrate } from './migrate';
export type { CacheTable, NotifiedCache } from './notified-cache';
export { createNotifiedCache } from './notified-cache';
export { isUnavailableError } from './unavailable';
