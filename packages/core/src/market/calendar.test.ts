import { describe, expect, it } from 'vitest';
import { isSessionBar, isSessionBoundary, isTradingCalendar } from './calendar';

const t = (iso: string) => new Date(iso);

// 2026-01-09 is a Friday, 2026-01-10 Saturday, 2026-01-11 Sunday, 2026-01-12 Monday.
describe('isSessionBar', () => {
  it('24x7 is always in session', () => {
    for (const iso of ['2026-01-10T00:00:00Z', '2026-01-11T23:00:00Z', '2026-01-12T00:00:00Z'])
      expect(isSessionBar('24x7', t(iso), '1h')).toBe(true);
  });

  it('weekdays: hourly bars opening Monday..Friday UTC', () => {
    expect(isSessionBar('weekdays', t('2026-01-09T23:00:00Z'), '1h')).toBe(true);
    expect(isSessionBar('weekdays', t('2026-01-10T00:00:00Z'), '1h')).toBe(false);
    expect(isSessionBar('weekdays', t('2026-01-10T12:00:00Z'), '1h')).toBe(false);
    expect(isSessionBar('weekdays', t('2026-01-11T23:00:00Z'), '1h')).toBe(false);
    expect(isSessionBar('weekdays', t('2026-01-12T00:00:00Z'), '1h')).toBe(true);
    expect(isSessionBar('weekdays', t('2026-01-07T13:00:00Z'), '1h')).toBe(true);
  });

  it('weekdays: daily and 4h bars likewise', () => {
    expect(isSessionBar('weekdays', t('2026-01-09T00:00:00Z'), '1d')).toBe(true);
    expect(isSessionBar('weekdays', t('2026-01-10T00:00:00Z'), '1d')).toBe(false);
    expect(isSessionBar('weekdays', t('2026-01-11T00:00:00Z'), '1d')).toBe(false);
    expect(isSessionBar('weekdays', t('2026-01-12T00:00:00Z'), '1d')).toBe(true);
    expect(isSessionBar('weekdays', t('2026-01-09T20:00:00Z'), '4h')).toBe(true);
    expect(isSessionBar('weekdays', t('2026-01-10T00:00:00Z'), '4h')).toBe(false);
    expect(isSessionBar('weekdays', t('2026-01-11T20:00:00Z'), '4h')).toBe(false);
    expect(isSessionBar('weekdays', t('2026-01-12T00:00:00Z'), '4h')).toBe(true);
  });
});

describe('isSessionBoundary', () => {
  it('looks at the bar that closes at the boundary', () => {
    // Saturday 00:00 closes Friday's 23:00 bar; Monday 00:00 closes Sunday's 23:00 bar.
    expect(isSessionBoundary('weekdays', t('2026-01-10T00:00:00Z'), '1h')).toBe(true);
    expect(isSessionBoundary('weekdays', t('2026-01-10T01:00:00Z'), '1h')).toBe(false);
    expect(isSessionBoundary('weekdays', t('2026-01-12T00:00:00Z'), '1h')).toBe(false);
    expect(isSessionBoundary('weekdays', t('2026-01-12T01:00:00Z'), '1h')).toBe(true);
    // Daily: Saturday 00:00 closes Friday's bar; Sunday and Monday 00:00 close weekend bars.
    expect(isSessionBoundary('weekdays', t('2026-01-10T00:00:00Z'), '1d')).toBe(true);
    expect(isSessionBoundary('weekdays', t('2026-01-11T00:00:00Z'), '1d')).toBe(false);
    expect(isSessionBoundary('weekdays', t('2026-01-12T00:00:00Z'), '1d')).toBe(false);
    expect(isSessionBoundary('weekdays', t('2026-01-13T00:00:00Z'), '1d')).toBe(true);
  });
});

describe('isTradingCalendar', () => {
  it('accepts the known calendars only', () => {
    expect(isTradingCalendar('24x7')).toBe(true);
    expect(isTradingCalendar('weekdays')).toBe(true);
    for (const bad of ['', 'Weekdays', '24/7', 'nyse', undefined, 1])
      expect(isTradingCalendar(bad)).toBe(false);
  });
});
