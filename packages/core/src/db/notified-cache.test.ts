/**
 * The rules that make a per-process cache safe, against a scripted listener: nothing is served or
 * stored while it is down, a read that raced a change cannot store what it saw, entries expire and
 * the table is capped.
 */
import { describe, expect, it } from 'vitest';
import type { ListenHandlers } from './db';
import { createNotifiedCache } from './notified-cache';

function scripted() {
  let h: ListenHandlers | undefined;
  let closed = false;
  return {
    db: {
      listen: (_channel: string, handlers: ListenHandlers) => {
        h = handlers;
        return {
          close: async () => {
            closed = true;
          },
        };
      },
    },
    up: () => h?.onState(true),
    down: () => h?.onState(false),
    notify: (payload: string) => h?.onNotify(payload),
    fail: (n: number) => h?.onAttemptFailed?.(new Error('connect ECONNREFUSED'), n),
    closed: () => closed,
  };
}

describe('notified cache', () => {
  it('serves and stores only while the listener is up; going down empties it', async () => {
    const l = scripted();
    const cache = createNotifiedCache({ db: l.db, channel: 'c' });
    const t = cache.table<string>();
    t.set('a', 'A', cache.ticket());
    expect(t.get('a')).toBeUndefined(); // not up yet
    l.up();
    expect(await cache.whenActive(10)).toBe(true);
    t.set('a', 'A', cache.ticket());
    expect(t.get('a')).toBe('A');
    l.down();
    expect(cache.active).toBe(false);
    expect(t.size).toBe(0);
    t.set('a', 'A', cache.ticket());
    expect(t.get('a')).toBeUndefined();
    l.up();
    expect(t.get('a')).toBeUndefined(); // what was held before the loss is not back
    t.set('a', 'A2', cache.ticket());
    expect(t.get('a')).toBe('A2');
    await cache.close();
    expect(l.closed()).toBe(true);
    expect(t.get('a')).toBeUndefined();
  });

  it('a read that raced a notification, a local invalidation or a reconnect stores nothing', () => {
    const l = scripted();
    const cache = createNotifiedCache({ db: l.db, channel: 'c' });
    const t = cache.table<string>();
    const seen: string[] = [];
    cache.onInvalidate((p) => {
      seen.push(p);
      t.delete(p);
    });
    l.up();
    let ticket = cache.ticket();
    l.notify('a'); // the change committed while the read was in flight
    t.set('a', 'stale', ticket);
    expect(t.get('a')).toBeUndefined();

    ticket = cache.ticket();
    cache.invalidate('a');
    t.set('a', 'stale', ticket);
    expect(t.get('a')).toBeUndefined();

    ticket = cache.ticket();
    l.down();
    l.up();
    t.set('a', 'stale', ticket);
    expect(t.get('a')).toBeUndefined();

    t.set('a', 'fresh', cache.ticket());
    l.notify('a');
    expect(t.get('a')).toBeUndefined();
    expect(seen).toEqual(['a', 'a', 'a']);
  });

  it('entries expire after the TTL and the oldest go when the table is full', () => {
    const l = scripted();
    let ms = 0;
    const cache = createNotifiedCache({ db: l.db, channel: 'c', ttlMs: 1_000, maxEntries: 2, now: () => ms });
    const t = cache.table<number>();
    l.up();
    t.set('a', 1, cache.ticket());
    ms = 999;
    expect(t.get('a')).toBe(1);
    ms = 1_000;
    expect(t.get('a')).toBeUndefined();
    t.set('x', 1, cache.ticket());
    t.set('y', 2, cache.ticket());
    t.set('z', 3, cache.ticket());
    expect([t.get('x'), t.get('y'), t.get('z')]).toEqual([undefined, 2, 3]);
    expect(t.size).toBe(2);
  });

  it('tells the operator once when the listener keeps failing, and once when it is back', () => {
    const l = scripted();
    const cache = createNotifiedCache({ db: l.db, channel: 'c' });
    const said: string[] = [];
    cache.onTrouble((m, level) => said.push(`${level}: ${m}`));
    l.fail(1);
    l.fail(2);
    expect(said).toEqual([]); // a restart of PostgreSQL takes a try or two
    l.fail(3);
    l.fail(4);
    l.fail(5);
    expect(said).toHaveLength(1);
    expect(said[0]).toMatch(
      /^warn: LISTEN c has failed 3 times in a row \(connect ECONNREFUSED\).*without its per-process caches.*transaction-mode pooler/,
    );
    l.up();
    expect(said[1]).toBe('info: LISTEN c is up again: per-process caches are in use');
    l.down();
    l.up(); // a short loss that never reached the threshold says nothing
    expect(said).toHaveLength(2);
  });

  it('without a listener nothing is ever cached', async () => {
    const cache = createNotifiedCache({ db: {}, channel: 'c' });
    const t = cache.table<string>();
    t.set('a', 'A', cache.ticket());
    expect(t.get('a')).toBeUndefined();
    expect(await cache.whenActive(10)).toBe(false);
  });
});
