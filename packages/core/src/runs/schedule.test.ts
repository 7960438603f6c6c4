import { describe, expect, it } from 'vitest';
import {
  boundariesBetween,
  countBoundaries,
  coverageDecidedUntil,
  coverageRatio,
  decideSlot,
  effectiveGraceMs,
  liveStartDeadline,
  openBoundaries,
  parseDuration,
  symbolsInSession,
} from './schedule';

const H = 3_600_000;
const t = (iso: string) => new Date(iso);

describe('parseDuration', () => {
  it('parses hours and days and refuses the rest', () => {
    expect(parseDuration('1h')).toBe(H);
    expect(parseDuration('4h')).toBe(4 * H);
    expect(parseDuration('1d')).toBe(24 * H);
    for (const bad of ['', '0h', '1m', '1.5h', 'h', '-1h', '1 h', '99999h'])
      expect(parseDuration(bad)).toBeUndefined();
  });
});

describe('grace', () => {
  it('is always shorter than the horizon', () => {
    expect(effectiveGraceMs(300_000, H)).toBe(300_000);
    expect(effectiveGraceMs(2 * H, H)).toBe(H / 2);
    expect(liveStartDeadline(t('2026-01-01T10:00:00Z'), 300_000, H)).toEqual(t('2026-01-01T10:10:00Z'));
    expect(liveStartDeadline(t('2026-01-01T10:00:00Z'), 2 * H, H).getTime()).toBe(
      t('2026-01-01T11:00:00Z').getTime() - 1,
    );
  });
});

describe('boundaries', () => {
  it('lists boundaries strictly after and up to, aligned to UTC', () => {
    expect(boundariesBetween('1h', t('2026-01-01T10:30:00Z'), t('2026-01-01T13:00:00Z'))).toEqual([
      t('2026-01-01T11:00:00Z'),
      t('2026-01-01T12:00:00Z'),
      t('2026-01-01T13:00:00Z'),
    ]);
    expect(boundariesBetween('1h', t('2026-01-01T10:00:00Z'), t('2026-01-01T10:59:59Z'))).toEqual([]);
    expect(boundariesBetween('4h', t('2026-01-01T01:00:00Z'), t('2026-01-01T09:00:00Z'))).toEqual([
      t('2026-01-01T04:00:00Z'),
      t('2026-01-01T08:00:00Z'),
    ]);
    expect(boundariesBetween('1h', t('2026-01-01T00:00:00Z'), t('2026-01-02T00:00:00Z'), 2)).toHaveLength(2);
  });

  it('counts what it lists', () => {
    const cases: Array<[string, string, '1h' | '4h' | '1d']> = [
      ['2026-01-01T10:30:00Z', '2026-01-01T13:00:00Z', '1h'],
      ['2026-01-01T10:00:00Z', '2026-01-01T10:00:00Z', '1h'],
      ['2026-01-01T10:00:00Z', '2026-01-01T09:00:00Z', '1h'],
      ['2025-12-30T23:00:00Z', '2026-01-03T00:00:00Z', '1d'],
      ['2026-01-01T03:59:59Z', '2026-01-02T03:59:59Z', '4h'],
    ];
    for (const [a, b, i] of cases)
      expect(countBoundaries(i, t(a), t(b))).toBe(boundariesBetween(i, t(a), t(b)).length);
  });
});

describe('decideSlot', () => {
  const b = t('2026-01-01T10:00:00Z');
  const at = (iso: string, dataReady: boolean) =>
    decideSlot({ boundary: b, now: t(iso), graceMs: 300_000, horizonMs: H, dataReady });

  it('runs a fresh boundary once its data is stored, waits otherwise', () => {
    expect(at('2026-01-01T10:00:00Z', true)).toBe('run');
    expect(at('2026-01-01T10:05:00Z', true)).toBe('run');
    expect(at('2026-01-01T10:04:00Z', false)).toBe('wait');
    expect(at('2026-01-01T09:59:59Z', true)).toBe('future');
  });

  it('records a stale boundary as missed, never as a late run', () => {
    expect(at('2026-01-01T10:05:00.001Z', false)).toBe('missed_data_late');
    expect(at('2026-01-01T10:05:00.001Z', true)).toBe('missed_not_scheduled');
    expect(at('2026-01-03T00:00:00Z', true)).toBe('missed_not_scheduled');
  });
});

