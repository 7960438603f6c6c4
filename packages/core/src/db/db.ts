/**
 * One database interface, two drivers: node-postgres against a PostgreSQL server when
 * DATABASE_URL is set, the embedded PGlite (file-backed) when it is not. Everything above this
 * file sees only `Db`.
 */
import { randomBytes } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { PGlite } from '@electric-sql/pglite';
import { Kysely, PostgresDialect, type Transaction } from 'kysely';
import pg from 'pg';
import { from as copyFromStdin } from 'pg-copy-streams';
import type { Config } from '../config';
import { pgConnectionOptions } from '../transport/transport-security';
import { acquireLock } from './dir-lock';
import { PGlitePool } from './pglite-pool';
import type { Database } from './schema';

export type DbDriver = 'pg' | 'pglite';

export interface QueryResultRows<R> {
  rows: R[];
}
export type RawQuery = <R = Record<string, unknown>>(
  text: string,
  params?: readonly unknown[],
) => Promise<QueryResultRows<R>>;

export type Executor = Kysely<Database> | Transaction<Database>;

/** One connection held for a sequence of statements (migrations, locks, role switches). */
export interface Session {
  query: RawQuery;
  /** Runs a multi-statement script without parameters. */
  exec(sql: string): Promise<void>;
  /**
   * Streams data into `COPY ... FROM STDIN` (bulk loads). Only the pg driver has it; callers fall
   * back to batched INSERTs when it is absent (PGlite).
   */
  copyFrom?: (copySql: string, data: Iterable<string> | AsyncIterable<string>) => Promise<void>;
}

/** What a LISTEN on a channel reports: each notification, and whether LISTEN is in effect. */
export interface ListenHandlers {
  onNotify(payload: string): void;
  /**
   * true once LISTEN is in effect (again); false as soon as the connection is known to be lost.
   * Notifications sent while it is down are lost, so whoever caches on the strength of them must
   * drop what it holds on false and cache nothing until true.
   */
  onState(up: boolean): void;
  /**
   * A try to bring LISTEN up failed (connecting, LISTEN, or its own NOTIFY not coming back);
   * `failures` counts the tries that failed in a row. Another try follows with backoff.
   */
  onAttemptFailed?(error: Error, failures: number): void;
}

export interface Listener {
  close(): Promise<void>;
}

export interface Db {
  readonly driver: DbDriver;
  /**
   * LISTENs on a channel on a connection of its own (pg: a dedicated client, reconnected with
   * backoff; PGlite: the one connection). Closed by `close()` or by the Db's own close. Optional:
   * a Db without it (a test double) simply gives its users nothing to cache on.
   */
  listen?(channel: string, handlers: ListenHandlers): Listener;
  withSession<T>(fn: (session: Session) => Promise<T>): Promise<T>;
  readonly kysely: Kysely<Database>;
  /** A parameterized query outside the query builder (readable SQL for reports and bulk work). */
  query: RawQuery;
  /** Runs several statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
  /**
   * Queries as the `seer_model_reader` role (SELECT on market data only). The sandbox data broker
   * uses nothing else, so a bug in it cannot read accounts, models or predictions.
   */
  modelReaderQuery: RawQuery;
  /** Refreshes planner statistics (PostgreSQL's autovacuum does this on its own; PGlite has none). */
  analyze(): Promise<void>;
  ping(): Promise<void>;
  close(): Promise<void>;
}

// int8 (bigint) columns hold ids and counts far below 2^53; numbers are what callers expect.
// PGlite already parses int8 as a number, so this makes both drivers agree.
const pgTypes = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === 20 && format !== 'binary') return (v: string) => Number(v);
    return pg.types.getTypeParser(oid, format);
  },
} as unknown as pg.CustomTypesConfig;

export interface OpenDbOptions {
  databaseUrl?: string | undefined;
  modelReaderDatabaseUrl?: string | undefined;
  poolMax?: number;
  /** Folder of the embedded database; `memory://` for a throwaway in-memory one. */
  pgliteDir?: string;
  applicationName?: string;
  /** CA file verifying the server for sslmode=verify-full/verify-ca (DATABASE_CA_FILE). */
  caFile?: string | undefined;
}

