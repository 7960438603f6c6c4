/** Request and response shapes of the model-level prediction, playback and metrics routes. */
import { type Static, Type } from 'typebox';
import { SEMVER_PATTERN } from '../registry/registry.schemas';
import { RunModeSchema } from '../runs/runs.schemas';
import { OutcomeSchema } from './predictions.schemas';

const SYMBOL = Type.String({ pattern: '^[A-Z0-9][A-Z0-9._-]{0,31}$' });
const VERSION = Type.String({ pattern: SEMVER_PATTERN, maxLength: 64 });
const MODE = Type.Union([Type.Literal('live'), Type.Literal('backtest')], { default: 'live' });
const DATE_TIME = Type.String({ format: 'date-time' });
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);

export const ACCESS_DESCRIPTION =
  'full: every prediction (owner, admin, subscriber). public: only predictions whose outcome is known and whose as_of is at or before publicUntil (now minus the model public delay).';

export const ModelPredictionQuerySchema = Type.Object(
  {
    symbol: Type.Optional(SYMBOL),
    version: Type.Optional(VERSION),
    mode: Type.Optional(MODE),
    from: Type.Optional(Type.String({ format: 'date-time', description: 'as_of >= from' })),
    to: Type.Optional(Type.String({ format: 'date-time', description: 'as_of <= to' })),
    cursor: Type.Optional(
      Type.String({
        pattern: '^[0-9]{1,15}-[0-9]{1,18}$',
        description: 'nextCursor of the previous page (same filters).',
      }),
    ),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 100 })),
    format: Type.Optional(
      Type.Union([Type.Literal('json'), Type.Literal('csv'), Type.Literal('ndjson')], {
        description:
          'Overrides the Accept header (application/json, text/csv, application/x-ndjson). CSV and NDJSON carry the next cursor in the X-Next-Cursor header.',
      }),
    ),
  },
  { additionalProperties: false },
);
export type ModelPredictionQuery = Static<typeof ModelPredictionQuerySchema>;

export const ModelPredictionSchema = Type.Object(
  {
    version: Type.String(),
    version_id: Type.String({ format: 'uuid' }),
    mode: RunModeSchema,
    seq: Type.Integer({ minimum: 1 }),
    symbol: Type.String(),
    as_of: DATE_TIME,
    horizon: Type.String(),
    target: Type.String(),
    value: Type.Number(),
    confidence: Nullable(Type.Number()),
    created_at: DATE_TIME,
    prev_hash: Type.String(),
    hash: Type.String(),
    run_id: Type.String({ format: 'uuid' }),
    outcome: Nullable(OutcomeSchema),
  },
  { additionalProperties: false, title: 'ModelPrediction' },
);
export type ModelPrediction = Static<typeof ModelPredictionSchema>;

export const ModelPredictionPageSchema = Type.Object(
  {
    model: Type.String(),
    mode: RunModeSchema,
    access: Type.Union([Type.Literal('full'), Type.Literal('public')], { description: ACCESS_DESCRIPTION }),
    publicUntil: Nullable(DATE_TIME),
    items: Type.Array(ModelPredictionSchema),
    nextCursor: Nullable(Type.String()),
  },
  { additionalProperties: false, title: 'ModelPredictionPage' },
);

export const LatestQuerySchema = Type.Object(
  { symbol: Type.Optional(SYMBOL), version: Type.Optional(VERSION), mode: Type.Optional(MODE) },
  { additionalProperties: false },
);
export type LatestQuery = Static<typeof LatestQuerySchema>;

export const LatestPredictionsSchema = Type.Object(
  {
    model: Type.String(),
    mode: RunModeSchema,
    access: Type.Union([Type.Literal('full'), Type.Literal('public')], { description: ACCESS_DESCRIPTION }),
    publicUntil: Nullable(DATE_TIME),
    items: Type.Array(ModelPredictionSchema, { description: 'The newest prediction per symbol, by symbol.' }),
  },
  { additionalProperties: false, title: 'LatestPredictions' },
);

export const PlaybackQuerySchema = Type.Object(
  {
    symbol: Type.Optional(SYMBOL),
    version: Type.Optional(VERSION),
    mode: Type.Optional(MODE),
    from: Type.Optional(DATE_TIME),
    to: Type.Optional(DATE_TIME),
  },
  { additionalProperties: false },
);
export type PlaybackQuery = Static<typeof PlaybackQuerySchema>;

const NumCol = Type.Array(Nullable(Type.Number()));
export const PlaybackSchema = Type.Object(
  {
    model: Type.String(),
    version: Type.String(),
    symbol: Type.String(),
    mode: RunModeSchema,
    interval: Type.String(),
    horizon: Type.String(),
    target: Type.String(),
    access: Type.Union([Type.Literal('full'), Type.Literal('public')], { description: ACCESS_DESCRIPTION }),
    publicUntil: Nullable(DATE_TIME),
    from: DATE_TIME,
    to: DATE_TIME,
    points: Type.Integer(),
    t: Type.Array(Type.Number(), {
      description:
        'as_of of each point, epoch seconds: the close of the bar and the instant of the prediction.',
    }),
    open: NumCol,
    high: NumCol,
    low: NumCol,
    close: NumCol,
    volume: NumCol,
    prediction: Type.Array(Nullable(Type.Number()), {
      description: 'The value predicted at t (null: none, or not public).',
    }),
    confidence: NumCol,
    realizedReturn: Type.Array(Nullable(Type.Number()), {
      description: 'Outcome: close at t + horizon over close at t, minus 1.',
    }),
    realizedValue: NumCol,
    pnl: Type.Array(Nullable(Type.Number()), {
      description: 'Strategy return of the prediction at t (direction x realized return).',
    }),
    equity: Type.Array(Type.Number(), { description: 'Running sum of pnl up to and including t.' }),
  },
  { additionalProperties: false, title: 'Playback' },
);
export type Playback = Static<typeof PlaybackSchema>;
