/**
 * The CSV exchange format used everywhere: `ts,open,high,low,close,volume`, ISO 8601 UTC
 * timestamps (the bar's OPEN time), volume may be empty. Pure parsing and formatting.
 */
import { AppError } from '../errors';
import './market.errors';
import type { Bar } from './bar';
import {
  type CandidateBar,
  parseFiniteNumber,
  parseUtcTimestamp,
  type RejectedRow,
  reject,
} from './bar-rows';

export const CSV_HEADER = 'ts,open,high,low,close,volume';

export interface ParsedCsv {
  /** Rows whose cells parsed; they still need screenBars (alignment, OHLC, duplicates, closed). */
  candidates: CandidateBar[];
  rejected: RejectedRow[];
  /** Data rows seen (blank lines excluded). */
  rows: number;
}

/**
 * Parses a bars CSV. A wrong header throws (the whole file is unreadable); a bad row is reported
 * with its line number and the rest of the file is kept.
 */
export function parseBarsCsv(text: string): ParsedCsv {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const headerCells = (lines[0] ?? '').split(',').map((c) => unquote(c).toLowerCase());
  const withVolume = headerCells.length === 6;
  const expected = CSV_HEADER.split(',').slice(0, withVolume ? 6 : 5);
  if (headerCells.length < 5 || headerCells.length > 6 || headerCells.some((c, i) => c !== expected[i])) {
    throw new AppError('csv_invalid', {
      detail: `The first line must be the header "${CSV_HEADER}" (volume column optional), got "${truncate(lines[0] ?? '', 80)}".`,
      errors: [{ field: '/line/1', message: `expected header ${CSV_HEADER}` }],
    });
  }
  const candidates: CandidateBar[] = [];
  const rejected: RejectedRow[] = [];
  let rows = 0;
  for (let i = 1; i < lines.length; i++) {
    const raw = lines[i] ?? '';
    if (raw.trim() === '') continue;
    rows++;
    const at = { line: i + 1 };
    const cells = raw.split(',').map(unquote);
    if (cells.length !== headerCells.length) {
      rejected.push(
        reject(
          at,
          'malformed_row',
          `expected ${headerCells.length} columns, got ${cells.length}: "${truncate(raw, 80)}"`,
        ),
      );
      continue;
    }
    const [tsText = '', ...numbers] = cells;
    const ts = parseUtcTimestamp(tsText);
    if (!ts) {
      rejected.push(
        reject(
          at,
          'invalid_ts',
          `ts "${truncate(tsText, 40)}" is not an ISO 8601 UTC timestamp (e.g. 2024-01-31T13:00:00Z)`,
        ),
      );
      continue;
    }
    const names = ['open', 'high', 'low', 'close'] as const;
    const values: number[] = [];
    let bad: string | undefined;
    for (let k = 0; k < 4; k++) {
      const v = parseFiniteNumber(numbers[k] ?? '');
      if (v === undefined) {
        bad = `${names[k]} "${truncate(numbers[k] ?? '', 30)}" is not a finite number`;
        break;
      }
      values.push(v);
    }
    if (bad) {
      rejected.push(reject(at, 'invalid_number', bad, tsText));
      continue;
    }
    let volume: number | null = null;
    const volText = withVolume ? (numbers[4] ?? '') : '';
    if (volText !== '') {
      const v = parseFiniteNumber(volText);
      if (v === undefined || v < 0) {
        rejected.push(
          reject(
            at,
            'invalid_volume',
            `volume "${truncate(volText, 30)}" must be empty or a finite number >= 0`,
            tsText,
          ),
        );
        continue;
      }
      volume = v;
    }
    const [open, high, low, close] = values as [number, number, number, number];
    candidates.push({ at, ts, open, high, low, close, volume });
  }
  return { candidates, rejected, rows };
}

/** Formats bars in the exchange format (header included), e.g. for exports and `seer run --data`. */
export function formatBarsCsv(bars: Iterable<Bar>): string {
  const out = [CSV_HEADER];
  for (const b of bars) {
    out.push(
      `${b.ts.toISOString().replace('.000Z', 'Z')},${b.open},${b.high},${b.low},${b.close},${b.volume ?? ''}`,
    );
  }
  return `${out.join('\n')}\n`;
}

function unquote(cell: string): string {
  const c = cell.trim();
  return c.length >= 2 && c.startsWith('"') && c.endsWith('"') ? c.slice(1, -1).trim() : c;
}

function truncate(s: string, n: number): string {
  return s.length > n ? `${s.slice(0, n)}…` : s;
}