export function dbOptionsFromConfig(config: Config): OpenDbOptions {
  return {
    databaseUrl: config.databaseUrl,
    modelReaderDatabaseUrl: config.modelReaderDatabaseUrl,
    poolMax: config.databasePoolMax,
    pgliteDir: path.join(config.dataDir, 'pglite'),
    caFile: config.databaseCaFile,
  };
}

export async function openDb(options: OpenDbOptions): Promise<Db> {
  return options.databaseUrl
    ? openPg(options.databaseUrl, options)
    : openPglite(options.pgliteDir ?? 'memory://');
}

function openPg(url: string, options: OpenDbOptions): Db {
  // sslmode and the CA are applied here, not by the driver's URL parsing (see transport-security).
  const pool = new pg.Pool({
    ...pgConnectionOptions(url, options.caFile),
    max: options.poolMax ?? 10,
    types: pgTypes,
    application_name: options.applicationName ?? 'seer',
    connectionTimeoutMillis: 10_000,
  });
  // An idle client losing its server (failover, restart) must not crash the process.
  pool.on('error', () => {});
  // Nor may a checked-out client between two queries (the pool's listener covers idle ones only):
  // its next query fails instead, and the pool drops it on release.
  pool.on('connect', (client) => client.on('error', () => {}));
  const kysely = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  const query: RawQuery = async (text, params = []) => {
    const res = await pool.query(text, params as unknown[]);
    return { rows: res.rows };
  };
  async function withSession<T>(fn: (s: Session) => Promise<T>): Promise<T> {
    const client = await pool.connect();
    try {
      return await fn({
        query: async (text, params = []) => ({ rows: (await client.query(text, params as unknown[])).rows }),
        exec: async (sql) => {
          await client.query(sql);
        },
        copyFrom: async (copySql, data) => {
          await pipeline(Readable.from(data), client.query(copyFromStdin(copySql)));
        },
      });
    } finally {
      client.release();
    }
  }

  let readerPool: pg.Pool | undefined;
  let modelReaderQuery: RawQuery;
  if (options.modelReaderDatabaseUrl) {
    readerPool = new pg.Pool({
      ...pgConnectionOptions(options.modelReaderDatabaseUrl, options.caFile),
      max: Math.max(2, Math.ceil((options.poolMax ?? 10) / 2)),
      types: pgTypes,
      application_name: 'seer-model-reader',
    });
    readerPool.on('error', () => {});
    readerPool.on('connect', (client) => client.on('error', () => {}));
    const rp = readerPool;
    modelReaderQuery = async (text, params = []) => ({
      rows: (await rp.query(text, params as unknown[])).rows,
    });
  } else {
    modelReaderQuery = (text, params) => withSession((s) => asModelReader(s, text, params));
  }

  const listeners = new Set<Listener>();
  const listen = (channel: string, handlers: ListenHandlers): Listener => {
    const l = listenPg(
      {
        ...pgConnectionOptions(url, options.caFile),
        types: pgTypes,
        application_name: `${options.applicationName ?? 'seer'}-listen`,
        connectionTimeoutMillis: 10_000,
        // A silently dead peer (no RST) is noticed by TCP keepalive and the heartbeat below.
        keepAlive: true,
        keepAliveInitialDelayMillis: 10_000,
      },
      channel,
      handlers,
    );
    const tracked: Listener = {
      close: async () => {
        listeners.delete(tracked);
        await l.close();
      },
    };
    listeners.add(tracked);
    return tracked;
  };

  return {
    driver: 'pg',
    listen,
    withSession,
    kysely,
    query,
    exec: (sql) => withSession((s) => s.exec(sql)),
    modelReaderQuery,
    analyze: async () => {
      await pool.query('ANALYZE');
    },
    ping: async () => {
      await pool.query('SELECT 1');
    },
    close: async () => {
      for (const l of [...listeners]) await l.close();
      // Kysely ends the pool only if a builder query initialised its driver; raw queries
      // (migrations, the model reader) use the pool directly, so end it here too, or its idle
      // connections would keep the process alive for idleTimeoutMillis.
      await kysely.destroy();
      if (!pool.ended) await pool.end();
      await readerPool?.end();
    },
  };
}

const LISTEN_RETRY_MIN_MS = 100;
const LISTEN_RETRY_MAX_MS = 5_000;
const LISTEN_HEARTBEAT_MS = 15_000;
const LISTEN_HEARTBEAT_TIMEOUT_MS = 5_000;

