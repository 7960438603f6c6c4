/**
 * The one definition of a bar (issue 8 item 7): what the market stores, the ingest validates, the
 * data broker hands to a model and the runs score against. The API's JSON form of a bar (ts as an
 * ISO string) is `BarJson` in market.schemas.ts; everything in process uses this type.
 */
export interface Bar {
  /** Open time, UTC. The bar closes (and may be revealed) at ts + interval. */
  ts: Date;
  open: number;
  high: number;
  low: number;
  close: number;
  volume: number | null;
}
