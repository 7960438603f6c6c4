/** Request and response shapes of the market data API (instruments, bars, ingest reports). */
import { type Static, Type } from 'typebox';
import { REJECT_CODES } from './bar-rows';
import { TRADING_CALENDARS } from './calendar';
import type { Interval } from './intervals';

export const SYMBOL_PATTERN = '^[A-Z0-9][A-Z0-9._-]{0,31}$';
export const ASSET_CLASSES = ['fx', 'equity', 'index', 'crypto', 'commodity', 'rates', 'other'] as const;
export type AssetClass = (typeof ASSET_CLASSES)[number];

export const CalendarSchema = Type.Enum(TRADING_CALENDARS, {
  description:
    "When the market produces bars: '24x7' every interval; 'weekdays' only bars opening Monday..Friday UTC (FX, equities). Live slots with no market session are recorded as market_closed, not missed.",
});

export const IntervalSchema = Type.Union([Type.Literal('1h'), Type.Literal('4h'), Type.Literal('1d')], {
  description: 'Bar interval. Bars open on multiples of the interval since 00:00 UTC.',
});
// The schema and the one `Interval` type cannot drift apart: this fails to compile if they differ.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const _intervalSchemaIsInterval: Same<Static<typeof IntervalSchema>, Interval> = true;
void _intervalSchemaIsInterval;

export const InstrumentSchema = Type.Object(
  {
    symbol: Type.String({ pattern: SYMBOL_PATTERN }),
    name: Type.String(),
    assetClass: Type.Enum(ASSET_CLASSES),
    quoteCurrency: Type.Union([Type.String(), Type.Null()]),
    source: Type.Union([Type.String(), Type.Null()], {
      description: 'Where the data comes from and under which licence; show it wherever the data is shown.',
    }),
    calendar: CalendarSchema,
    createdAt: Type.String({ format: 'date-time' }),
  },
  { title: 'Instrument' },
);
export type Instrument = Static<typeof InstrumentSchema>;

export const CoverageSchema = Type.Object({
  interval: IntervalSchema,
  first: Type.String({ format: 'date-time', description: 'Open time of the oldest visible bar.' }),
  last: Type.String({ format: 'date-time', description: 'Open time of the newest closed bar.' }),
});

export const InstrumentDetailSchema = Type.Object({
  symbol: Type.String(),
  name: Type.String(),
  assetClass: Type.Enum(ASSET_CLASSES),
  quoteCurrency: Type.Union([Type.String(), Type.Null()]),
  source: Type.Union([Type.String(), Type.Null()]),
  calendar: CalendarSchema,
  createdAt: Type.String({ format: 'date-time' }),
  coverage: Type.Array(CoverageSchema),
});
export type InstrumentDetail = Static<typeof InstrumentDetailSchema>;

export const CreateInstrumentBodySchema = Type.Object(
  {
    symbol: Type.String({ pattern: SYMBOL_PATTERN, description: 'Upper case, e.g. USDCHF or BTC-USD.' }),
    name: Type.String({ minLength: 1, maxLength: 200 }),
    assetClass: Type.Enum(ASSET_CLASSES),
    quoteCurrency: Type.Optional(Type.String({ pattern: '^[A-Z]{3}$' })),
    source: Type.Optional(Type.String({ minLength: 1, maxLength: 500 })),
    calendar: Type.Optional(CalendarSchema),
  },
  { additionalProperties: false },
);
export type CreateInstrumentBody = Static<typeof CreateInstrumentBodySchema>;

export const InstrumentListQuerySchema = Type.Object(
  {
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 100 })),
    cursor: Type.Optional(Type.String({ maxLength: 200 })),
  },
  { additionalProperties: false },
);

export const InstrumentListSchema = Type.Object({
  items: Type.Array(InstrumentSchema),
  nextCursor: Type.Union([Type.String(), Type.Null()]),
});
export type InstrumentList = Static<typeof InstrumentListSchema>;

export const BarSchema = Type.Object({
  ts: Type.String({ format: 'date-time', description: 'Open time (UTC); the bar closes at ts + interval.' }),
  open: Type.Number(),
  high: Type.Number(),
  low: Type.Number(),
  close: Type.Number(),
  volume: Type.Union([Type.Number(), Type.Null()]),
});
/** A bar as the API sends it (ts an ISO string); in process, bars are `Bar` (./bar.ts). */
export type BarJson = Static<typeof BarSchema>;

export const BarsQuerySchema = Type.Object(
  {
    interval: IntervalSchema,
    from: Type.Optional(Type.String({ format: 'date-time', description: 'Inclusive lower bound on ts.' })),
    to: Type.Optional(Type.String({ format: 'date-time', description: 'Exclusive upper bound on ts.' })),
    order: Type.Optional(Type.Union([Type.Literal('asc'), Type.Literal('desc')], { default: 'asc' })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 500 })),
    cursor: Type.Optional(Type.String({ maxLength: 200 })),
  },
  { additionalProperties: false },
);
export type BarsQuery = Static<typeof BarsQuerySchema>;

export const BarsPageSchema = Type.Object({
  symbol: Type.String(),
  interval: IntervalSchema,
  bars: Type.Array(BarSchema),
  nextCursor: Type.Union([Type.String(), Type.Null()]),
});
export type BarsPage = Static<typeof BarsPageSchema>;

export const BarInputSchema = Type.Object(
  {
    ts: Type.String({ maxLength: 40, description: 'ISO 8601 UTC open time, e.g. 2024-01-31T13:00:00Z.' }),
    open: Type.Number(),
    high: Type.Number(),
    low: Type.Number(),
    close: Type.Number(),
    volume: Type.Optional(Type.Union([Type.Number(), Type.Null()])),
  },
  { additionalProperties: false },
);
export type BarInput = Static<typeof BarInputSchema>;

export const BarsBodySchema = Type.Object(
  { bars: Type.Array(BarInputSchema, { maxItems: 100_000 }) },
  { additionalProperties: false },
);
export type BarsBody = Static<typeof BarsBodySchema>;

export const AdminBarsQuerySchema = Type.Object(
  {
    symbol: Type.String({ pattern: '^[A-Za-z0-9][A-Za-z0-9._-]{0,31}$', description: 'Case-insensitive.' }),
    interval: IntervalSchema,
  },
  { additionalProperties: false },
);

export const RejectedRowSchema = Type.Object({
  line: Type.Optional(Type.Integer({ description: 'CSV line number (the header is line 1).' })),
  index: Type.Optional(Type.Integer({ description: 'Index in the JSON bars array (0-based).' })),
  ts: Type.Optional(Type.String()),
  code: Type.Enum(REJECT_CODES),
  message: Type.String(),
});

export const IngestReportSchema = Type.Object({
  symbol: Type.String(),
  interval: IntervalSchema,
  received: Type.Integer({ description: 'Data rows in the request.' }),
  inserted: Type.Integer({ description: 'New bars stored.' }),
  unchanged: Type.Integer({ description: 'Bars already stored with identical values (re-imports).' }),
  conflicts: Type.Integer({
    description: 'Rows whose ts is already stored with different values (refused, never overwritten).',
  }),
  rejectedTotal: Type.Integer({ description: 'Rows not stored, conflicts included.' }),
  rejected: Type.Array(RejectedRowSchema, {
    description:
      'Rows not stored and why (the first 10,000, in file order); a different value for a stored bar is a conflict, never an update.',
  }),
});
export type IngestReport = Static<typeof IngestReportSchema>;