/** Payload prefix of the listener's own round trips; never handed to the subscriber. */
const LISTEN_PING = 'seer-listen-ping:';

/**
 * LISTEN on a client of its own, outside the pool: a pooled connection may be handed to anyone
 * and its LISTEN would end with it. Any error or end reports the listener down at once and a
 * new connection is tried with backoff. The listener counts as up only once a NOTIFY it sends
 * itself has come back, and the heartbeat repeats that round trip: a connection that hangs, or
 * one behind a transaction-mode pooler (where LISTEN silently receives nothing), is reported
 * down instead of being trusted.
 */
function listenPg(config: pg.ClientConfig, channel: string, h: ListenHandlers): Listener {
  let closed = false;
  let current: pg.Client | undefined;
  let retry: NodeJS.Timeout | undefined;
  let delay = LISTEN_RETRY_MIN_MS;
  let failures = 0;

  const schedule = () => {
    if (closed || retry) return;
    retry = setTimeout(() => {
      retry = undefined;
      void connect();
    }, delay);
    retry.unref();
    delay = Math.min(delay * 2, LISTEN_RETRY_MAX_MS);
  };
  const lost = (c: pg.Client) => {
    if (current !== c) return;
    current = undefined;
    h.onState(false);
    c.end().catch(() => {});
    schedule();
  };
  const pings = new Map<string, () => void>();
  /** NOTIFY ourselves and wait for it to come back on the same connection, bounded. */
  async function roundTrip(c: pg.Client): Promise<void> {
    const token = `${LISTEN_PING}${randomBytes(8).toString('hex')}`;
    let timer: NodeJS.Timeout | undefined;
    const back = new Promise<void>((resolve, reject) => {
      pings.set(token, resolve);
      timer = setTimeout(() => reject(new Error('listen round trip timed out')), LISTEN_HEARTBEAT_TIMEOUT_MS);
    });
    try {
      await Promise.race([c.query('SELECT pg_notify($1, $2)', [channel, token]).then(() => back), back]);
    } finally {
      clearTimeout(timer);
      pings.delete(token);
    }
  }
  async function connect() {
    if (closed) return;
    const c = new pg.Client(config);
    c.on('error', () => lost(c));
    c.on('end', () => lost(c));
    c.on('notification', (n) => {
      if (n.channel !== channel) return;
      const payload = n.payload ?? '';
      if (payload.startsWith(LISTEN_PING)) {
        pings.get(payload)?.();
        return;
      }
      if (current === c) h.onNotify(payload);
    });
    try {
      await c.connect();
      await c.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
      await roundTrip(c);
    } catch (err) {
      c.end().catch(() => {});
      if (!closed) h.onAttemptFailed?.(err instanceof Error ? err : new Error(String(err)), ++failures);
      schedule();
      return;
    }
    if (closed) {
      await c.end().catch(() => {});
      return;
    }
    current = c;
    failures = 0;
    delay = LISTEN_RETRY_MIN_MS;
    h.onState(true);
  }
  const heartbeat = setInterval(() => {
    const c = current;
    if (!c) return;
    roundTrip(c).catch(() => lost(c));
  }, LISTEN_HEARTBEAT_MS);
  heartbeat.unref();
  void connect();

  return {
    close: async () => {
      if (closed) return;
      closed = true;
      clearInterval(heartbeat);
      clearTimeout(retry);
      const c = current;
      current = undefined;
      if (c) {
        h.onState(false);
        await c.end().catch(() => {});
      }
    },
  };
}

async function openPglite(dir: string): Promise<Db> {
  // Loaded on use: processes on PostgreSQL never pay for PGlite's start-up.
  const { PGlite } = await import('@electric-sql/pglite');
  if (dir === 'memory://') return openPgliteInstance(await PGlite.create());
  await mkdir(dir, { recursive: true }); // PGlite does not create parents.
  // PGlite takes no lock on its folder, and a second process writing to it loses its writes or
  // damages the database: one process at a time, and a second one is told at once who holds it.
  const lock = acquireLock(`${dir}.lock`, `the embedded database ${dir}`);
  try {
    // After a crash PGlite replays its WAL at open, and PostgreSQL arms a repeating 10 s
    // "startup progress" timer for that; inside PGlite nothing disarms it, so the process never
    // exited (`seerd migrate` after kill -9 printed "up to date" and hung). Turn that report off.
    const defaults = (PGlite as unknown as { defaultStartParams?: string[] }).defaultStartParams ?? [];
    const db = openPgliteInstance(
      await PGlite.create(dir, {
        startParams: [...defaults, '-c', 'log_startup_progress_interval=0'],
      }),
    );
    const close = db.close;
    return {
      ...db,
      close: async () => {
        try {
          await close();
        } finally {
          lock.release();
        }
      },
    };
  } catch (err) {
    lock.release();
    throw err;
  }
}

