/** Request and response shapes of the model registry API (models, versions, attestations, plans, keys). */
import { type Static, Type } from 'typebox';
import type { Interval as IntervalType } from '../market/intervals';

export const SLUG_PATTERN = '^[a-z0-9](?:[a-z0-9]|-(?!-)){1,62}[a-z0-9]$';
export const SEMVER_PATTERN =
  '^(0|[1-9]\\d*)\\.(0|[1-9]\\d*)\\.(0|[1-9]\\d*)(-[0-9A-Za-z-]+(\\.[0-9A-Za-z-]+)*)?$';
const SYMBOL_PATTERN = '^[A-Z0-9][A-Z0-9._-]{0,31}$';
const TAG_PATTERN = '^[a-z0-9][a-z0-9-]{0,31}$';

// The one `Interval` type's schema, without the market's description (the API text stays as it was);
// this fails to compile if the two drift apart.
const Interval = Type.Union([Type.Literal('1h'), Type.Literal('4h'), Type.Literal('1d')]);
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const _intervalIsTheOne: Same<Static<typeof Interval>, IntervalType> = true;
void _intervalIsTheOne;
const Target = Type.Union([Type.Literal('return'), Type.Literal('direction'), Type.Literal('price')]);
const Status = Type.Union([Type.Literal('draft'), Type.Literal('deployed'), Type.Literal('retired')]);
const DateTime = Type.String({ format: 'date-time' });
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);

export const SlugParamsSchema = Type.Object({ slug: Type.String({ pattern: SLUG_PATTERN }) });
export const VersionParamsSchema = Type.Object({
  slug: Type.String({ pattern: SLUG_PATTERN }),
  version: Type.String({ pattern: SEMVER_PATTERN, maxLength: 64 }),
});

const Tags = Type.Array(Type.String({ pattern: TAG_PATTERN }), { maxItems: 20, uniqueItems: true });
const Symbols = Type.Array(Type.String({ pattern: SYMBOL_PATTERN }), { maxItems: 100, uniqueItems: true });

export const CreateModelSchema = Type.Object(
  {
    slug: Type.String({
      pattern: SLUG_PATTERN,
      description:
        'URL name: 3-64 lowercase letters, digits and single dashes. Permanent once a version is deployed.',
    }),
    name: Type.String({ minLength: 1, maxLength: 100 }),
    description: Type.Optional(Type.String({ maxLength: 5000 })),
    tags: Type.Optional(Tags),
    symbols: Type.Optional(
      Type.Array(Type.String({ pattern: SYMBOL_PATTERN }), {
        maxItems: 100,
        uniqueItems: true,
        description: 'Symbols of interest (for search).',
      }),
    ),
  },
  { additionalProperties: false, title: 'CreateModel' },
);
export type CreateModel = Static<typeof CreateModelSchema>;

export const UpdateModelSchema = Type.Object(
  {
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    description: Type.Optional(Type.String({ maxLength: 5000 })),
    tags: Type.Optional(Tags),
    symbols: Type.Optional(Symbols),
  },
  { additionalProperties: false, minProperties: 1, title: 'UpdateModel' },
);
export type UpdateModel = Static<typeof UpdateModelSchema>;

export const PlanSchema = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    priceMinor: Type.Integer({ minimum: 0, description: 'Monthly price in minor units (cents).' }),
    currency: Type.String({ pattern: '^[A-Z]{3}$' }),
    billingPeriod: Type.Literal('month'),
    trialDays: Type.Integer({ minimum: 0, maximum: 30 }),
    free: Type.Boolean({ description: 'True when the price is 0.' }),
    effectiveFrom: DateTime,
  },
  { title: 'Plan' },
);
export type Plan = Static<typeof PlanSchema>;

export const SetPlanSchema = Type.Object(
  {
    priceMinor: Type.Integer({
      minimum: 0,
      maximum: 100_000_000,
      description: 'Monthly price in minor units; 0 makes the model free.',
    }),
    currency: Type.String({ pattern: '^[A-Z]{3}$', description: 'ISO 4217 code, e.g. USD.' }),
    trialDays: Type.Integer({ minimum: 0, maximum: 30 }),
  },
  { additionalProperties: false, title: 'SetPlan' },
);
export type SetPlan = Static<typeof SetPlanSchema>;

