/**
 * Per-process caches that may be trusted only because the database tells this process, through
 * LISTEN, about every change to what they hold (triggers `pg_notify` on the channel). The rules
 * that keep a cached answer from outliving its row (docs/SECURITY.md, "Per-process caches"):
 *
 * - Nothing is read from or stored in a table unless the listener is up. When it goes down every
 *   table is emptied, and callers query the database until LISTEN is in effect again.
 * - A value is stored only with the ticket taken before the database was read, and only if no
 *   notification, local invalidation or listener change happened in between: a read that raced a
 *   change cannot store the value it saw before the change.
 * - Entries live at most `ttlMs` and a table holds at most `maxEntries` (the oldest go first).
 * - A process that wrote a change itself calls `invalidate(payload)` after its commit, which runs
 *   the same handlers as the notification will, so its very next request already misses.
 */
import type { Db, Listener } from './db';

export const DEFAULT_CACHE_TTL_MS = 60_000;
export const DEFAULT_CACHE_MAX_ENTRIES = 10_000;
/** Failed tries in a row before the trouble is reported (a restart of PostgreSQL takes a few). */
export const TROUBLE_AFTER = 3;

export interface CacheTable<V> {
  /** The value, unless absent, expired or the listener is down. */
  get(key: string): V | undefined;
  /** Stores `value` read from the database after `ticket` was taken, if nothing changed since. */
  set(key: string, value: V, ticket: number): void;
  /** Replaces a value already cached (a field this process itself wrote); a miss stays a miss. */
  update(key: string, fn: (v: V) => V): void;
  delete(key: string): void;
  /** Removes every entry whose value matches (rare events: an account's roles changed). */
  deleteWhere(match: (value: V) => boolean): void;
  readonly size: number;
}

export interface NotifiedCache {
  /** Whether the listener is up, i.e. whether tables may be used at all. */
  readonly active: boolean;
  /** Take before reading the database; pass to `set`. */
  ticket(): number;
  table<V>(): CacheTable<V>;
  /** Handlers for each payload, from a notification or from `invalidate`. */
  onInvalidate(handler: (payload: string) => void): void;
  /** What a notification with this payload does, done now (after this process's own commit). */
  invalidate(payload: string): void;
  /** Resolves true once the listener is up, false after timeoutMs (tests, start-up). */
  whenActive(timeoutMs: number): Promise<boolean>;
  /**
   * Says, for an operator's log, when the listener has failed to come up TROUBLE_AFTER times in
   * a row (the process runs uncached meanwhile), and when it is up again after that.
   */
  onTrouble(report: (message: string, level: 'warn' | 'info') => void): void;
  close(): Promise<void>;
}

interface Entry<V> {
  value: V;
  until: number;
}

export function createNotifiedCache(o: {
  db: Pick<Db, 'listen'>;
  channel: string;
  ttlMs?: number;
  maxEntries?: number;
  /** Monotonic milliseconds (tests replace it). */
  now?: () => number;
}): NotifiedCache {
  const ttlMs = o.ttlMs ?? DEFAULT_CACHE_TTL_MS;
  const maxEntries = o.maxEntries ?? DEFAULT_CACHE_MAX_ENTRIES;
  const now = o.now ?? (() => performance.now());
  const maps: Array<Map<string, Entry<unknown>>> = [];
  const handlers: Array<(payload: string) => void> = [];
  let waiters: Array<() => void> = [];
  let up = false;
  let epoch = 0;

  const clearAll = () => {
    for (const m of maps) m.clear();
  };
  const invalidate = (payload: string) => {
    epoch++;
    for (const h of handlers) h(payload);
  };

  const reporters: Array<(message: string, level: 'warn' | 'info') => void> = [];
  let reported = false;
  const report = (message: string, level: 'warn' | 'info') => {
    for (const r of reporters) r(message, level);
  };

  let listener: Listener | undefined;
  if (o.db.listen) {
    listener = o.db.listen(o.channel, {
      onNotify: invalidate,
      onState: (isUp) => {
        epoch++;
        clearAll();
        up = isUp;
        if (isUp) {
          for (const w of waiters.splice(0)) w();
          if (reported) {
            reported = false;
            report(`LISTEN ${o.channel} is up again: per-process caches are in use`, 'info');
          }
        }
      },
      onAttemptFailed: (error, failures) => {
        if (failures !== TROUBLE_AFTER) return;
        reported = true;
        report(
          `LISTEN ${o.channel} has failed ${failures} times in a row (${error.message}); this process runs ` +
            'without its per-process caches (every request reads the database) and keeps trying. A ' +
            'transaction-mode pooler (PgBouncer pool_mode=transaction) never delivers notifications: ' +
            'point DATABASE_URL at PostgreSQL or at a session-mode pool.',
          'warn',
        );
      },
    });
  }

  function table<V>(): CacheTable<V> {
    const m = new Map<string, Entry<V>>();
    maps.push(m as Map<string, Entry<unknown>>);
    return {
      get(key) {
        if (!up) return undefined;
        const e = m.get(key);
        if (!e) return undefined;
        if (e.until <= now()) {
          m.delete(key);
          return undefined;
        }
        return e.value;
      },
      set(key, value, ticket) {
        if (!up || ticket !== epoch) return;
        m.delete(key);
        if (m.size >= maxEntries) {
          const oldest = m.keys().next();
          if (!oldest.done) m.delete(oldest.value);
        }
        m.set(key, { value, until: now() + ttlMs });
      },
      update(key, fn) {
        const e = m.get(key);
        if (e) e.value = fn(e.value);
      },
      delete(key) {
        m.delete(key);
      },
      deleteWhere(match) {
        for (const [k, e] of m) if (match(e.value)) m.delete(k);
      },
      get size() {
        return m.size;
      },
    };
  }

  return {
    get active() {
      return up;
    },
    ticket: () => epoch,
    table,
    onInvalidate: (h) => {
      handlers.push(h);
    },
    invalidate,
    onTrouble: (r) => {
      reporters.push(r);
    },
    whenActive(timeoutMs) {
      if (up) return Promise.resolve(true);
      if (!listener) return Promise.resolve(false);
      return new Promise((resolve) => {
        const done = () => {
          clearTimeout(timer);
          resolve(true);
        };
        const timer = setTimeout(() => {
          waiters = waiters.filter((w) => w !== done);
          resolve(false);
        }, timeoutMs);
        waiters.push(done);
      });
    },
    close: async () => {
      const l = listener;
      listener = undefined;
      await l?.close();
      up = false;
      epoch++;
      clearAll();
    },
  };
}
