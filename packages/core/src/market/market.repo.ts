/**
 * SQL for instruments and bars. Bulk loads go through a temporary staging table: COPY on the pg
 * driver, batched array INSERTs on PGlite; the staged rows are then inserted with
 * ON CONFLICT DO NOTHING (existing bars are never touched) and compared with what is stored.
 */
import type { Insertable, Selectable } from 'kysely';
import type { Db, Executor, Session } from '../db/db';
import type { Bar } from './bar';
import type { CandidateBar } from './bar-rows';
import { type Interval, intervalMs } from './intervals';
import type { InstrumentsTable } from './market.tables';

export type InstrumentRow = Selectable<InstrumentsTable>;
export type NewInstrument = Omit<Insertable<InstrumentsTable>, 'id' | 'created_at'>;

export interface BarQuery {
  instrumentId: number;
  interval: Interval;
  /** Only bars closed at this instant (ts + interval <= closedBy) exist for the caller. */
  closedBy: Date;
  /** Inclusive lower bound on ts. */
  from?: Date | undefined;
  /** Exclusive upper bound on ts. */
  to?: Date | undefined;
  /** Keyset: continue strictly after (asc) or before (desc) this ts. */
  after?: Date | undefined;
  order: 'asc' | 'desc';
  limit: number;
}

export interface StagedConflict {
  /** Position of the row in the batch handed to loadBars. */
  pos: number;
  stored: Bar;
}

export interface LoadResult {
  inserted: number;
  conflicts: StagedConflict[];
}

export interface IntervalCoverage {
  interval: Interval;
  first: Date;
  last: Date;
}

// PGlite has no COPY from a stream; arrays keep each batch to one statement and few parameters.
const INSERT_BATCH = 5000;

export function createMarketRepo(db: Db) {
  return {
    async findInstrument(symbol: string, ex: Executor = db.kysely): Promise<InstrumentRow | undefined> {
      return ex.selectFrom('instruments').selectAll().where('symbol', '=', symbol).executeTakeFirst();
    },

    /** Inserts an instrument; undefined when the symbol is already taken. */
    async insertInstrument(
      values: NewInstrument,
      ex: Executor = db.kysely,
    ): Promise<InstrumentRow | undefined> {
      return ex
        .insertInto('instruments')
        .values(values)
        .onConflict((oc) => oc.column('symbol').doNothing())
        .returningAll()
        .executeTakeFirst();
    },

    async listInstruments(
      opts: { afterSymbol?: string | undefined; limit: number },
      ex: Executor = db.kysely,
    ): Promise<InstrumentRow[]> {
      let q = ex.selectFrom('instruments').selectAll().orderBy('symbol').limit(opts.limit);
      if (opts.afterSymbol !== undefined) q = q.where('symbol', '>', opts.afterSymbol);
      return q.execute();
    },

    async listBars(q: BarQuery, ex: Executor = db.kysely): Promise<Bar[]> {
      // ts + interval <= closedBy, written on ts alone so the primary key serves the range.
      const lastOpen = new Date(q.closedBy.getTime() - intervalMs(q.interval));
      let sel = ex
        .selectFrom('bars')
        .select(['ts', 'open', 'high', 'low', 'close', 'volume'])
        .where('instrument_id', '=', q.instrumentId)
        .where('interval', '=', q.interval)
        .where('ts', '<=', lastOpen);
      if (q.from) sel = sel.where('ts', '>=', q.from);
      if (q.to) sel = sel.where('ts', '<', q.to);
      if (q.after) sel = sel.where('ts', q.order === 'asc' ? '>' : '<', q.after);
      return sel.orderBy('ts', q.order).limit(q.limit).execute();
    },

    /** First and last closed bar per interval; index lookups only, no scans. */
    async coverage(instrumentId: number, closedBy: Date): Promise<IntervalCoverage[]> {
      const out: IntervalCoverage[] = [];
      for (const interval of ['1h', '4h', '1d'] as const) {
        const base = { instrumentId, interval, closedBy, limit: 1 };
        const [first] = await this.listBars({ ...base, order: 'asc' });
        if (!first) continue;
        const [last] = await this.listBars({ ...base, order: 'desc' });
        out.push({ interval, first: first.ts, last: (last ?? first).ts });
      }
      return out;
    },

    /**
     * The newest stored bar of every instrument and interval that has any (for data-freshness
     * metrics). One index probe per pair, never a scan of the bars table.
     */
    async newestBars(): Promise<{ symbol: string; calendar: string; interval: Interval; ts: Date }[]> {
      const res = await db.query<{
        symbol: string;
        calendar: string;
        interval: Interval;
        ts: Date | null;
      }>(
        `SELECT i.symbol, i.calendar, iv.interval,
                (SELECT b.ts FROM bars b
                  WHERE b.instrument_id = i.id AND b.interval = iv.interval
                  ORDER BY b.ts DESC LIMIT 1) AS ts
           FROM instruments i CROSS JOIN (VALUES ('1h'), ('4h'), ('1d')) AS iv (interval)`,
      );
      return res.rows.flatMap((r) => (r.ts ? [{ ...r, ts: r.ts }] : []));
    },

    /** Open time of the newest stored bar, whether or not it is visible yet. */
    async latestBarTs(instrumentId: number, interval: Interval): Promise<Date | undefined> {
      const row = await db.kysely
        .selectFrom('bars')
        .select('ts')
        .where('instrument_id', '=', instrumentId)
        .where('interval', '=', interval)
        .orderBy('ts', 'desc')
        .limit(1)
        .executeTakeFirst();
      return row?.ts;
    },

    /**
     * Inserts the bars that are new, in one transaction, and reports which of the others differ
     * from what is stored. Stored bars are never modified. `bars[i]` is reported as pos i.
     */
    async loadBars(opts: {
      instrumentId: number;
      interval: Interval;
      bars: readonly CandidateBar[];
    }): Promise<LoadResult> {
      if (opts.bars.length === 0) return { inserted: 0, conflicts: [] };
      return db.withSession(async (s) => {
        await s.query('BEGIN');
        try {
          const result = await stageAndInsert(s, opts.instrumentId, opts.interval, opts.bars);
          await s.query('COMMIT');
          // A bulk load changes the table's shape; fresh statistics keep range reads and the
          // outcomes join on index paths (PGlite has no autovacuum to do it).
          if (result.inserted >= BULK_ANALYZE_ROWS) await s.exec('ANALYZE bars');
          return result;
        } catch (err) {
          await s.query('ROLLBACK').catch(() => {});
          throw err;
        }
      });
    },
  };
}

