import { describe, expect, it } from 'vitest';
import type { Bar, BarSource } from '../types';
import { createDataBroker } from './data-broker';
import { createMemoryBarSource } from './sql-bar-source';

const H = 3_600_000;
const T0 = Date.UTC(2026, 0, 1);
const bars: Bar[] = Array.from({ length: 10 }, (_, i) => ({
  ts: new Date(T0 + i * H),
  open: i,
  high: i,
  low: i,
  close: i,
  volume: i,
}));
const source = createMemoryBarSource({ A: { '1h': bars }, B: { '1h': bars } });
const mk = (asOf: number, o: Partial<{ lookback: number; maxRequests: number; source: BarSource }> = {}) =>
  createDataBroker({
    source: o.source ?? source,
    symbols: ['A'],
    interval: '1h',
    lookback: o.lookback ?? 100,
    asOf: new Date(asOf),
    maxRequests: o.maxRequests ?? 5,
  });

describe('data broker', () => {
  it('serves a bar only once it has closed (ts + interval <= as_of)', async () => {
    expect((await mk(T0 + 5 * H).handle({ symbol: 'A' })).bars.map((b) => b.close)).toEqual([0, 1, 2, 3, 4]);
    expect((await mk(T0 + 5 * H - 1).handle({ symbol: 'A' })).bars.map((b) => b.close)).toEqual([0, 1, 2, 3]);
  });
  it('clamps a requested end after as_of, and lookback to the manifest', async () => {
    const r = await mk(T0 + 5 * H, { lookback: 2 }).handle({
      symbol: 'A',
      end: (T0 + 100 * H) / 1000,
      lookback: 50,
    });
    expect(r.bars.map((b) => b.close)).toEqual([3, 4]);
  });
  it('does not trust a source that returns future bars', async () => {
    const leaky: BarSource = { readBars: async () => bars };
    const r = await mk(T0 + 3 * H, { source: leaky }).handle({ symbol: 'A' });
    expect(r.bars.map((b) => b.close)).toEqual([0, 1, 2]);
  });
  it('refuses undeclared symbols, bad lookbacks and requests over budget', async () => {
    const b = mk(T0 + 5 * H, { maxRequests: 2 });
    await expect(b.handle({ symbol: 'B' })).rejects.toMatchObject({ code: 'data_limit_exceeded' });
    await expect(b.handle({ symbol: 'A', lookback: -1 })).rejects.toMatchObject({
      code: 'data_limit_exceeded',
    });
    await expect(b.handle({ symbol: 'A' })).rejects.toMatchObject({ code: 'data_limit_exceeded' });
  });
  it('digests exactly what it served', async () => {
    const a = mk(T0 + 5 * H);
    const b = mk(T0 + 5 * H);
    const c = mk(T0 + 6 * H);
    for (const x of [a, b, c]) await x.handle({ symbol: 'A' });
    expect(a.inputDigest()).toMatch(/^[0-9a-f]{64}$/);
    expect(a.inputDigest()).toBe(b.inputDigest());
    expect(a.inputDigest()).not.toBe(c.inputDigest());
  });
});
