import { describe, expect, it } from 'vitest';
import { createPrioritySlots, type WorkClass } from './priority-slots';

const tick = () => new Promise((r) => setImmediate(r));

describe('priority slots', () => {
  it('gives a freed slot to live, then deploy, then backtest, oldest first within a class', async () => {
    const slots = createPrioritySlots({ capacity: 1, reservedForLive: 0 });
    const order: string[] = [];
    const first = await slots.acquire('backtest');
    const waiters = (
      [
        ['backtest', 'b1'],
        ['deploy', 'd1'],
        ['backtest', 'b2'],
        ['live', 'l1'],
        ['live', 'l2'],
      ] as Array<[WorkClass, string]>
    ).map(([cls, name]) => slots.run(cls, async () => void order.push(name)));
    await tick();
    expect(slots.stats().waiting).toEqual({ live: 2, deploy: 1, backtest: 2 });
    first();
    await Promise.all(waiters);
    expect(order).toEqual(['l1', 'l2', 'd1', 'b1', 'b2']);
    expect(slots.stats().active).toEqual({ live: 0, deploy: 0, backtest: 0 });
  });

  it('keeps reserved slots for live runs only', async () => {
    const slots = createPrioritySlots({ capacity: 3, reservedForLive: 1 });
    const b1 = await slots.acquire('backtest');
    await slots.acquire('deploy');
    let started = false;
    const b3 = slots.acquire('backtest').then((r) => {
      started = true;
      return r;
    });
    await tick();
    expect(started).toBe(false); // 2 of 3 used, the third is live's
    const live = await slots.acquire('live'); // starts at once
    expect(slots.stats().active).toEqual({ live: 1, deploy: 1, backtest: 1 });
    live();
    await tick();
    expect(started).toBe(false);
    b1();
    (await b3)();
    expect(started).toBe(true);
  });

  it('never reserves every slot: other work still progresses with capacity 1', async () => {
    const slots = createPrioritySlots({ capacity: 1, reservedForLive: 5 });
    expect(await slots.run('backtest', async () => 42)).toBe(42);
  });

  it('releases once even if release is called twice', async () => {
    const slots = createPrioritySlots({ capacity: 2, reservedForLive: 0 });
    const r = await slots.acquire('live');
    r();
    r();
    expect(slots.stats().active.live).toBe(0);
    await slots.acquire('live');
    await slots.acquire('live');
    expect(slots.stats().active.live).toBe(2);
  });
});
