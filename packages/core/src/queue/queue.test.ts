import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { createBullQueues, obliteratePrefix } from './bullmq-queue';
import { createInProcessQueues } from './in-process-queue';
import {
  type ConsumeOptions,
  type Consumer,
  type JobHandler,
  type JobQueues,
  type QueueName,
  UnrecoverableJobError,
} from './queue';

/** The contract is about delivery, not payloads (the job catalogue types those): speak untyped. */
interface LooseQueues extends Omit<JobQueues, 'enqueue' | 'enqueueMany' | 'consume'> {
  enqueue(queue: QueueName, jobId: string, data: unknown): Promise<void>;
  enqueueMany(queue: QueueName, jobs: ReadonlyArray<{ id: string; data: unknown }>): Promise<void>;
  consume<T = unknown>(queue: QueueName, handler: JobHandler<T>, opts: ConsumeOptions): Promise<Consumer>;
}

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

async function until(cond: () => Promise<boolean> | boolean, timeoutMs = 10_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}

const IMPLS: Array<[string, () => { q: JobQueues; cleanup: () => Promise<void> }]> = [
  [
    'in-process',
    () => {
      const q = createInProcessQueues({ retry: { attempts: 3, backoffMs: 10 } });
      return { q, cleanup: () => q.close() };
    },
  ],
  [
    'bullmq',
    () => {
      const prefix = `seer-test-${randomBytes(5).toString('hex')}`;
      const q = createBullQueues({ redisUrl: REDIS_URL, prefix, retry: { attempts: 3, backoffMs: 10 } });
      return {
        q,
        cleanup: async () => {
          await q.close();
          await obliteratePrefix(REDIS_URL, prefix);
        },
      };
    },
  ],
];

describe.each(IMPLS)('JobQueues contract (%s)', (_name, make) => {
  let cleanup: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await cleanup?.();
    cleanup = undefined;
  });
  const setup = () => {
    const m = make();
    cleanup = m.cleanup;
    return m.q as unknown as LooseQueues;
  };

  it('delivers jobs enqueued before and after the consumer starts, with their data', async () => {
    const q = setup();
    const seen: Array<[string, unknown, number]> = [];
    await q.enqueue('runs', 'a', { n: 1 });
    await q.consume<{ n: number }>('runs', async (j) => void seen.push([j.id, j.data, j.attempt]), {
      concurrency: 2,
    });
    await q.enqueue('runs', 'b', { n: 2 });
    await until(() => seen.length === 2);
    expect(seen.sort()).toEqual([
      ['a', { n: 1 }, 1],
      ['b', { n: 2 }, 1],
    ]);
  });

  it('collapses a duplicate job id while the first is pending', async () => {
    const q = setup();
    await q.enqueue('runs', 'same', { v: 1 });
    await q.enqueue('runs', 'same', { v: 2 });
    expect((await q.counts('runs')).waiting).toBe(1);
    const seen: unknown[] = [];
    await q.consume('runs', async (j) => void seen.push(j.data), { concurrency: 1 });
    await until(() => seen.length === 1);
    await new Promise((r) => setTimeout(r, 100));
    expect(seen).toEqual([{ v: 1 }]);
  });

  it('enqueues many at once, collapsing duplicates within and across calls', async () => {
    const q = setup();
    await q.enqueue('runs', 'm1', { n: 1 });
    await q.enqueueMany('runs', [
      { id: 'm1', data: { n: 9 } },
      { id: 'm2', data: { n: 2 } },
      { id: 'm3', data: { n: 3 } },
      { id: 'm2', data: { n: 9 } },
    ]);
    await q.enqueueMany('runs', []);
    expect((await q.counts('runs')).waiting).toBe(3);
    const seen: Array<[string, unknown]> = [];
    await q.consume('runs', async (j) => void seen.push([j.id, j.data]), { concurrency: 1 });
    await until(() => seen.length === 3);
    await new Promise((r) => setTimeout(r, 100));
    expect(seen.sort()).toEqual([
      ['m1', { n: 1 }],
      ['m2', { n: 2 }],
      ['m3', { n: 3 }],
    ]);
  });

  it('accepts the same id again once the first job completed (re-dispatch after recovery)', async () => {
    const q = setup();
    let n = 0;
    await q.consume('runs', async () => void n++, { concurrency: 1 });
    await q.enqueue('runs', 'again', {});
    await until(() => n === 1);
    await until(async () => (await q.counts('runs')).active === 0);
    await q.enqueue('runs', 'again', {});
    await until(() => n === 2);
  });

  it('retries transient failures with backoff, then succeeds', async () => {
    const q = setup();
    const attempts: number[] = [];
    let done = false;
    await q.consume(
      'runs',
      async (j) => {
        attempts.push(j.attempt);
        if (j.attempt < 3) throw new Error('redis hiccup');
        done = true;
      },
      { concurrency: 1 },
    );
    await q.enqueue('runs', 'flaky', {});
    await until(() => done);
    expect(attempts).toEqual([1, 2, 3]);
    expect((await q.counts('runs')).dead).toBe(0);
  });

  it('dead-letters a job after its last attempt and lets an operator retry it', async () => {
    const q = setup();
    let fail = true;
    let succeeded = 0;
    const attempts: number[] = [];
    await q.consume(
      'outcomes',
      async (j) => {
        attempts.push(j.attempt);
        if (fail) throw new Error('database down');
        succeeded++;
      },
      { concurrency: 1 },
    );
    await q.enqueue('outcomes', 'doomed', { x: 1 });
    await until(async () => (await q.counts('outcomes')).dead === 1);
    expect(attempts).toEqual([1, 2, 3]);
    const dead = await q.deadLetters('outcomes');
    expect(dead).toHaveLength(1);
    expect(dead[0]).toMatchObject({ jobId: 'doomed', data: { x: 1 }, attempts: 3, error: 'database down' });
    expect(await q.retryDeadLetter('outcomes', 'nope')).toBe(false);
    fail = false;
    expect(await q.retryDeadLetter('outcomes', 'doomed')).toBe(true);
    await until(() => succeeded === 1);
    await until(async () => (await q.counts('outcomes')).dead === 0);
  });

  it('does not retry an unrecoverable failure', async () => {
    const q = setup();
    const attempts: number[] = [];
    await q.consume(
      'runs',
      async (j) => {
        attempts.push(j.attempt);
        throw new UnrecoverableJobError('model raised ZeroDivisionError');
      },
      { concurrency: 1 },
    );
    await q.enqueue('runs', 'bad-model', {});
    await until(async () => (await q.counts('runs')).dead === 1);
    await new Promise((r) => setTimeout(r, 150));
    expect(attempts).toEqual([1]);
    expect((await q.deadLetters('runs'))[0]?.error).toBe('model raised ZeroDivisionError');
  });

  it('runs at most `concurrency` jobs at once', async () => {
    const q = setup();
    let active = 0;
    let peak = 0;
    let done = 0;
    await q.consume(
      'runs',
      async () => {
        active++;
        peak = Math.max(peak, active);
        await new Promise((r) => setTimeout(r, 40));
        active--;
        done++;
      },
      { concurrency: 2 },
    );
    for (let i = 0; i < 6; i++) await q.enqueue('runs', `c${i}`, {});
    await until(() => done === 6);
    expect(peak).toBe(2);
  });
});