describe('market sessions', () => {
  const calendars = new Map([
    ['USDCHF', 'weekdays' as const],
    ['SPX', 'weekdays' as const],
    ['BTC-USD', '24x7' as const],
  ]);
  const inSession = (symbols: string[], iso: string, interval: '1h' | '4h' | '1d' = '1h') =>
    symbolsInSession({ symbols, calendars, boundary: t(iso), interval });

  it('keeps the symbols whose market produces the bar closing at the boundary', () => {
    // 2026-01-10 is a Saturday: 00:00 closes Friday's 23:00 bar, 01:00 closes a Saturday bar.
    expect(inSession(['USDCHF'], '2026-01-10T00:00:00Z')).toEqual(['USDCHF']);
    expect(inSession(['USDCHF'], '2026-01-10T01:00:00Z')).toEqual([]);
    expect(inSession(['USDCHF'], '2026-01-12T00:00:00Z')).toEqual([]);
    expect(inSession(['USDCHF'], '2026-01-12T01:00:00Z')).toEqual(['USDCHF']);
    expect(inSession(['USDCHF', 'BTC-USD'], '2026-01-11T12:00:00Z')).toEqual(['BTC-USD']);
    expect(inSession(['SPX'], '2026-01-11T00:00:00Z', '1d')).toEqual([]);
    expect(inSession(['SPX'], '2026-01-13T00:00:00Z', '1d')).toEqual(['SPX']);
    // Unknown instruments are not presumed closed: their missing data is a real miss.
    expect(inSession(['NOPE'], '2026-01-10T01:00:00Z')).toEqual(['NOPE']);
  });

  it('decides market_closed at once when no symbol is in session, never missed', () => {
    const base = { boundary: t('2026-01-10T01:00:00Z'), graceMs: 300_000, horizonMs: H, dataReady: false };
    expect(decideSlot({ ...base, now: t('2026-01-10T01:00:00Z'), inSession: false })).toBe('market_closed');
    expect(decideSlot({ ...base, now: t('2026-01-12T09:00:00Z'), inSession: false })).toBe('market_closed');
    expect(decideSlot({ ...base, now: t('2026-01-10T00:59:59Z'), inSession: false })).toBe('future');
    expect(decideSlot({ ...base, now: t('2026-01-10T01:00:00Z'), inSession: true })).toBe('wait');
    expect(decideSlot({ ...base, now: t('2026-01-10T01:06:00Z') })).toBe('missed_data_late');
  });
});

describe('openBoundaries', () => {
  const version = {
    id: 'v',
    interval: '1h' as const,
    horizonMs: H,
    deployedAt: t('2026-01-01T09:30:00Z'),
    retiredAt: null,
  };
  const base = { version, lookBackMs: 24 * H, recorded: new Set<number>() };

  it('starts at the first boundary after deploy', () => {
    expect(openBoundaries({ ...base, now: t('2026-01-01T12:10:00Z'), lastAsOf: null })).toEqual([
      t('2026-01-01T10:00:00Z'),
      t('2026-01-01T11:00:00Z'),
      t('2026-01-01T12:00:00Z'),
    ]);
  });

  it('skips recorded boundaries but revisits holes before the last one', () => {
    const recorded = new Set([t('2026-01-01T10:00:00Z').getTime(), t('2026-01-01T12:00:00Z').getTime()]);
    expect(
      openBoundaries({
        ...base,
        recorded,
        now: t('2026-01-01T12:10:00Z'),
        lastAsOf: t('2026-01-01T12:00:00Z'),
      }),
    ).toEqual([t('2026-01-01T11:00:00Z')]);
  });

  it('after a long outage, resumes right after the last recorded run', () => {
    const out = openBoundaries({
      ...base,
      lookBackMs: 2 * H,
      now: t('2026-01-03T09:30:00Z'),
      lastAsOf: t('2026-01-01T12:00:00Z'),
    });
    expect(out[0]).toEqual(t('2026-01-01T13:00:00Z'));
    expect(out.at(-1)).toEqual(t('2026-01-03T09:00:00Z'));
    expect(out).toHaveLength(45);
  });

  it('stops at retirement', () => {
    const out = openBoundaries({
      ...base,
      version: { ...version, retiredAt: t('2026-01-01T11:30:00Z') },
      now: t('2026-01-01T15:00:00Z'),
      lastAsOf: null,
    });
    expect(out).toEqual([t('2026-01-01T10:00:00Z'), t('2026-01-01T11:00:00Z')]);
  });
});

