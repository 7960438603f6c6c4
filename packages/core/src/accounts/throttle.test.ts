import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMemoryThrottleStore, createRedisThrottleStore, type ThrottleStore } from './throttle';

let now = Date.parse('2026-11-26T12:00:00Z');
const clock = () => new Date(now);
let redis: Redis;
const prefix = `seer:throttle:test-${randomBytes(4).toString('hex')}:`;

beforeAll(() => {
  redis = new Redis('redis://127.0.0.1:6379', { lazyConnect: false, maxRetriesPerRequest: 1 });
});
afterAll(async () => {
  const keys = await redis.keys(`${prefix}*`);
  if (keys.length > 0) await redis.del(...keys);
  redis.disconnect();
});

describe.each([
  ['memory', () => createMemoryThrottleStore(clock)],
  ['redis', () => createRedisThrottleStore(redis, prefix)],
] as const)('%s throttle store', (name, make) => {
  let store: ThrottleStore;
  beforeAll(() => {
    store = make();
  });

  it('counts hits per key within a window and reports when it resets', async () => {
    const key = `k1-${name}`;
    expect(await store.peek(key)).toEqual({ count: 0, retryAfterSeconds: 0 });
    expect((await store.hit(key, 60)).count).toBe(1);
    const second = await store.hit(key, 60);
    expect(second.count).toBe(2);
    expect(second.retryAfterSeconds).toBeGreaterThan(50);
    expect(second.retryAfterSeconds).toBeLessThanOrEqual(60);
    expect((await store.peek(key)).count).toBe(2);
    expect((await store.hit(`other-${name}`, 60)).count).toBe(1);
  });

  it('reset clears the key', async () => {
    const key = `k2-${name}`;
    await store.hit(key, 60);
    await store.reset(key);
    expect((await store.peek(key)).count).toBe(0);
    expect((await store.hit(key, 60)).count).toBe(1);
  });

  it('release takes back one attempt, keeps the window, never goes below 0 or creates a key', async () => {
    const key = `k3-${name}`;
    await store.hit(key, 60);
    await store.hit(key, 60);
    await store.release(key);
    const one = await store.peek(key);
    expect(one.count).toBe(1);
    expect(one.retryAfterSeconds).toBeGreaterThan(50);
    await store.release(key);
    await store.release(key);
    expect((await store.peek(key)).count).toBe(0);
    expect((await store.hit(key, 60)).count).toBe(1);
    await store.release(`never-hit-${name}`);
    expect(await store.peek(`never-hit-${name}`)).toEqual({ count: 0, retryAfterSeconds: 0 });
  });
});

describe('window expiry', () => {
  it('memory windows end after windowSeconds of the clock', async () => {
    const store = createMemoryThrottleStore(clock);
    await store.hit('w', 10);
    await store.hit('w', 10);
    now += 9_000;
    expect((await store.peek('w')).count).toBe(2);
    expect((await store.peek('w')).retryAfterSeconds).toBe(1);
    now += 1_000;
    expect((await store.peek('w')).count).toBe(0);
    expect((await store.hit('w', 10)).count).toBe(1);
  });

  it('redis windows expire and later hits do not extend them', async () => {
    const store = createRedisThrottleStore(redis, prefix);
    await store.hit('w', 1);
    await new Promise((r) => setTimeout(r, 400));
    const again = await store.hit('w', 1);
    expect(again.count).toBe(2);
    await new Promise((r) => setTimeout(r, 800));
    expect((await store.peek('w')).count).toBe(0);
  });

  it('memory store stays bounded under many distinct keys', async () => {
    const store = createMemoryThrottleStore(clock, 3);
    for (const k of ['a', 'b', 'c', 'd']) await store.hit(k, 60);
    expect((await store.peek('a')).count).toBe(0);
    expect((await store.peek('d')).count).toBe(1);
  });
});
