/**
 * Fuzzing the CSV bar importer (issue 15, item 2): any text either parses into candidates and
 * rejected rows that account for every data line, or is refused as a whole with csv_invalid;
 * every accepted number is finite; what formatBarsCsv writes parses back to the same bars.
 * fast-check prints the seed of any failure.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AppError } from '../errors';
import { CSV_HEADER, formatBarsCsv, parseBarsCsv } from './bars-csv';

const cell = fc.oneof(
  fc.string({ maxLength: 30 }),
  fc.double().map(String),
  fc.constantFrom(
    '',
    '1e308',
    '-0',
    'NaN',
    'Infinity',
    '0x10',
    ' 1 ',
    '"2"',
    '１',
    '1,5',
    '2024-01-31T13:00:00Z',
  ),
  fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
);
const line = fc.oneof(
  fc.array(cell, { minLength: 0, maxLength: 8 }).map((c) => c.join(',')),
  fc.string({ maxLength: 100 }),
  fc.string({ unit: 'binary', maxLength: 100 }),
);
const csv = fc
  .tuple(
    fc.constantFrom(
      CSV_HEADER,
      'ts,open,high,low,close',
      '\uFEFFts,open,high,low,close,volume',
      '"TS",open,high,low,close',
      'x',
    ),
    fc.array(line, { maxLength: 30 }),
    fc.constantFrom('\n', '\r\n'),
  )
  .map(([h, lines, nl]) => [h, ...lines].join(nl));

describe('bars CSV parser under fuzzing', () => {
  it('never throws anything but csv_invalid, and accounts for every data row', () => {
    fc.assert(
      fc.property(
        fc.oneof(csv, fc.string({ maxLength: 400 }), fc.string({ unit: 'binary', maxLength: 400 })),
        (text) => {
          let parsed: ReturnType<typeof parseBarsCsv>;
          try {
            parsed = parseBarsCsv(text);
          } catch (e) {
            expect(e).toBeInstanceOf(AppError);
            expect((e as AppError).code).toBe('csv_invalid');
            return;
          }
          expect(parsed.candidates.length + parsed.rejected.length).toBe(parsed.rows);
          for (const b of parsed.candidates) {
            for (const v of [b.open, b.high, b.low, b.close]) expect(Number.isFinite(v)).toBe(true);
            expect(b.volume === null || (Number.isFinite(b.volume) && b.volume >= 0)).toBe(true);
            expect(Number.isNaN(b.ts.getTime())).toBe(false);
          }
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('parses back exactly what it formats', () => {
    // -0 is written as "0" (String(-0)): the same price; compared as +0 (found by the first run).
    const price = fc.double({ noNaN: true, noDefaultInfinity: true }).map((v) => v + 0);
    const bar = fc.record({
      ts: fc.integer({ min: 0, max: 4_000_000_000 }).map((s) => new Date(s * 1000)),
      open: price,
      high: price,
      low: price,
      close: price,
      volume: fc.option(fc.double({ min: 0, noNaN: true, noDefaultInfinity: true }), { nil: null }),
    });
    fc.assert(
      fc.property(fc.array(bar, { maxLength: 20 }), (bars) => {
        const parsed = parseBarsCsv(formatBarsCsv(bars));
        expect(parsed.rejected).toEqual([]);
        expect(
          parsed.candidates.map(({ ts, open, high, low, close, volume }) => ({
            ts,
            open,
            high,
            low,
            close,
            volume,
          })),
        ).toEqual(bars.map((b) => ({ ...b, volume: b.volume === null ? null : b.volume + 0 })));
      }),
      { numRuns: 500 },
    );
  });
});