describe('coverageRatio', () => {
  const base = {
    interval: '1h' as const,
    deployedAt: t('2026-01-01T09:30:00Z'),
    retiredAt: null,
    graceMs: 300_000,
    horizonMs: H,
  };
  it('counts decided slots since deploy, missed and failed included', () => {
    expect(coverageRatio({ ...base, now: t('2026-01-01T09:59:00Z'), succeeded: 0 })).toEqual({
      slots: 0,
      succeeded: 0,
      coverage: null,
    });
    expect(coverageRatio({ ...base, now: t('2026-01-01T14:06:00Z'), succeeded: 4 })).toEqual({
      slots: 5,
      succeeded: 4,
      coverage: 0.8,
    });
    // 14:00 is still inside its grace at 14:03: not decided yet.
    expect(coverageRatio({ ...base, now: t('2026-01-01T14:03:00Z'), succeeded: 3 }).slots).toBe(4);
    // ...unless it already succeeded.
    expect(coverageRatio({ ...base, now: t('2026-01-01T14:03:00Z'), succeeded: 5 }).coverage).toBe(1);
  });
});

describe('coverageRatio with market_closed boundaries', () => {
  it('leaves decided market_closed boundaries out of the slots', () => {
    const base = {
      interval: '1h' as const,
      // Friday 2026-01-09 21:30 to Monday 2026-01-12 02:06: 53 decided boundaries, 48 closed
      // (Saturday 01:00 .. Monday 00:00), 5 in session (Friday 22:00, 23:00, Saturday 00:00,
      // Monday 01:00, 02:00).
      deployedAt: t('2026-01-09T21:30:00Z'),
      retiredAt: null,
      graceMs: 300_000,
      horizonMs: H,
      now: t('2026-01-12T02:06:00Z'),
    };
    expect(coverageRatio({ ...base, succeeded: 5, marketClosed: 48 })).toEqual({
      slots: 5,
      succeeded: 5,
      coverage: 1,
    });
    expect(coverageRatio({ ...base, succeeded: 4, marketClosed: 48 }).coverage).toBe(0.8);
    expect(coverageRatio({ ...base, succeeded: 5 }).slots).toBe(53);
    // Never negative, whatever the caller passes.
    expect(coverageRatio({ ...base, succeeded: 0, marketClosed: 60 })).toEqual({
      slots: 0,
      succeeded: 0,
      coverage: null,
    });
  });

  it('the decided window ends one grace before now, or at retirement', () => {
    const w = { graceMs: 300_000, horizonMs: H, now: t('2026-01-10T01:02:00Z') };
    expect(coverageDecidedUntil({ ...w, retiredAt: null })).toEqual(t('2026-01-10T00:57:00Z'));
    expect(coverageDecidedUntil({ ...w, retiredAt: t('2026-01-09T00:00:00Z') })).toEqual(
      t('2026-01-09T00:00:00Z'),
    );
  });
});
