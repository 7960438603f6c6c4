import { describe, expect, it } from 'vitest';
import { dataFreshness, expectedNewestClose } from './freshness';

const t = (s: string) => new Date(s);

describe('dataFreshness', () => {
  it('an up-to-date hourly series is not overdue', () => {
    const f = dataFreshness({
      calendar: '24x7',
      interval: '1h',
      newestBarOpen: t('2026-11-25T09:00:00Z'),
      now: t('2026-11-25T10:20:00Z'),
    });
    expect(f).toEqual({ ageSeconds: 20 * 60, overdueSeconds: 0 });
  });

  it('a missing bar is overdue from the moment it should have closed', () => {
    const f = dataFreshness({
      calendar: '24x7',
      interval: '1h',
      newestBarOpen: t('2026-11-25T07:00:00Z'),
      now: t('2026-11-25T10:20:00Z'),
    });
    expect(f.overdueSeconds).toBe(20 * 60);
    expect(f.ageSeconds).toBe(2 * 3600 + 20 * 60);
  });

  it('a weekday market on a Monday morning is old but not overdue', () => {
    // Friday's last hourly bar opens 23:00 and closes Saturday 00:00.
    const f = dataFreshness({
      calendar: 'weekdays',
      interval: '1h',
      newestBarOpen: t('2026-11-20T23:00:00Z'),
      now: t('2026-11-23T00:30:00Z'),
    });
    expect(f.overdueSeconds).toBe(0);
    expect(f.ageSeconds).toBeGreaterThan(2 * 86400);
  });

  it('the same data is overdue on Monday once a session bar is missing', () => {
    const f = dataFreshness({
      calendar: 'weekdays',
      interval: '1h',
      newestBarOpen: t('2026-11-20T23:00:00Z'),
      now: t('2026-11-23T13:00:00Z'),
    });
    expect(f.overdueSeconds).toBe(0);
    const g = dataFreshness({
      calendar: 'weekdays',
      interval: '1h',
      newestBarOpen: t('2026-11-20T23:00:00Z'),
      now: t('2026-11-23T13:30:00Z'),
    });
    // Monday's 00:00..12:00 bars exist by 13:00 closes; the newest expected closes at 13:00.
    expect(g.overdueSeconds).toBe(30 * 60);
  });

  it("daily bars of a weekday market expect Friday's bar over the weekend", () => {
    expect(expectedNewestClose('weekdays', '1d', t('2026-11-22T12:00:00Z')).toISOString()).toBe(
      '2026-11-21T00:00:00.000Z',
    );
  });

  it('no stored bar is neither old nor overdue (nothing was ever ingested)', () => {
    expect(
      dataFreshness({ calendar: '24x7', interval: '1h', newestBarOpen: undefined, now: new Date() }),
    ).toEqual({
      ageSeconds: 0,
      overdueSeconds: 0,
    });
  });
});
