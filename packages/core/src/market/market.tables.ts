import type { Generated } from 'kysely';
import type { TradingCalendar } from './calendar';

export type BarInterval = '1h' | '4h' | '1d';

export interface InstrumentsTable {
  id: Generated<number>;
  symbol: string;
  name: string;
  asset_class: string;
  quote_currency: string | null;
  /** Where the data comes from and under which licence; shown wherever the data is shown. */
  source: string | null;
  /** When the market produces bars (see calendar.ts); slots outside it are not owed a run. */
  calendar: Generated<TradingCalendar>;
  created_at: Generated<Date>;
}

export interface BarsTable {
  instrument_id: number;
  interval: BarInterval;
  /** Open time of the bar, UTC. The bar closes at ts + interval. */
  ts: Date;
  open: number;
  high: number;
  low: number;
  close: number;
  volume: number | null;
}

export interface MarketTables {
  instruments: InstrumentsTable;
  bars: BarsTable;
}