export const VersionSummarySchema = Type.Object(
  {
    version: Type.String(),
    status: Status,
    interval: Interval,
    horizon: Type.String(),
    target: Target,
    symbols: Type.Array(Type.String()),
    digest: Type.String({ description: 'SHA-256 (hex) of the canonical package tar.' }),
    createdAt: DateTime,
    deployedAt: Nullable(DateTime),
    retiredAt: Nullable(DateTime),
  },
  { title: 'VersionSummary' },
);
export type VersionSummary = Static<typeof VersionSummarySchema>;

export const ValidationReportSchema = Type.Object(
  {
    files: Type.Integer(),
    unpackedBytes: Type.Integer(),
    archiveBytes: Type.Integer(),
    entrypointFile: Type.String(),
    checks: Type.Array(Type.String(), { description: 'What was checked and passed.' }),
  },
  { title: 'ValidationReport' },
);
export type ValidationReport = Static<typeof ValidationReportSchema>;

export const DeployCheckSchema = Type.Object(
  {
    ok: Type.Boolean(),
    code: Type.Optional(Type.String()),
    message: Type.Optional(Type.String()),
    asOf: Type.Optional(DateTime),
    checkedAt: DateTime,
  },
  { title: 'DeployCheck' },
);
export type DeployCheck = Static<typeof DeployCheckSchema>;

export const DeployCheckJobSchema = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    model: Type.String({ description: 'Model slug.' }),
    version: Type.String(),
    status: Type.Union(
      [Type.Literal('queued'), Type.Literal('running'), Type.Literal('succeeded'), Type.Literal('failed')],
      { description: 'succeeded: the version is now deployed. failed: it stays a draft; see errorCode.' },
    ),
    errorCode: Nullable(
      Type.String({
        description:
          "Why the check failed: no_market_data, sandbox_unavailable, invalid_status_transition, or the trial run's own code (model_error, bad_output, timeout, memory_exceeded, ...).",
      }),
    ),
    errorMessage: Nullable(Type.String()),
    logs: Nullable(
      Type.String({ description: "The trial run's log lines and the tail of its stderr (at most 16 KiB)." }),
    ),
    asOf: Nullable(
      Type.String({ format: 'date-time', description: 'The instant the trial run predicted at.' }),
    ),
    attempts: Type.Integer({ description: 'Times a worker started this check (transient failures retry).' }),
    createdAt: DateTime,
    startedAt: Nullable(DateTime),
    finishedAt: Nullable(DateTime),
  },
  {
    title: 'DeployCheckJob',
    description: 'A deploy request: a worker runs the version once in the sandbox, then deploys it.',
  },
);
export type DeployCheckJob = Static<typeof DeployCheckJobSchema>;

export const DeployCheckParamsSchema = Type.Object({ id: Type.String({ format: 'uuid' }) });

export const ManifestSchema = Type.Object(
  {
    name: Type.String(),
    version: Type.String(),
    description: Type.Optional(Type.String()),
    entrypoint: Type.String(),
    interval: Interval,
    horizon: Type.String(),
    target: Target,
    symbols: Type.Array(Type.String()),
    lookback: Type.Integer(),
    resources: Type.Object({ cpu_seconds: Type.Number(), memory_mb: Type.Integer() }),
    params: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
  },
  { title: 'Manifest', description: 'The normalized seer.toml, as signed.' },
);

export const VersionSchema = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    model: Type.String({ description: 'Model slug.' }),
    ...VersionSummarySchema.properties,
    manifest: ManifestSchema,
    artifactBytes: Type.Integer(),
    unpackedBytes: Type.Integer(),
    fileCount: Type.Integer(),
    signingKeyId: Type.String(),
    validation: ValidationReportSchema,
    deployCheck: Nullable(DeployCheckSchema),
  },
  { title: 'ModelVersion' },
);
export type Version = Static<typeof VersionSchema>;

export const VersionListSchema = Type.Object(
  { items: Type.Array(VersionSummarySchema) },
  { title: 'VersionList' },
);

