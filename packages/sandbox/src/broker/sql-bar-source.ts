import { intervalMs } from '@seer/core/market';
import type { Bar, BarSource, Interval } from '../types';

export type QueryFn = (text: string, params: unknown[]) => Promise<{ rows: Record<string, unknown>[] }>;

const PG_INTERVAL: Record<Interval, string> = { '1h': '1 hour', '4h': '4 hours', '1d': '1 day' };

/** ts is the bar OPEN time; a bar is visible at T only if ts + interval <= T. */
export const READ_BARS_SQL = `SELECT b.ts, b.open, b.high, b.low, b.close, b.volume
  FROM bars b
  JOIN instruments i ON i.id = b.instrument_id
 WHERE i.symbol = $1
   AND b.interval = $2
   AND b.ts <= $4::timestamptz - $3::interval
 ORDER BY b.ts DESC
 LIMIT $5`;

/**
 * BarSource over SQL. `query` must already run as the `seer_model_reader` role
 * (a pg Pool logged in as it, or a PGlite transaction after SET LOCAL ROLE).
 */
export function createSqlBarSource(query: QueryFn): BarSource {
  return {
    async readBars(q) {
      const limit = Math.max(0, Math.floor(q.limit));
      if (limit === 0) return [];
      const { rows } = await query(READ_BARS_SQL, [
        q.symbol,
        q.interval,
        PG_INTERVAL[q.interval],
        q.closedAtOrBefore.toISOString(),
        limit,
      ]);
      return rows.map(toBar).reverse();
    },
  };
}

function toBar(r: Record<string, unknown>): Bar {
  const ts = r.ts instanceof Date ? r.ts : new Date(String(r.ts));
  return {
    ts,
    open: Number(r.open),
    high: Number(r.high),
    low: Number(r.low),
    close: Number(r.close),
    volume: r.volume === null || r.volume === undefined ? null : Number(r.volume),
  };
}

/** In-memory BarSource (tests, `seerd sandbox-run --data file.csv`). */
export function createMemoryBarSource(data: Record<string, Partial<Record<Interval, Bar[]>>>): BarSource {
  return {
    async readBars(q) {
      const all = data[q.symbol]?.[q.interval] ?? [];
      const bound = q.closedAtOrBefore.getTime();
      return all
        .filter((b) => b.ts.getTime() + intervalMs(q.interval) <= bound)
        .sort((a, b) => a.ts.getTime() - b.ts.getTime())
        .slice(-q.limit);
    },
  };
}
