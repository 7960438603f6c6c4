import { type Static, Type } from 'typebox';
import { RunModeSchema } from '../runs/runs.schemas';

const Hex64 = Type.String({ pattern: '^[0-9a-f]{64}$' });
const NullableHex64 = Type.Union([Hex64, Type.Null()]);

export const ChainQuerySchema = Type.Object(
  {
    mode: Type.Optional(Type.Union([Type.Literal('live'), Type.Literal('backtest')], { default: 'live' })),
    cursor: Type.Optional(
      Type.String({ pattern: '^[0-9]{1,15}$', description: 'nextCursor of the previous page (a seq).' }),
    ),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 5000, default: 1000 })),
  },
  { additionalProperties: false },
);
export type ChainQuery = Static<typeof ChainQuerySchema>;

/** Field names are the canonical ones of docs/VERIFYING.md, so entries verify as served. */
export const ChainEntrySchema = Type.Object(
  {
    ledger_format: Type.String({
      description: 'seer-ledger-v2 (or seer-ledger-v1 for entries stored before v2).',
    }),
    version_id: Type.String({ format: 'uuid' }),
    mode: RunModeSchema,
    seq: Type.Integer({ minimum: 1 }),
    run_id: Type.String({ format: 'uuid' }),
    input_digest: NullableHex64,
    package_digest: NullableHex64,
    symbol: Type.String(),
    as_of: Type.String({ format: 'date-time' }),
    horizon: Type.String(),
    target: Type.String(),
    created_at: Type.String({ format: 'date-time' }),
    commitment: Type.Union([Hex64, Type.Null()], {
      description: 'v2: sha256 of value, confidence and salt.',
    }),
    prev_hash: Hex64,
    hash: Hex64,
    revealed: Type.Boolean({ description: 'Whether value, confidence and salt are given to this caller.' }),
    value: Type.Union([Type.Number(), Type.Null()]),
    confidence: Type.Union([Type.Number(), Type.Null()]),
    salt: NullableHex64,
  },
  { additionalProperties: false },
);

export type ChainEntry = Static<typeof ChainEntrySchema>;

export const ChainPageSchema = Type.Object(
  {
    model: Type.String(),
    version: Type.String(),
    versionId: Type.String({ format: 'uuid' }),
    mode: RunModeSchema,
    access: Type.Union([Type.Literal('full'), Type.Literal('public')]),
    publicUntil: Type.Union([Type.String({ format: 'date-time' }), Type.Null()], {
      description:
        'For public access: values are revealed for resolved entries with as_of up to this instant.',
    }),
    head: Type.Object({ seq: Type.Integer(), hash: Hex64 }, { additionalProperties: false }),
    items: Type.Array(ChainEntrySchema),
    nextCursor: Type.Union([Type.String(), Type.Null()]),
  },
  { additionalProperties: false },
);

export const CheckpointQuerySchema = Type.Object(
  {
    model: Type.Optional(Type.String({ description: 'Model slug: only its versions.' })),
    version: Type.Optional(Type.String({ description: 'With model: only this version.' })),
    mode: Type.Optional(Type.Union([Type.Literal('live'), Type.Literal('backtest')])),
    cursor: Type.Optional(
      Type.String({ pattern: '^[0-9]{1,15}$', description: 'nextCursor of the previous page.' }),
    ),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 5000, default: 1000 })),
  },
  { additionalProperties: false },
);
export type CheckpointQuery = Static<typeof CheckpointQuerySchema>;

export const CheckpointSchema = Type.Object(
  {
    id: Type.Integer(),
    version_id: Type.String({ format: 'uuid' }),
    mode: RunModeSchema,
    seq: Type.Integer({ minimum: 0 }),
    head: Hex64,
    key_id: Type.String({ pattern: '^[0-9a-f]{16}$' }),
    signed_at: Type.String({ format: 'date-time' }),
    payload: Type.String({ description: 'The exact signed text (UTF-8), docs/VERIFYING.md.' }),
    signature: Type.String({ description: 'Base64 Ed25519 signature over the payload bytes.' }),
  },
  { additionalProperties: false },
);

export const CheckpointListSchema = Type.Object(
  { items: Type.Array(CheckpointSchema), nextCursor: Type.Union([Type.String(), Type.Null()]) },
  { additionalProperties: false },
);

export const LedgerKeyListSchema = Type.Object(
  {
    keys: Type.Array(
      Type.Object(
        {
          keyId: Type.String({ description: 'First 16 hex digits of SHA-256 of the SPKI DER.' }),
          algorithm: Type.Literal('Ed25519'),
          publicKeyPem: Type.String({ description: 'SPKI PEM, for openssl pkeyutl -verify -pubin -inkey.' }),
          createdAt: Type.String({ format: 'date-time' }),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);
