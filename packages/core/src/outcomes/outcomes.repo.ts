/**
 * Outcomes: the realized value of each prediction once the bar closing at as_of + horizon is
 * stored. A prediction made at as_of is about the change from the close at as_of (the bar that
 * closes at as_of, i.e. opened at as_of - interval) to the close at as_of + horizon.
 * One set-based statement; re-running it is harmless (ON CONFLICT DO NOTHING).
 */
import { sql } from 'kysely';
import type { Executor } from '../db/db';

export async function computeOutcomes(
  ex: Executor,
  o: {
    /** Only predictions due at or before this instant (as_of + horizon <= now). */
    now: Date;
    /** Predictions due longer ago than this are not revisited (their bar never came). */
    lookBackMs: number;
    limit: number;
  },
): Promise<number> {
  const since = new Date(o.now.getTime() - o.lookBackMs);
  const res = await sql<{ prediction_id: number }>`
    INSERT INTO outcomes (prediction_id, base_close, realized_close, realized_return, realized_direction, realized_value)
    SELECT p.id, b0.close, b1.close,
           b1.close / b0.close - 1,
           sign(b1.close - b0.close)::smallint,
           CASE p.target
             WHEN 'price' THEN b1.close
             WHEN 'direction' THEN sign(b1.close - b0.close)
             ELSE b1.close / b0.close - 1
           END
      FROM predictions p
      JOIN runs r ON r.id = p.run_id
      JOIN instruments i ON i.symbol = p.symbol
      JOIN bars b0 ON b0.instrument_id = i.id
                  AND b0.interval = CASE r.interval_seconds WHEN 3600 THEN '1h' WHEN 14400 THEN '4h' ELSE '1d' END
                  AND b0.ts = p.as_of - make_interval(secs => r.interval_seconds)
      JOIN bars b1 ON b1.instrument_id = i.id
                  AND b1.interval = b0.interval
                  AND b1.ts = p.due_at - make_interval(secs => r.interval_seconds)
     WHERE p.due_at <= ${o.now}
       AND p.due_at > ${since}
       AND b0.close > 0
       AND NOT EXISTS (SELECT 1 FROM outcomes x WHERE x.prediction_id = p.id)
     ORDER BY p.due_at
     LIMIT ${o.limit}
    ON CONFLICT (prediction_id) DO NOTHING
    RETURNING prediction_id`.execute(ex);
  return res.rows.length;
}
