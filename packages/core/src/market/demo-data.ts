/**
 * The real historical data shipped for demos and tests (packages/core/demo-data, see its
 * README.md for provenance and licences), and the converters that produced the files from
 * their upstream formats. Nothing here is generated: every bar is as published upstream.
 */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { AppError } from '../errors';
import { CSV_HEADER } from './bars-csv';
import type { Interval } from './intervals';
import type { CreateInstrumentBody } from './market.schemas';

export interface DemoDataset {
  instrument: CreateInstrumentBody & { source: string };
  interval: Interval;
  /** Absolute path of the CSV in the exchange format. */
  file: string;
}

const dir = (name: string) => fileURLToPath(new URL(`../../demo-data/${name}`, import.meta.url));

export const DEMO_DATASETS: readonly DemoDataset[] = [
  {
    instrument: {
      symbol: 'USDCHF',
      name: 'US dollar / Swiss franc (hourly, 1996-2001)',
      assetClass: 'fx',
      quoteCurrency: 'CHF',
      calendar: 'weekdays',
      source:
        'USDCHF series of the R package timeSeries (Rmetrics, GPL >= 2), resampled from 30-minute to 1-hour bars. Historical data, not live.',
    },
    interval: '1h',
    file: dir('usdchf_1h.csv'),
  },
  {
    instrument: {
      symbol: 'SPX',
      name: 'S&P 500 index (daily, 2000-2020)',
      assetClass: 'index',
      quoteCurrency: 'USD',
      calendar: 'weekdays',
      source:
        'Yahoo Finance via the npm package vega-datasets 3.2.1 (data/sp500-2000.csv; package BSD-3-Clause, data under its source terms). Historical data, not live.',
    },
    interval: '1d',
    file: dir('sp500_1d.csv'),
  },
];

export async function readDemoCsv(dataset: DemoDataset): Promise<string> {
  return readFile(dataset.file, 'utf8');
}

/**
 * `time,open,high,low,close` with naive UTC timestamps (as written from R) to the exchange
 * format: the header renamed, an explicit Z, an empty volume (the series has none).
 */
export function convertNaiveUtcOhlcCsv(text: string): string {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  expectHeader(lines[0], 'time,open,high,low,close');
  const out = [CSV_HEADER];
  for (const line of lines.slice(1)) {
    if (line.trim() === '') continue;
    const [ts, ...rest] = line.split(',');
    if (!ts || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/.test(ts) || rest.length !== 4) {
      throw new AppError('csv_invalid', { detail: `unexpected row "${line}"` });
    }
    out.push(`${ts}Z,${rest.join(',')},`);
  }
  return `${out.join('\n')}\n`;
}

/**
 * vega-datasets `date,open,high,low,close,adjclose,volume` (daily, dates only) to the exchange
 * format: the date becomes the 00:00 UTC open time of a 1d bar, adjclose is dropped (for an
 * index it equals close), numbers are written without trailing zeros.
 */
export function convertVegaDailyCsv(text: string): string {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  expectHeader(lines[0], 'date,open,high,low,close,adjclose,volume');
  const out = [CSV_HEADER];
  for (const line of lines.slice(1)) {
    if (line.trim() === '') continue;
    const [date, open, high, low, close, , volume] = line.split(',');
    if (!date || !/^\d{4}-\d{2}-\d{2}$/.test(date)) {
      throw new AppError('csv_invalid', { detail: `unexpected row "${line}"` });
    }
    const n = (s: string | undefined) => (s === undefined || s === '' ? '' : String(Number(s)));
    out.push(`${date}T00:00:00Z,${n(open)},${n(high)},${n(low)},${n(close)},${n(volume)}`);
  }
  return `${out.join('\n')}\n`;
}

function expectHeader(actual: string | undefined, expected: string): void {
  if ((actual ?? '').trim().toLowerCase() !== expected) {
    throw new AppError('csv_invalid', { detail: `expected header "${expected}", got "${actual ?? ''}"` });
  }
}
