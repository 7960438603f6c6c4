import { describe, expect, it } from 'vitest';
import {
  barCloseTime,
  intervalMs,
  isBarClosed,
  isBarInterval,
  isBoundary,
  nextBoundary,
  previousBoundary,
} from './intervals';

const d = (s: string) => new Date(s);

describe('intervals', () => {
  it('knows the supported intervals and their lengths', () => {
    expect(intervalMs('1h')).toBe(3_600_000);
    expect(intervalMs('4h')).toBe(14_400_000);
    expect(intervalMs('1d')).toBe(86_400_000);
    expect(isBarInterval('4h')).toBe(true);
    for (const bad of ['1m', '15m', '2h', '1w', '1H', '', undefined, 1])
      expect(isBarInterval(bad)).toBe(false);
  });

  it('closes a bar one interval after it opens', () => {
    expect(barCloseTime(d('2024-01-31T13:00:00Z'), '1h').toISOString()).toBe('2024-01-31T14:00:00.000Z');
    expect(barCloseTime(d('2024-01-31T20:00:00Z'), '4h').toISOString()).toBe('2024-02-01T00:00:00.000Z');
    expect(barCloseTime(d('2024-02-28T00:00:00Z'), '1d').toISOString()).toBe('2024-02-29T00:00:00.000Z');
  });

  it('places 4h boundaries at 00, 04, 08 ... UTC and 1d at midnight UTC', () => {
    for (const h of [0, 4, 8, 12, 16, 20]) {
      expect(isBoundary(d(`2024-03-10T${String(h).padStart(2, '0')}:00:00Z`), '4h')).toBe(true);
    }
    for (const h of [1, 2, 3, 5, 22, 23]) {
      expect(isBoundary(d(`2024-03-10T${String(h).padStart(2, '0')}:00:00Z`), '4h')).toBe(false);
    }
    expect(isBoundary(d('2024-03-10T00:00:00Z'), '1d')).toBe(true);
    expect(isBoundary(d('2024-03-10T12:00:00Z'), '1d')).toBe(false);
    expect(isBoundary(d('2024-03-10T12:00:00.001Z'), '1h')).toBe(false);
    expect(isBoundary(d('2024-03-10T12:30:00Z'), '1h')).toBe(false);
    expect(isBoundary(new Date(Number.NaN), '1h')).toBe(false);
  });

  it('finds the previous boundary (t itself when on one) and the strictly next one', () => {
    expect(previousBoundary(d('2024-03-10T13:59:59.999Z'), '1h').toISOString()).toBe(
      '2024-03-10T13:00:00.000Z',
    );
    expect(previousBoundary(d('2024-03-10T13:00:00Z'), '1h').toISOString()).toBe('2024-03-10T13:00:00.000Z');
    expect(previousBoundary(d('2024-03-10T07:30:00Z'), '4h').toISOString()).toBe('2024-03-10T04:00:00.000Z');
    expect(previousBoundary(d('2024-03-10T23:59:00Z'), '1d').toISOString()).toBe('2024-03-10T00:00:00.000Z');
    expect(nextBoundary(d('2024-03-10T13:00:00Z'), '1h').toISOString()).toBe('2024-03-10T14:00:00.000Z');
    expect(nextBoundary(d('2024-03-10T13:00:00.001Z'), '1h').toISOString()).toBe('2024-03-10T14:00:00.000Z');
    expect(nextBoundary(d('2024-03-10T21:00:00Z'), '4h').toISOString()).toBe('2024-03-11T00:00:00.000Z');
    expect(nextBoundary(d('2024-12-31T00:00:00Z'), '1d').toISOString()).toBe('2025-01-01T00:00:00.000Z');
  });

  it('handles instants before 1970 (historical data) with a true modulo', () => {
    expect(previousBoundary(d('1969-12-31T22:30:00Z'), '4h').toISOString()).toBe('1969-12-31T20:00:00.000Z');
    expect(nextBoundary(d('1969-12-31T22:30:00Z'), '1d').toISOString()).toBe('1970-01-01T00:00:00.000Z');
    expect(isBoundary(d('1969-12-31T20:00:00Z'), '4h')).toBe(true);
  });

  it('says a bar is closed exactly from its close time on', () => {
    const ts = d('2024-03-10T13:00:00Z');
    expect(isBarClosed(ts, '1h', d('2024-03-10T13:59:59.999Z'))).toBe(false);
    expect(isBarClosed(ts, '1h', d('2024-03-10T14:00:00Z'))).toBe(true);
  });
});
