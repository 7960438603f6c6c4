import { type Static, Type } from 'typebox';

export const RunModeSchema = Type.Union([Type.Literal('live'), Type.Literal('backtest')]);
export const RunStatusSchema = Type.Union([
  Type.Literal('queued'),
  Type.Literal('running'),
  Type.Literal('succeeded'),
  Type.Literal('failed'),
  Type.Literal('timed_out'),
  Type.Literal('missed'),
  Type.Literal('market_closed'),
]);

export const VersionParamsSchema = Type.Object({
  slug: Type.String({ pattern: '^[a-z0-9][a-z0-9-]{1,62}[a-z0-9]$' }),
  version: Type.String({ maxLength: 64, pattern: '^[0-9]+\\.[0-9]+\\.[0-9]+(-[0-9A-Za-z.-]+)?$' }),
});
export type VersionParams = Static<typeof VersionParamsSchema>;

export const RunSchema = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    versionId: Type.String({ format: 'uuid' }),
    mode: RunModeSchema,
    asOf: Type.String({ format: 'date-time' }),
    status: RunStatusSchema,
    attempts: Type.Integer(),
    backtestId: Type.Union([Type.String({ format: 'uuid' }), Type.Null()]),
    startedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
    finishedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
    durationMs: Type.Union([Type.Integer(), Type.Null()]),
    cpuMs: Type.Union([Type.Integer(), Type.Null()]),
    peakMemoryKb: Type.Union([Type.Integer(), Type.Null()]),
    inputDigest: Type.Union([Type.String(), Type.Null()]),
    predictionCount: Type.Union([Type.Integer(), Type.Null()]),
    errorCode: Type.Union([Type.String(), Type.Null()]),
    errorMessage: Type.Union([Type.String(), Type.Null()]),
    stderr: Type.Union([Type.String(), Type.Null()], {
      description: "The model's captured stderr (capped).",
    }),
  },
  { additionalProperties: false },
);
export type RunView = Static<typeof RunSchema>;

export const RunListQuerySchema = Type.Object(
  {
    mode: Type.Optional(RunModeSchema),
    status: Type.Optional(RunStatusSchema),
    cursor: Type.Optional(
      Type.String({ format: 'date-time', description: 'nextCursor of the previous page.' }),
    ),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 100 })),
  },
  { additionalProperties: false },
);
export type RunListQuery = Static<typeof RunListQuerySchema>;

export const RunListSchema = Type.Object(
  {
    items: Type.Array(RunSchema),
    nextCursor: Type.Union([Type.String(), Type.Null()]),
  },
  { additionalProperties: false },
);
export type RunList = Static<typeof RunListSchema>;

export const CoverageSchema = Type.Object(
  {
    versionId: Type.String({ format: 'uuid' }),
    slots: Type.Integer({
      description: 'Live slots since deploy whose grace has passed, market_closed slots excluded.',
    }),
    succeeded: Type.Integer(),
    failed: Type.Integer(),
    timedOut: Type.Integer(),
    missed: Type.Integer(),
    marketClosed: Type.Integer({
      description: 'Boundaries where no symbol of the version had a market session (weekends): not slots.',
    }),
    coverage: Type.Union([Type.Number(), Type.Null()], {
      description: 'succeeded / slots; null before the first slot.',
    }),
  },
  { additionalProperties: false },
);
export type Coverage = Static<typeof CoverageSchema>;

export const BacktestRequestSchema = Type.Object(
  {
    from: Type.String({
      format: 'date-time',
      description: 'First as_of (inclusive, rounded up to a boundary).',
    }),
    to: Type.String({ format: 'date-time', description: 'Last as_of (inclusive).' }),
  },
  { additionalProperties: false },
);
export type BacktestRequest = Static<typeof BacktestRequestSchema>;

export const BacktestSchema = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    versionId: Type.String({ format: 'uuid' }),
    from: Type.String({ format: 'date-time' }),
    to: Type.String({ format: 'date-time' }),
    status: Type.Union([
      Type.Literal('queued'),
      Type.Literal('running'),
      Type.Literal('succeeded'),
      Type.Literal('failed'),
    ]),
    progress: Type.Number({ minimum: 0, maximum: 1 }),
    counts: Type.Object(
      {
        total: Type.Integer(),
        done: Type.Integer(),
        succeeded: Type.Integer(),
        failed: Type.Integer(),
        reused: Type.Integer({ description: 'Boundaries an earlier backtest of this version already ran.' }),
      },
      { additionalProperties: false },
    ),
    error: Type.Union([Type.String(), Type.Null()]),
    createdAt: Type.String({ format: 'date-time' }),
    startedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
    finishedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  },
  { additionalProperties: false },
);
export type BacktestView = Static<typeof BacktestSchema>;

export const BacktestParamsSchema = Type.Object({ id: Type.String({ format: 'uuid' }) });

const PredictedSchema = Type.Union([
  Type.Object(
    { value: Type.Number(), confidence: Type.Union([Type.Number(), Type.Null()]) },
    { additionalProperties: false },
  ),
  Type.Null(),
]);

export const RerunSchema = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    runId: Type.String({ format: 'uuid' }),
    status: Type.Union(
      [
        Type.Literal('queued'),
        Type.Literal('running'),
        Type.Literal('reproduced'),
        Type.Literal('mismatch'),
        Type.Literal('input_mismatch'),
        Type.Literal('failed'),
      ],
      {
        description:
          'reproduced: same input digest and the same predictions; mismatch: same input, different predictions (listed); input_mismatch: the data the model read is not what the run read (predictions not compared); failed: the rerun could not run (errorCode).',
      },
    ),
    storedInputDigest: Type.Union([Type.String(), Type.Null()], {
      description: "The run's recorded input digest.",
    }),
    rerunInputDigest: Type.Union([Type.String(), Type.Null()], {
      description: 'The digest of the input the rerun read.',
    }),
    compared: Type.Union([Type.Integer(), Type.Null()], { description: 'Symbols compared.' }),
    differences: Type.Array(
      Type.Object(
        { symbol: Type.String(), stored: PredictedSchema, rerun: PredictedSchema },
        { additionalProperties: false },
      ),
      { description: 'Rows that differ (at most 1000); empty unless status is mismatch.' },
    ),
    errorCode: Type.Union([Type.String(), Type.Null()]),
    errorMessage: Type.Union([Type.String(), Type.Null()]),
    createdAt: Type.String({ format: 'date-time' }),
    startedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
    finishedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  },
  { additionalProperties: false },
);
export type RerunView = Static<typeof RerunSchema>;

export const IdParamsSchema = Type.Object({ id: Type.String({ format: 'uuid' }) });