const PGLITE_ANALYZE_EVERY_MS = 3 * 60_000;

/** Wraps an already-created PGlite instance (tests load migrated snapshots this way). */
export function openPgliteInstance(pglite: PGlite): Db & { pglite: PGlite } {
  const pool = new PGlitePool(pglite);
  const kysely = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  async function withSession<T>(fn: (s: Session) => Promise<T>): Promise<T> {
    const client = await pool.connect();
    try {
      return await fn({
        query: async (text, params = []) => ({ rows: (await client.query(text, params)).rows as never[] }),
        exec: async (sql) => {
          await pglite.exec(sql);
        },
      });
    } finally {
      client.release();
    }
  }
  const query: RawQuery = (text, params) => withSession((s) => s.query(text, params));
  const modelReaderQuery: RawQuery = (text, params) => withSession((s) => asModelReader(s, text, params));
  const analyze = () => withSession((s) => s.exec('ANALYZE'));
  // PGlite runs no autovacuum, so statistics would stay empty forever and the planner would pick
  // full scans for joins that grow with the data (seconds per query instead of milliseconds).
  // Once at open and every few minutes keeps them close enough; it costs ~0.2 s.
  const autoAnalyze = setInterval(() => {
    analyze().catch(() => {});
  }, PGLITE_ANALYZE_EVERY_MS);
  autoAnalyze.unref();
  void analyze().catch(() => {});
  const listeners = new Set<Listener>();
  // PGlite is in this process: its one connection cannot be lost, so once LISTEN is in effect it
  // stays up until closed. LISTEN goes through the pool's mutex so it never lands inside someone
  // else's transaction (a rollback there would undo it).
  const listen = (channel: string, h: ListenHandlers): Listener => {
    let closed = false;
    let unlisten: (() => Promise<void>) | undefined;
    const started = withSession(async () => {
      unlisten = await pglite.listen(channel, (payload) => {
        if (!closed) h.onNotify(payload);
      });
    }).then(
      () => {
        if (!closed) h.onState(true);
      },
      () => {},
    );
    const l: Listener = {
      close: async () => {
        if (closed) return;
        closed = true;
        listeners.delete(l);
        await started;
        h.onState(false);
        const stop = unlisten;
        if (stop) await withSession(() => stop()).catch(() => {});
      },
    };
    listeners.add(l);
    return l;
  };
  return {
    driver: 'pglite',
    pglite,
    listen,
    withSession,
    kysely,
    query,
    exec: (sql) => withSession((s) => s.exec(sql)),
    modelReaderQuery,
    analyze,
    ping: async () => {
      await query('SELECT 1');
    },
    close: async () => {
      for (const l of [...listeners]) await l.close();
      clearInterval(autoAnalyze);
      await kysely.destroy();
      // As on pg: kysely ends the pool only if a builder query ran, and an unclosed PGlite
      // keeps PostgreSQL's timers (Node timers) armed, so the process would linger.
      await pool.end();
    },
  };
}

async function asModelReader<R>(
  s: Session,
  text: string,
  params: readonly unknown[] | undefined,
): Promise<QueryResultRows<R>> {
  await s.query('BEGIN READ ONLY');
  try {
    await s.query('SET LOCAL ROLE seer_model_reader');
    const res = await s.query<R>(text, params);
    await s.query('COMMIT');
    return res;
  } catch (err) {
    await s.query('ROLLBACK').catch(() => {});
    throw err;
  }
}

/** Runs fn in one transaction; the callback receives the transaction as its executor. */
export function withTransaction<T>(
  db: Db | Executor,
  fn: (trx: Transaction<Database>) => Promise<T>,
): Promise<T> {
  const k = 'kysely' in db ? db.kysely : db;
  if (k.isTransaction) return fn(k as Transaction<Database>);
  return k.transaction().execute(fn);
}
