import { type Static, Type } from 'typebox';
import { RunModeSchema } from '../runs/runs.schemas';

export const OutcomeSchema = Type.Object(
  {
    base_close: Type.Number({ description: 'Close of the bar that closed at as_of.' }),
    realized_close: Type.Number({ description: 'Close of the bar that closed at as_of + horizon.' }),
    realized_return: Type.Number(),
    realized_direction: Type.Integer({ minimum: -1, maximum: 1 }),
    realized_value: Type.Number({ description: 'The realized value in the prediction target.' }),
  },
  { additionalProperties: false },
);

/** Ledger fields keep their canonical names (docs/RUNS.md) so exports verify as they are. */
export const PredictionSchema = Type.Object(
  {
    version_id: Type.String({ format: 'uuid' }),
    mode: RunModeSchema,
    seq: Type.Integer({ minimum: 1 }),
    symbol: Type.String(),
    as_of: Type.String({ format: 'date-time' }),
    horizon: Type.String(),
    target: Type.String(),
    value: Type.Number(),
    confidence: Type.Union([Type.Number(), Type.Null()]),
    created_at: Type.String({ format: 'date-time' }),
    prev_hash: Type.String(),
    hash: Type.String(),
    run_id: Type.String({ format: 'uuid' }),
    ledger_format: Type.String({
      description: 'seer-ledger-v2, or seer-ledger-v1 for entries stored before v2.',
    }),
    input_digest: Type.Union([Type.String(), Type.Null()]),
    package_digest: Type.Union([Type.String(), Type.Null()]),
    salt: Type.Union([Type.String(), Type.Null()], {
      description: 'v2: the commitment salt (docs/VERIFYING.md).',
    }),
    commitment: Type.Union([Type.String(), Type.Null()]),
    outcome: Type.Union([OutcomeSchema, Type.Null()]),
  },
  { additionalProperties: false },
);
export type PredictionView = Static<typeof PredictionSchema>;

export const PredictionListQuerySchema = Type.Object(
  {
    mode: Type.Optional(Type.Union([Type.Literal('live'), Type.Literal('backtest')], { default: 'live' })),
    from: Type.Optional(Type.String({ format: 'date-time', description: 'as_of >= from' })),
    to: Type.Optional(Type.String({ format: 'date-time', description: 'as_of <= to' })),
    cursor: Type.Optional(
      Type.String({ pattern: '^[0-9]{1,15}$', description: 'nextCursor of the previous page.' }),
    ),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 100 })),
    format: Type.Optional(
      Type.Union([Type.Literal('json'), Type.Literal('csv')], {
        default: 'json',
        description: 'csv: the same fields as columns (outcome columns flattened), one page.',
      }),
    ),
  },
  { additionalProperties: false },
);
export type PredictionListQuery = Static<typeof PredictionListQuerySchema>;

export const PredictionListSchema = Type.Object(
  {
    versionId: Type.String({ format: 'uuid' }),
    mode: RunModeSchema,
    items: Type.Array(PredictionSchema),
    nextCursor: Type.Union([Type.String(), Type.Null()]),
  },
  { additionalProperties: false },
);
export type PredictionList = Static<typeof PredictionListSchema>;

export const LedgerVerifyQuerySchema = Type.Object(
  { mode: Type.Optional(Type.Union([Type.Literal('live'), Type.Literal('backtest')], { default: 'live' })) },
  { additionalProperties: false },
);

export const LedgerVerificationSchema = Type.Object(
  {
    versionId: Type.String({ format: 'uuid' }),
    mode: RunModeSchema,
    format: Type.String({
      description: 'The format new entries are written in (seer-ledger-v2); each entry names its own.',
    }),
    valid: Type.Boolean(),
    checked: Type.Integer({ description: 'Entries verified in good order.' }),
    head: Type.Object(
      { seq: Type.Integer(), hash: Type.String() },
      { additionalProperties: false, description: 'The recorded chain head.' },
    ),
    firstBreak: Type.Union([
      Type.Object(
        {
          seq: Type.Integer(),
          reason: Type.String({
            description:
              'seq_gap | prev_hash_mismatch | hash_mismatch | commitment_mismatch | chain_mismatch | malformed | head_mismatch',
          }),
          expected: Type.String(),
          actual: Type.String(),
        },
        { additionalProperties: false },
      ),
      Type.Null(),
    ]),
  },
  { additionalProperties: false },
);
export type LedgerVerificationView = Static<typeof LedgerVerificationSchema>;
