/**
 * Fixed-window attempt counters for login throttling, behind one interface: in memory for a
 * single process, in Redis (INCR + EXPIRE NX) when several API processes must share the count.
 */
import type { Redis } from 'ioredis';
import { AppError } from '../errors';

export interface ThrottleCount {
  count: number;
  /** Seconds until the window resets (>= 1 while the key exists). */
  retryAfterSeconds: number;
}

export interface ThrottleStore {
  /** Adds one attempt to the key's window and returns the new count. */
  hit(key: string, windowSeconds: number): Promise<ThrottleCount>;
  /** Current count without adding (0 when the key has no window open). */
  peek(key: string): Promise<ThrottleCount>;
  reset(key: string): Promise<void>;
  /** Takes back one attempt of the key's open window (never below 0; no-op without a window). */
  release(key: string): Promise<void>;
}

export function createMemoryThrottleStore(clock: () => Date, maxKeys = 100_000): ThrottleStore {
  const windows = new Map<string, { count: number; resetAt: number }>();
  const live = (key: string) => {
    const w = windows.get(key);
    if (w && w.resetAt <= clock().getTime()) {
      windows.delete(key);
      return undefined;
    }
    return w;
  };
  const result = (w: { count: number; resetAt: number } | undefined): ThrottleCount => ({
    count: w?.count ?? 0,
    retryAfterSeconds: w ? Math.max(1, Math.ceil((w.resetAt - clock().getTime()) / 1000)) : 0,
  });
  return {
    async hit(key, windowSeconds) {
      let w = live(key);
      if (!w) {
        // Bound memory under a flood of distinct keys: drop expired windows, then the oldest.
        if (windows.size >= maxKeys) {
          const now = clock().getTime();
          for (const [k, v] of windows) if (v.resetAt <= now) windows.delete(k);
          if (windows.size >= maxKeys) windows.delete(windows.keys().next().value as string);
        }
        w = { count: 0, resetAt: clock().getTime() + windowSeconds * 1000 };
        windows.set(key, w);
      }
      w.count += 1;
      return result(w);
    },
    async peek(key) {
      return result(live(key));
    },
    async reset(key) {
      windows.delete(key);
    },
    async release(key) {
      const w = live(key);
      if (w && w.count > 0) w.count -= 1;
    },
  };
}

// Fail closed: without its counters the throttle cannot protect logins, so they wait for Redis.
async function guard<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    throw new AppError('service_unavailable', {
      detail: 'Login is temporarily unavailable; try again shortly.',
      headers: { 'retry-after': '5' },
      cause: err,
    });
  }
}

const RELEASE_SCRIPT = `local v = tonumber(redis.call('GET', KEYS[1]) or '0')
if v > 0 then return redis.call('DECR', KEYS[1]) end
return 0`;

export function createRedisThrottleStore(redis: Redis, prefix = 'seer:throttle:'): ThrottleStore {
  const store: ThrottleStore = {
    async hit(key, windowSeconds) {
      const k = prefix + key;
      // NX: only the first hit of a window sets the expiry, so retries cannot extend it forever.
      const res = await redis.multi().incr(k).expire(k, windowSeconds, 'NX').ttl(k).exec();
      if (!res) throw new Error('redis transaction aborted');
      for (const [err] of res) if (err) throw err;
      const count = Number(res[0]?.[1]);
      const ttl = Number(res[2]?.[1]);
      return { count, retryAfterSeconds: ttl > 0 ? ttl : windowSeconds };
    },
    async peek(key) {
      const k = prefix + key;
      const [value, ttl] = await Promise.all([redis.get(k), redis.ttl(k)]);
      const count = value === null ? 0 : Number(value);
      return { count, retryAfterSeconds: count > 0 ? Math.max(1, ttl) : 0 };
    },
    async reset(key) {
      await redis.del(prefix + key);
    },
    async release(key) {
      // Atomic, keeps the window's expiry, never creates a key or goes below 0.
      await redis.eval(RELEASE_SCRIPT, 1, prefix + key);
    },
  };
  return {
    hit: (key, windowSeconds) => guard(() => store.hit(key, windowSeconds)),
    peek: (key) => guard(() => store.peek(key)),
    reset: (key) => guard(() => store.reset(key)),
    release: (key) => guard(() => store.release(key)),
  };
}