export type MarketRepo = ReturnType<typeof createMarketRepo>;

const BULK_ANALYZE_ROWS = 5_000;

async function stageAndInsert(
  s: Session,
  instrumentId: number,
  interval: Interval,
  bars: readonly CandidateBar[],
): Promise<LoadResult> {
  await s.query(
    `CREATE TEMP TABLE bars_incoming (
       pos integer NOT NULL,
       ts timestamptz NOT NULL,
       open double precision NOT NULL,
       high double precision NOT NULL,
       low double precision NOT NULL,
       close double precision NOT NULL,
       volume double precision
     ) ON COMMIT DROP`,
  );
  if (s.copyFrom) {
    await s.copyFrom(
      'COPY bars_incoming (pos, ts, open, high, low, close, volume) FROM STDIN (FORMAT csv)',
      copyLines(bars),
    );
  } else {
    for (let start = 0; start < bars.length; start += INSERT_BATCH) {
      const batch = bars.slice(start, start + INSERT_BATCH);
      await s.query(
        `INSERT INTO bars_incoming (pos, ts, open, high, low, close, volume)
         SELECT * FROM unnest($1::integer[], $2::timestamptz[], $3::float8[], $4::float8[],
                              $5::float8[], $6::float8[], $7::float8[])`,
        [
          batch.map((_, i) => start + i),
          batch.map((b) => b.ts.toISOString()),
          batch.map((b) => b.open),
          batch.map((b) => b.high),
          batch.map((b) => b.low),
          batch.map((b) => b.close),
          batch.map((b) => b.volume),
        ],
      );
    }
  }
  const ins = await s.query<{ n: number }>(
    `WITH ins AS (
       INSERT INTO bars (instrument_id, interval, ts, open, high, low, close, volume)
       SELECT $1, $2, ts, open, high, low, close, volume FROM bars_incoming ORDER BY ts
       ON CONFLICT (instrument_id, interval, ts) DO NOTHING
       RETURNING 1
     )
     SELECT count(*)::integer AS n FROM ins`,
    [instrumentId, interval],
  );
  // A separate statement, so it also sees bars a concurrent import committed while we waited.
  const conflicts = await s.query<Bar & { pos: number }>(
    `SELECT i.pos, b.ts, b.open, b.high, b.low, b.close, b.volume
       FROM bars_incoming i
       JOIN bars b ON b.instrument_id = $1 AND b.interval = $2 AND b.ts = i.ts
      WHERE (b.open, b.high, b.low, b.close, b.volume)
            IS DISTINCT FROM (i.open, i.high, i.low, i.close, i.volume)
      ORDER BY i.pos`,
    [instrumentId, interval],
  );
  return {
    inserted: Number(ins.rows[0]?.n ?? 0),
    conflicts: conflicts.rows.map(({ pos, ...stored }) => ({ pos: Number(pos), stored })),
  };
}

function* copyLines(bars: readonly CandidateBar[]): Generator<string> {
  // Chunks of lines rather than one string per row: far fewer stream writes on big files.
  let chunk = '';
  for (let i = 0; i < bars.length; i++) {
    const b = bars[i]!;
    chunk += `${i},${b.ts.toISOString()},${b.open},${b.high},${b.low},${b.close},${b.volume ?? ''}\n`;
    if (chunk.length > 64 * 1024) {
      yield chunk;
      chunk = '';
    }
  }
  if (chunk) yield chunk;
}