export const ModelSchema = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    slug: Type.String(),
    name: Type.String(),
    description: Type.String(),
    tags: Type.Array(Type.String()),
    symbols: Type.Array(Type.String()),
    owner: Type.Object({ id: Type.String({ format: 'uuid' }), displayName: Type.String() }),
    createdAt: DateTime,
    updatedAt: DateTime,
    plan: Nullable(PlanSchema),
    deployedVersions: Type.Array(VersionSummarySchema, {
      description: 'Versions currently deployed (several may be).',
    }),
    latestVersion: Nullable(Type.String({ description: 'Highest version visible to the caller.' })),
  },
  { title: 'Model' },
);
export type Model = Static<typeof ModelSchema>;

/** Catalogue sorts by a metric (docs/METRICS.md) and the metric each reads. */
export const METRIC_SORT_KEYS = {
  sharpe: 'sharpe',
  sortino: 'sortino',
  calmar: 'calmar',
  psr: 'psr',
  total_return: 'totalReturn',
  annualized_return: 'annualizedReturn',
  hit_rate: 'hitRate',
  ic: 'ic',
  win_rate: 'winRate',
  profit_factor: 'profitFactor',
  coverage: 'coverage',
  max_drawdown: 'maxDrawdown',
  count: 'count',
} as const;
export type MetricSort = keyof typeof METRIC_SORT_KEYS;
export const METRIC_SORTS = Object.keys(METRIC_SORT_KEYS) as MetricSort[];
export const CATALOGUE_SORTS = ['newest', 'name', 'recently_deployed', ...METRIC_SORTS] as const;
export const CatalogueQuerySchema = Type.Object(
  {
    q: Type.Optional(
      Type.String({ maxLength: 100, description: 'Text search in name, slug, description and tags.' }),
    ),
    tag: Type.Optional(Type.String({ pattern: TAG_PATTERN })),
    symbol: Type.Optional(Type.String({ pattern: SYMBOL_PATTERN })),
    interval: Type.Optional(Interval),
    target: Type.Optional(Target),
    mine: Type.Optional(
      Type.Boolean({
        description: "Only the caller's own models, deployed or not (authentication required).",
      }),
    ),
    sort: Type.Optional(
      Type.Union(
        [
          Type.Literal('newest'),
          Type.Literal('name'),
          Type.Literal('recently_deployed'),
          ...METRIC_SORTS.map((m) => Type.Literal(m)),
        ],
        {
          default: 'newest',
          description:
            'Metric sorts rank by the live all-symbol record of the newest deployed version, best first (max_drawdown: smallest first); models without it come last.',
        },
      ),
    ),
    cursor: Type.Optional(Type.String({ maxLength: 500 })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 50 })),
  },
  { additionalProperties: false },
);
export type CatalogueQueryInput = Static<typeof CatalogueQuerySchema>;

export const ModelPageSchema = Type.Object(
  { items: Type.Array(ModelSchema), nextCursor: Nullable(Type.String()) },
  { title: 'ModelPage' },
);
export type ModelPage = Static<typeof ModelPageSchema>;

export const AttestationSchema = Type.Object(
  {
    model: Type.String(),
    version: Type.String(),
    digest: Type.String({ description: 'SHA-256 (hex) of the canonical (uncompressed) package tar.' }),
    algorithm: Type.Literal('Ed25519'),
    keyId: Type.String({ description: 'kid of the signing key; see GET /v1/keys/signing.' }),
    signature: Type.String({ description: 'Base64 Ed25519 signature over the UTF-8 bytes of payload.' }),
    payload: Type.String({
      description: 'The exact signed text: canonical JSON of {type, model, version, digest, manifest}.',
    }),
  },
  { title: 'Attestation' },
);
export type AttestationView = Static<typeof AttestationSchema>;

export const SigningKeySchema = Type.Object(
  {
    kid: Type.String(),
    algorithm: Type.Literal('Ed25519'),
    active: Type.Boolean(),
    publicKeyPem: Type.String(),
    jwk: Type.Object({
      kty: Type.Literal('OKP'),
      crv: Type.Literal('Ed25519'),
      x: Type.String(),
      kid: Type.String(),
      alg: Type.Literal('EdDSA'),
      use: Type.Literal('sig'),
    }),
  },
  { title: 'SigningKey' },
);
export const SigningKeyListSchema = Type.Object(
  { keys: Type.Array(SigningKeySchema) },
  { title: 'SigningKeyList' },
);
