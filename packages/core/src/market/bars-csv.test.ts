import { describe, expect, it } from 'vitest';
import { AppError } from '../errors';
import { parseFiniteNumber, parseUtcTimestamp, screenBars } from './bar-rows';
import { formatBarsCsv, parseBarsCsv } from './bars-csv';

const NOW = new Date('2030-01-01T00:00:00Z');

function screen(csv: string, interval: '1h' | '4h' | '1d' = '1h', now = NOW) {
  const parsed = parseBarsCsv(csv);
  const s = screenBars(parsed.candidates, { interval, now });
  return {
    ...s,
    rejected: [...parsed.rejected, ...s.rejected].sort((a, b) => a.line! - b.line!),
    rows: parsed.rows,
  };
}

describe('parseUtcTimestamp', () => {
  it('accepts ISO 8601 UTC forms', () => {
    for (const s of [
      '2024-01-31T13:00:00Z',
      '2024-01-31T13:00Z',
      '2024-01-31T13:00:00.000Z',
      '2024-01-31T13:00:00+00:00',
      '2024-01-31 13:00:00Z',
      '2024-01-31T13:00:00.000000Z',
    ]) {
      expect(parseUtcTimestamp(s)?.toISOString(), s).toBe('2024-01-31T13:00:00.000Z');
    }
  });

  it('refuses local times, other offsets, impossible dates and junk', () => {
    for (const s of [
      '2024-01-31T13:00:00',
      '2024-01-31',
      '2024-01-31T13:00:00+01:00',
      '2024-02-30T00:00:00Z',
      '2023-02-29T00:00:00Z',
      '2024-01-31T24:00:00Z',
      '2024-01-31T13:60:00Z',
      '2024-01-31T13:00:00.0000001Z',
      '1706706000',
      'yesterday',
      '',
    ]) {
      expect(parseUtcTimestamp(s), s).toBeUndefined();
    }
    expect(parseUtcTimestamp('2024-02-29T00:00:00Z')?.toISOString()).toBe('2024-02-29T00:00:00.000Z');
  });
});

describe('parseFiniteNumber', () => {
  it('parses decimals and exponents, refuses non-finite and non-decimal', () => {
    expect(parseFiniteNumber('1.25')).toBe(1.25);
    expect(parseFiniteNumber(' -3 ')).toBe(-3);
    expect(parseFiniteNumber('1e-7')).toBe(1e-7);
    expect(parseFiniteNumber('.5')).toBe(0.5);
    for (const s of ['', 'NaN', 'Infinity', '-Infinity', '1e999', '0x10', '1,5', '1.2.3', 'abc']) {
      expect(parseFiniteNumber(s), s).toBeUndefined();
    }
  });
});

describe('parseBarsCsv + screenBars', () => {
  it('keeps good rows and reports each bad row by line and reason', () => {
    const csv = [
      'ts,open,high,low,close,volume',
      '2024-01-01T00:00:00Z,1,2,0.5,1.5,100', // 2 ok
      '2024-01-01T01:00:00Z,1,2,0.5,1.5,', // 3 ok, no volume
      '2024-01-01T02:30:00Z,1,2,0.5,1.5,1', // 4 misaligned
      '2024-01-01T03:00:00Z,1,0.9,0.5,1.5,1', // 5 high < open
      '2024-01-01T04:00:00Z,NaN,2,0.5,1.5,1', // 6 not finite
      '2024-01-01T05:00:00,1,2,0.5,1.5,1', // 7 no UTC offset
      '2024-01-01T06:00:00Z,1,2,0.5,1.5', // 8 missing column
      '2024-01-01T07:00:00Z,1,2,0.5,1.5,-4', // 9 negative volume
      '2024-01-01T08:00:00Z,1,2,0.5,1.5,1', // 10 duplicate of 11
      '2024-01-01T08:00:00Z,1,2,0.5,1.6,1', // 11 duplicate of 10
      '',
      '2024-01-01T09:00:00Z,1,2,1.2,1.5,1', // 13 low > open
      '2029-12-31T23:00:00Z,1,2,0.5,1.5,1', // 14 closes exactly at NOW: ok
      '2030-01-01T00:00:00Z,1,2,0.5,1.5,1', // 15 not closed yet
      '',
    ].join('\n');
    const r = screen(csv);
    expect(r.rows).toBe(13);
    expect(r.accepted.map((b) => b.at)).toEqual([{ line: 2 }, { line: 3 }, { line: 14 }]);
    expect(r.accepted[0]).toMatchObject({ open: 1, high: 2, low: 0.5, close: 1.5, volume: 100 });
    expect(r.accepted[1]!.volume).toBeNull();
    expect(r.rejected.map((x) => [x.line, x.code])).toEqual([
      [4, 'misaligned_ts'],
      [5, 'inconsistent_ohlc'],
      [6, 'invalid_number'],
      [7, 'invalid_ts'],
      [8, 'malformed_row'],
      [9, 'invalid_volume'],
      [10, 'duplicate_ts'],
      [11, 'duplicate_ts'],
      [13, 'inconsistent_ohlc'],
      [15, 'not_closed'],
    ]);
    expect(r.rejected.find((x) => x.line === 10)?.message).toMatch(/line 11/);
  });

  it('accepts CRLF, a BOM, quoted cells and a header without the volume column', () => {
    const r = screen('\uFEFFts,open,high,low,close\r\n"2024-01-01T00:00:00Z",1,2,0.5,1.5\r\n');
    expect(r.rejected).toEqual([]);
    expect(r.accepted).toHaveLength(1);
    expect(r.accepted[0]!.volume).toBeNull();
  });

  it('checks alignment against the interval given', () => {
    const csv =
      'ts,open,high,low,close,volume\n2024-01-01T04:00:00Z,1,1,1,1,\n2024-01-01T05:00:00Z,1,1,1,1,\n';
    expect(screen(csv, '4h').rejected.map((x) => [x.line, x.code])).toEqual([[3, 'misaligned_ts']]);
    expect(screen(csv, '1d').rejected.map((x) => x.code)).toEqual(['misaligned_ts', 'misaligned_ts']);
  });

  it('refuses a file whose header is not the exchange format', () => {
    for (const bad of [
      'time,open,high,low,close',
      'ts,o,h,l,c,v',
      '',
      '2024-01-01T00:00:00Z,1,2,0.5,1.5,1',
    ]) {
      expect(() => parseBarsCsv(`${bad}\n2024-01-01T00:00:00Z,1,2,0.5,1.5,1\n`)).toThrow(AppError);
    }
    try {
      parseBarsCsv('date,open,high,low,close\n');
    } catch (err) {
      expect((err as AppError).code).toBe('csv_invalid');
      expect((err as AppError).status).toBe(400);
    }
  });

  it('formats bars back into the same format (round trip)', () => {
    const csv =
      'ts,open,high,low,close,volume\n2024-01-01T00:00:00Z,1.1941,1.2,1.19,1.195,\n2024-01-01T01:00:00Z,3,4,2,3.5,1200\n';
    const parsed = parseBarsCsv(csv);
    expect(formatBarsCsv(parsed.candidates)).toBe(csv);
  });
});
