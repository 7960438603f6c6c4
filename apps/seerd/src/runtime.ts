/**
 * Shared start-up for long-running commands: load config, open and migrate the database,
 * and close everything in order on SIGTERM/SIGINT.
 */
import { type Config, ConfigError, loadConfig } from '@seer/core/config';
import type { Db } from '@seer/core/db';
import type { CommandIo } from './cli';

export function loadConfigOrExit(io: CommandIo): Readonly<Config> {
  try {
    return loadConfig(io.env);
  } catch (err) {
    if (err instanceof ConfigError) {
      io.stderr(`seerd: ${err.message}\nSee docs/CONFIGURATION.md.\n`);
      process.exit(78); // EX_CONFIG
    }
    throw err;
  }
}

export async function openDatabase(
  config: Readonly<Config>,
  opts: { migrate: boolean; log?: (s: string) => void },
): Promise<Db> {
  // Loaded here, not at the top: `seerd --help` must not pay for the database drivers.
  const { dbOptionsFromConfig, openDb } = await import('@seer/core/db');
  const { migrate } = await import('@seer/core/db');
  const options = dbOptionsFromConfig(config);
  let db: Db;
  if (options.databaseUrl && opts.migrate && config.migrationDatabaseUrl) {
    // Migrate as the schema owner, then run as the runtime login, which owns nothing.
    await migrateAsOwner(config, opts.log);
    return openDb(options);
  }
  if (options.databaseUrl || config.embeddedDb === 'pglite') {
    db = await openDb(options);
  } else {
    // The embedded default: the private PostgreSQL server under SEER_DATA_DIR, shared by every
    // seerd process (see docs/ARCHITECTURE.md, "The embedded database").
    const local = await import('@seer/core/db');
    const server = local.ensureLocalPostgres({
      dataDir: config.dataDir,
      binDir: config.postgresBinDir,
      runAsUser: config.postgresUser,
      ...(opts.log ? { log: opts.log } : {}),
    });
    try {
      await local.createLocalDatabaseIfMissing(config.dataDir);
      const opened = await openDb({ ...options, databaseUrl: server.url });
      db = {
        ...opened,
        close: async () => {
          try {
            await opened.close();
          } finally {
            server.release();
          }
        },
      };
    } catch (err) {
      server.release();
      throw err;
    }
  }
  if (opts.migrate) {
    const res = await migrate(db, { log: opts.log ?? (() => {}) });
    if (res.applied.length > 0) opts.log?.(`applied ${res.applied.length} migration(s)`);
  }
  return db;
}

/** The database as its owner: MIGRATION_DATABASE_URL when set, else the one DATABASE_URL/PGlite. */
export async function openOwnerDatabase(config: Readonly<Config>): Promise<Db> {
  const { openDb } = await import('@seer/core/db');
  // Without an owner URL the one database is the owner's: DATABASE_URL, or the embedded default
  // (the private PostgreSQL server, or PGlite when chosen), opened as every command opens it.
  return config.migrationDatabaseUrl
    ? openDb({ databaseUrl: config.migrationDatabaseUrl, poolMax: 2, applicationName: 'seer-migrate' })
    : openDatabase(config, { migrate: false });
}

async function migrateAsOwner(config: Readonly<Config>, log?: (s: string) => void) {
  const { migrate } = await import('@seer/core/db');
  const owner = await openOwnerDatabase(config);
  try {
    const res = await migrate(owner, { log: log ?? (() => {}) });
    if (res.applied.length > 0) log?.(`applied ${res.applied.length} migration(s)`);
  } finally {
    await owner.close();
  }
}

const exitNow = (signal: NodeJS.Signals) => {
  // Still starting up: nothing to drain yet, and a lost SIGTERM would leave an orchestrator
  // waiting for its kill timeout.
  process.stderr.write(`seerd: ${signal} received while starting, exiting\n`);
  process.exit(signal === 'SIGINT' ? 130 : 143);
};

/**
 * Until a command installs its graceful shutdown, SIGTERM/SIGINT end the process at once.
 * Installed first thing in main.ts: a loader or library listening for these signals would
 * otherwise swallow them during start-up.
 */
export function exitOnSignalsUntilReady(): void {
  process.on('SIGTERM', exitNow);
  process.on('SIGINT', exitNow);
}

/** Resolves when the process is asked to stop; runs closers in order, each at most once. */
export function onShutdown(closers: Array<() => Promise<void>>, io: CommandIo): Promise<number> {
  process.off('SIGTERM', exitNow);
  process.off('SIGINT', exitNow);
  return new Promise((resolve) => {
    let stopping = false;
    const stop = async (signal: string) => {
      if (stopping) return;
      stopping = true;
      io.stderr(`seerd: ${signal} received, shutting down\n`);
      // A hung closer must not keep the process alive forever.
      const force = setTimeout(() => {
        io.stderr('seerd: shutdown timed out after 25 s, exiting\n');
        process.exit(1);
      }, 25_000);
      force.unref();
      let code = 0;
      for (const close of closers) {
        try {
          await close();
        } catch (err) {
          code = 1;
          io.stderr(`seerd: error while shutting down: ${(err as Error).message}\n`);
        }
      }
      clearTimeout(force);
      resolve(code);
    };
    process.once('SIGTERM', () => void stop('SIGTERM'));
    process.once('SIGINT', () => void stop('SIGINT'));
  });
}
