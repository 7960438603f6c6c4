import type { Generated } from 'kysely';
import type { Bar } from './bar';
import type { TradingCalendar } from './calendar';
import type { Interval } from './intervals';

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

/** A stored bar: the one `Bar` (./bar.ts) of an instrument and interval. */
export interface BarsTable extends Bar {
  instrument_id: number;
  interval: Interval;
}

export interface MarketTables {
  instruments: InstrumentsTable;
  bars: BarsTable;
}
