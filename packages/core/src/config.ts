/**
 * Configuration is read once at start-up from the environment, validated, typed and frozen.
 * Nothing else in the codebase reads process.env. Every variable is listed in VARIABLES so that
 * docs/CONFIGURATION.md can be checked against it by a test.
 */
import { readFileSync } from 'node:fs';
import { isIP } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { parseMasterKeys } from './crypto/master-keys';
import { pgTransport, plaintextProblem } from './transport/transport-security';

export type Environment = 'development' | 'test' | 'production';
export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

export interface Config {
  env: Environment;
  port: number;
  host: string;
  logLevel: LogLevel;
  /** PostgreSQL server URL; when absent the embedded database (embeddedDb) under dataDir is used. */
  databaseUrl: string | undefined;
  /** Connection URL for the sandbox data broker (role seer_model_reader). Derived from databaseUrl when absent. */
  modelReaderDatabaseUrl: string | undefined;
  databasePoolMax: number;
  redisUrl: string | undefined;
  dataDir: string;
  artifactDir: string;
  /** Folder with the Ed25519 JWT signing keys (generated on first start when absent and allowed). */
  keysDir: string;
  generateKeys: boolean;
  corsOrigins: string[];
  publicUrl: string;
  accessTokenTtlSeconds: number;
  refreshTokenTtlSeconds: number;
  bodyLimitBytes: number;
  /**
   * Which X-Forwarded-For hops to believe: false (none), a hop count (the client is the address
   * that many proxies back), or the proxies' addresses/CIDRs. Never "trust all" (Fastify's true).
   */
  trustProxy: false | number | string[];
  loginMaxAttemptsPerAccount: number;
  loginMaxAttemptsPerIp: number;
  loginWindowSeconds: number;
  /** argon2id cost for password hashes; production refuses less than the OWASP minimum. */
  argon2MemoryKib: number;
  argon2TimeCost: number;
  demo: boolean;
  /** Demo only: simulated instant the replay clock starts at; undefined means the real clock. */
  replayStart: Date | undefined;
  /** Demo only: real milliseconds per simulated hour of the replay clock. */
  replayMsPerSimHour: number;
  /** Largest model package upload (compressed .tar.gz). */
  packageMaxBytes: number;
  /** Largest total size of a package's files once unpacked (decompression-bomb cap). */
  packageMaxUnpackedBytes: number;
  /** Most files and folders in one package. */
  packageMaxFiles: number;
  /** How long after a boundary its bar may still arrive for the live run to happen (else: missed). */
  runGraceSeconds: number;
  /** Runs one worker process executes at the same time. */
  workerConcurrency: number;
  /** Where a standalone worker or scheduler serves /metrics; no listener when the port is unset. */
  metricsHost: string;
  metricsPort: number | undefined;
  /** Modules the sandbox's fork template imports once and shares (copy-on-write) with every run. */
  sandboxPreimport: string[];
  /** How long a worker owns a running run without a heartbeat before another may take it over. */
  runLeaseSeconds: number;
  /** Most boundaries one backtest may cover. */
  backtestMaxBoundaries: number;
  /** Absolute lifetime of a login session (refresh-token family): rotation never extends it past this. */
  refreshTokenFamilyMaxSeconds: number;
  /** Payment provider: the mock (default; test cards, signed webhooks) or Stripe. */
  billingProvider: 'mock' | 'stripe';
  /** Platform fee taken from every subscription charge, in whole percent (0-100). */
  billingPlatformFeePercent: number;
  /** Access continues this long after a renewal charge first fails; then the subscription expires. */
  billingGraceDays: number;
  /** Hours after the first failed charge of a period at which it is retried. */
  billingRetryHours: number[];
  /** HMAC secret the mock provider signs its webhooks with (and the API verifies). */
  billingMockWebhookSecret: string;
  /** Stripe secret API key (needed when billingProvider is stripe). */
  stripeSecretKey: string | undefined;
  /** Stripe webhook signing secret (whsec_...), needed when billingProvider is stripe. */
  stripeWebhookSecret: string | undefined;
  /** Host uids the sandbox hands out, one per jail (inclusive range). */
  sandboxUidRange: { first: number; count: number };
  /** Production only: let a worker start on a host without per-run cgroups (rlimits only). */
  sandboxAllowNoCgroups: boolean;
  /** Without DATABASE_URL: a private PostgreSQL server under dataDir, or PGlite (one process). */
  embeddedDb: 'postgres' | 'pglite';
  /** Folder with initdb/pg_ctl/postgres for the private server; undefined: the newest Debian one. */
  postgresBinDir: string | undefined;
  /** OS user the private server runs as when seerd runs as root (PostgreSQL refuses root). */
  postgresUser: string;
  /** Production: plain-http PUBLIC_URL and CORS origins allowed (ALLOW_PLAIN_HTTP). */
  allowPlainHttp: boolean;
  /** Bearer token that GET /metrics requires; /metrics is not served when unset. */
  metricsToken: string | undefined;
  /** `seerd demo`: the demo accounts' password; generated at every start when unset. */
  demoPassword: string | undefined;
  /** PostgreSQL URL of the schema owner, used only to migrate; DATABASE_URL is then the runtime login. */
  migrationDatabaseUrl: string | undefined;
  /** Sandbox slots of a worker kept for live runs only (backtests and deploy checks never use them). */
  workerLiveReservedSlots: number;
  /** Deploy checks one worker process runs at the same time. */
  deployCheckConcurrency: number;
  /** Backtests one worker process runs at the same time. */
  backtestConcurrency: number;
  /** Backtests of one user running at the same time, across all workers. */
  backtestUserConcurrency: number;
  /** Per-user quotas (429 quota_exceeded_*). */
  quotaModelsPerUser: number;
  quotaDraftsPerUser: number;
  quotaUploadsInFlightPerUser: number;
  quotaQueuedBacktestsPerUser: number;
  /** Stored packages no version references are deleted once older than this. */
  artifactGcGraceSeconds: number;
  /** Period of the artifact sweep in the worker; 0 turns it off. */
  artifactGcIntervalSeconds: number;
  /** PKCS#8 PEM of the workers' Ed25519 ledger checkpoint key; the API never reads it. */
  ledgerSigningKeyFile: string;
  /** How often a worker signs checkpoints of every changed chain head; 0 turns it off. */
  ledgerCheckpointIntervalSeconds: number;
  /** CA certificate (PEM file) that verifies the PostgreSQL server (sslmode=verify-full/verify-ca). */
  databaseCaFile: string | undefined;
  /** Production only: accept a plain-text PostgreSQL connection to a non-local host. */
  databaseAllowPlaintext: boolean;
  /** CA certificate (PEM file) that verifies the Redis server of a rediss:// URL. */
  redisCaFile: string | undefined;
  /** Production only: accept a plain-text redis:// connection to a non-local host. */
  redisAllowPlaintext: boolean;
  /** Master key(s), base64 of 32 bytes each, first wraps (SEER_MASTER_KEY). Never logged. */
  masterKey: string | undefined;
  /** File holding the master key(s), mounted as a secret (SEER_MASTER_KEY_FILE). */
  masterKeyFile: string | undefined;
  /** Webhooks may reach private/loopback/link-local addresses (tests, on-prem); default false. */
  webhooksAllowPrivate: boolean;
  /**
   * Deprecated WEBHOOKS_SECRET_KEY: opens webhook secrets an earlier release sealed under it (new
   * ones are sealed under the master key); until `seerd keys encrypt-existing` has resealed them.
   */
  webhooksSecretKey: string | undefined;
  /** Timeout of one webhook delivery attempt (connect to last byte). */
  webhooksTimeoutMs: number;
}

interface VariableSpec {
  name: string;
  default: string | undefined;
  description: string;
}

/** Every environment variable Seer reads. docs/CONFIGURATION.md must list each of them. */
export const VARIABLES: readonly VariableSpec[] = [
  {
    name: 'NODE_ENV',
    default: 'development',
    description:
      'development, test or production. Production refuses unsafe settings (demo mode, generated keys, wildcard CORS, plain-http PUBLIC_URL and CORS origins).',
  },
  { name: 'PORT', default: '8080', description: 'TCP port of the HTTP API.' },
  {
    name: 'HOST',
    default: '127.0.0.1',
    description:
      'Interface the HTTP API binds to. Loopback by default; set 0.0.0.0 (all interfaces) in a container or behind a proxy on another host.',
  },
  { name: 'LOG_LEVEL', default: 'info', description: 'fatal, error, warn, info, debug, trace or silent.' },
  {
    name: 'DATABASE_URL',
    default: undefined,
    description:
      'PostgreSQL URL (postgres://user:pass@host:5432/db). When unset, Seer uses the embedded database (SEER_EMBEDDED_DB).',
  },
  {
    name: 'MODEL_READER_DATABASE_URL',
    default: undefined,
    description:
      'PostgreSQL URL that logs in as the seer_model_reader role, used by the sandbox data broker. When unset, the broker uses the app connection with SET LOCAL ROLE seer_model_reader.',
  },
  { name: 'DATABASE_POOL_MAX', default: '10', description: 'Maximum connections in the PostgreSQL pool.' },
  {
    name: 'REDIS_URL',
    default: undefined,
    description:
      'Redis URL (redis://host:6379). When set, queues run on BullMQ and login throttling is shared across processes; when unset, an in-process dispatcher and in-memory throttling are used.',
  },
  {
    name: 'SEER_DATA_DIR',
    default: './data',
    description:
      'Folder for embedded state: the embedded database (postgres/ or pglite/), artifacts and generated keys (unless overridden).',
  },
  {
    name: 'ARTIFACT_DIR',
    default: '<SEER_DATA_DIR>/artifacts',
    description: 'Content-addressed store of model packages.',
  },
  {
    name: 'SEER_KEYS_DIR',
    default: '<SEER_DATA_DIR>/keys',
    description: 'Folder holding the Ed25519 private keys (JWT signing, artifact signing) as PEM files.',
  },
  {
    name: 'SEER_GENERATE_KEYS',
    default: 'true outside production',
    description:
      'Generate missing signing keys at start-up. In production keys must be provisioned (false by default).',
  },
  {
    name: 'CORS_ORIGINS',
    default: '',
    description:
      'Comma-separated list of browser origins allowed to call the API with credentials. Empty means same-origin only.',
  },
  {
    name: 'PUBLIC_URL',
    default: 'http://localhost:<PORT>',
    description: 'External base URL, used as JWT issuer and in links.',
  },
  {
    name: 'ACCESS_TOKEN_TTL_SECONDS',
    default: '900',
    description: 'Lifetime of access tokens (JWT). 60..3600.',
  },
  {
    name: 'REFRESH_TOKEN_TTL_SECONDS',
    default: '2592000',
    description: 'Lifetime of refresh tokens (30 days).',
  },
  { name: 'BODY_LIMIT_BYTES', default: '1048576', description: 'Maximum JSON request body size.' },
  {
    name: 'TRUST_PROXY',
    default: 'false',
    description:
      'Which proxies to believe about the client address (X-Forwarded-For): false; a hop count (1 = one ingress in front: the client is the address it appended); or a comma-separated list of proxy IPs/CIDRs (10.0.0.0/8,fd00::/8). true is refused: it would take the leftmost, client-written address.',
  },
  {
    name: 'LOGIN_MAX_ATTEMPTS_PER_ACCOUNT',
    default: '5',
    description: 'Failed logins allowed per account within LOGIN_WINDOW_SECONDS before 429.',
  },
  {
    name: 'LOGIN_MAX_ATTEMPTS_PER_IP',
    default: '20',
    description: 'Login attempts allowed per client IP within LOGIN_WINDOW_SECONDS before 429.',
  },
  { name: 'LOGIN_WINDOW_SECONDS', default: '900', description: 'Window of the login throttles.' },
  {
    name: 'ARGON2_MEMORY_KIB',
    default: '19456',
    description:
      'Memory cost of argon2id password hashing in KiB (OWASP minimum 19456; production refuses less).',
  },
  {
    name: 'ARGON2_TIME_COST',
    default: '2',
    description: 'Passes of argon2id password hashing (OWASP minimum 2; production refuses less).',
  },
  {
    name: 'SEER_DEMO',
    default: 'false',
    description:
      'Demo instance: replay clock allowed, banner on every page. Refused when NODE_ENV=production.',
  },
  {
    name: 'SEER_REPLAY_START',
    default: undefined,
    description:
      'Demo only (needs SEER_DEMO=true): run on a replay clock starting at this ISO 8601 UTC instant, revealing the historical demo bars as it passes their close. Unset: real time.',
  },
  {
    name: 'SEER_REPLAY_MS_PER_HOUR',
    default: '1000',
    description:
      'Speed of the replay clock: real milliseconds per simulated hour (1000 = one market hour per second).',
  },
  {
    name: 'PACKAGE_MAX_BYTES',
    default: '104857600',
    description:
      'Largest model package upload (.tar.gz, compressed) in bytes; larger uploads get 413 package_too_large.',
  },
  {
    name: 'PACKAGE_MAX_UNPACKED_BYTES',
    default: '268435456',
    description:
      'Largest total size of a package once unpacked; extraction stops as soon as it is crossed (413 package_unpacked_too_large).',
  },
  {
    name: 'PACKAGE_MAX_FILES',
    default: '2000',
    description: 'Most files and folders in one model package (422 package_too_many_files).',
  },
  {
    name: 'RUN_GRACE_SECONDS',
    default: '300',
    description:
      "How long after a boundary its closing bar may arrive for the live run to still happen; later, the slot is recorded as missed. Always capped below the model's horizon. 1..3599.",
  },
  {
    name: 'WORKER_CONCURRENCY',
    default: '2',
    description: 'Runs one worker process executes at the same time.',
  },
  {
    name: 'METRICS_HOST',
    default: '127.0.0.1',
    description:
      'Interface on which a standalone `seerd worker` or `seerd scheduler` serves Prometheus metrics (GET /metrics). Keep it internal.',
  },
  {
    name: 'METRICS_PORT',
    default: undefined,
    description:
      'Port of that metrics listener (0 picks a free one and logs it). Unset: a standalone worker or scheduler serves no metrics.',
  },
  {
    name: 'SANDBOX_PREIMPORT',
    default: 'sklearn.linear_model,sklearn.ensemble,scipy.stats,statsmodels.api',
    description:
      'Comma-separated Python modules the sandbox template imports once, besides numpy and pandas, and shares copy-on-write with every run (saves each run importing them). Empty: numpy and pandas only.',
  },
  {
    name: 'RUN_LEASE_SECONDS',
    default: '30',
    description:
      'A running run whose worker sent no heartbeat for this long is handed to another worker (crash recovery).',
  },
  {
    name: 'BACKTEST_MAX_BOUNDARIES',
    default: '2000',
    description: 'Most boundaries one backtest may cover.',
  },
  {
    name: 'ALLOW_PLAIN_HTTP',
    default: 'false',
    description:
      'Production only: allow a plain-http PUBLIC_URL and http:// CORS origins (otherwise refused; plain http also turns HSTS off). For a closed network that terminates TLS nowhere.',
  },
  {
    name: 'METRICS_TOKEN',
    default: undefined,
    description:
      'Bearer token (at least 32 characters) that GET /metrics requires. Unset: /metrics is not served.',
  },
  {
    name: 'SEER_DEMO_PASSWORD',
    default: undefined,
    description:
      '`seerd demo` only: password of the demo accounts. Unset: a fresh random password per account at every start, printed with the welcome message.',
  },
  {
    name: 'MIGRATION_DATABASE_URL',
    default: undefined,
    description:
      'PostgreSQL URL of the role that owns the schema, used only to apply migrations (seerd migrate, and at start-up). Set it and point DATABASE_URL at a login made by `seerd db create-login` (member of seer_app, owns nothing). Unset: DATABASE_URL migrates too.',
  },
  {
    name: 'REFRESH_TOKEN_FAMILY_MAX_SECONDS',
    default: '7776000',
    description:
      'Absolute lifetime of a login session (90 days): refreshing rotates the token but never extends the session past this many seconds after the password login. 3600..31536000.',
  },
  {
    name: 'BILLING_PROVIDER',
    default: 'mock',
    description:
      'Payment provider: mock (test cards, HMAC-signed webhooks to /v1/billing/webhooks/mock, no real money) or stripe.',
  },
  {
    name: 'BILLING_PLATFORM_FEE_PERCENT',
    default: '20',
    description:
      'Platform fee taken from every subscription charge, in whole percent (0-100); the developer earns the rest.',
  },
  {
    name: 'BILLING_GRACE_DAYS',
    default: '7',
    description:
      'Access continues this many days after a renewal charge first fails; then the subscription expires. 1..60.',
  },
  {
    name: 'BILLING_RETRY_HOURS',
    default: '24,72,120',
    description:
      'Comma-separated hours after the first failed charge of a period at which it is retried (each inside the grace period).',
  },
  {
    name: 'BILLING_MOCK_WEBHOOK_SECRET',
    default: 'seer-mock-webhook-secret',
    description:
      'HMAC-SHA256 secret the mock payment provider signs its webhooks with and the API verifies. Every process must share it.',
  },
  {
    name: 'STRIPE_SECRET_KEY',
    default: undefined,
    description: 'Stripe secret API key (sk_...). Required when BILLING_PROVIDER=stripe.',
  },
  {
    name: 'STRIPE_WEBHOOK_SECRET',
    default: undefined,
    description:
      'Stripe webhook signing secret (whsec_...) that verifies POST /v1/billing/webhooks/stripe. Required when BILLING_PROVIDER=stripe.',
  },
  {
    name: 'SANDBOX_UID_RANGE',
    default: '2000000000-2000004095',
    description:
      'Host uids (FIRST-LAST, inclusive) the sandbox hands out, one per live jail, so process limits are per run. Must be unused on the host; each worker process takes uids through lock files, so several processes may share a range. Needs at least WORKER_CONCURRENCY + 1.',
  },
  {
    name: 'SANDBOX_ALLOW_NO_CGROUPS',
    default: 'false',
    description:
      'In production a worker refuses to start when the host gives it no per-run cgroups (v1 or v2: memory, pids, cpu). true starts it anyway with rlimits only (not recommended).',
  },
  {
    name: 'SEER_EMBEDDED_DB',
    default: 'postgres',
    description:
      'Database when DATABASE_URL is unset. postgres: a private PostgreSQL server that seerd initialises in SEER_DATA_DIR/postgres and starts on a Unix socket (no TCP), shared by every seerd process. pglite: PGlite in SEER_DATA_DIR/pglite, one process at a time (locked).',
  },
  {
    name: 'SEER_POSTGRES_BIN',
    default: 'newest /usr/lib/postgresql/<version>/bin',
    description:
      'Folder holding initdb, pg_ctl and postgres for the private server (SEER_EMBEDDED_DB=postgres). Default: the one matching an existing cluster, else the newest installed.',
  },
  {
    name: 'SEER_POSTGRES_USER',
    default: 'postgres',
    description:
      'When seerd runs as root, the unprivileged OS user that owns and runs the private PostgreSQL server (PostgreSQL refuses to run as root).',
  },
  {
    name: 'WORKER_LIVE_RESERVED_SLOTS',
    default: '1',
    description:
      'Sandbox slots of each worker (of WORKER_CONCURRENCY) that only live runs may use, so a due live run never waits behind backtests or deploy checks. At most WORKER_CONCURRENCY - 1.',
  },
  {
    name: 'DEPLOY_CHECK_CONCURRENCY',
    default: '1',
    description: 'Deploy checks (trial runs before deploy) one worker process runs at the same time.',
  },
  {
    name: 'BACKTEST_CONCURRENCY',
    default: '2',
    description: 'Backtests one worker process runs at the same time.',
  },
  {
    name: 'BACKTEST_USER_CONCURRENCY',
    default: '1',
    description:
      "Backtests of one user running at the same time across all workers; the rest wait their turn, so one user's backtests cannot starve others'.",
  },
  {
    name: 'QUOTA_MODELS_PER_USER',
    default: '50',
    description: 'Most models one user may own (429 quota_exceeded_models). Admins are exempt.',
  },
  {
    name: 'QUOTA_DRAFTS_PER_USER',
    default: '20',
    description: 'Most draft versions one user may have across their models (429 quota_exceeded_drafts).',
  },
  {
    name: 'QUOTA_UPLOADS_IN_FLIGHT_PER_USER',
    default: '2',
    description: 'Package uploads of one user being processed at the same time (429 quota_exceeded_uploads).',
  },
  {
    name: 'QUOTA_QUEUED_BACKTESTS_PER_USER',
    default: '5',
    description: 'Backtests of one user queued or running at the same time (429 quota_exceeded_backtests).',
  },
  {
    name: 'ARTIFACT_GC_GRACE_SECONDS',
    default: '86400',
    description:
      'Stored packages that no version references are deleted once they are older than this (never one just uploaded).',
  },
  {
    name: 'ARTIFACT_GC_INTERVAL_SECONDS',
    default: '3600',
    description: 'How often a worker sweeps unreferenced stored packages; 0 turns the sweep off.',
  },
  {
    name: 'LEDGER_SIGNING_KEY_FILE',
    default: '<SEER_KEYS_DIR>/ledger-signing.pem',
    description:
      'Ed25519 private key (PKCS#8 PEM) the workers sign ledger checkpoints with; generated when missing and SEER_GENERATE_KEYS allows. Only worker processes read it; the API serves the public key the workers register.',
  },
  {
    name: 'LEDGER_CHECKPOINT_INTERVAL_SECONDS',
    default: '3600',
    description: 'How often a worker signs a checkpoint of every chain head that moved; 0 turns signing off.',
  },
  {
    name: 'DATABASE_CA_FILE',
    default: undefined,
    description:
      'PEM file of the CA that signed the PostgreSQL server certificate; used with sslmode=verify-full (chain and host name) or verify-ca (chain only) in DATABASE_URL / MODEL_READER_DATABASE_URL. Wins over sslrootcert= in the URL. Unset with verify-full: the system CAs.',
  },
  {
    name: 'DATABASE_ALLOW_PLAINTEXT',
    default: 'false',
    description:
      'Production refuses a PostgreSQL URL without sslmode=require/verify-ca/verify-full to a host that is not local (localhost, 127.0.0.0/8, ::1, a Unix socket). true accepts plain text anyway.',
  },
  {
    name: 'REDIS_CA_FILE',
    default: undefined,
    description:
      'PEM file of the CA that signed the Redis server certificate, for a rediss:// REDIS_URL (the host name is verified too). Unset: the system CAs.',
  },
  {
    name: 'REDIS_ALLOW_PLAINTEXT',
    default: 'false',
    description:
      'Production refuses a redis:// REDIS_URL to a host that is not local (use rediss://). true accepts plain text anyway.',
  },
  {
    name: 'SEER_MASTER_KEY',
    default: undefined,
    description:
      'Master key that wraps the data keys of stored packages and the private key files (base64 of 32 bytes; `seerd keys generate-master`). Several, comma-separated, during a rotation: the first wraps, all unwrap. Required in production (this or SEER_MASTER_KEY_FILE); outside production one is generated as <SEER_KEYS_DIR>/master.key. Lost = every stored package and sealed key lost.',
  },
  {
    name: 'SEER_MASTER_KEY_FILE',
    default: undefined,
    description:
      'File (a mounted secret) holding the master key(s), one base64 key per line, first wraps. Used when SEER_MASTER_KEY is unset.',
  },
  {
    name: 'WEBHOOKS_ALLOW_PRIVATE',
    default: 'false',
    description:
      'true lets every webhook URL reach private, loopback, link-local, unique-local addresses (tests, on-premises receivers). Otherwise only an admin allowance per user does.',
  },
  {
    name: 'WEBHOOKS_SECRET_KEY',
    default: undefined,
    description:
      'Deprecated; read for one more release. Webhook signing secrets are now sealed under the master key (SEER_MASTER_KEY). Set only while rows sealed under it by an earlier release remain: workers open them with it (unset: the public development key), new secrets never use it, and `seerd keys encrypt-existing` reseals them under the master key, after which it can go.',
  },
  { name: 'WEBHOOKS_TIMEOUT_MS', default: '10000', description: 'Timeout of one webhook delivery attempt.' },
];

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

/**
 * Secrets that may instead be given as `<NAME>_FILE`, the path of a file holding the value (Docker
 * and Kubernetes secrets are files; a value in the environment shows in `docker inspect` and /proc).
 */
export const FILE_SECRET_VARIABLES: readonly string[] = [
  'DATABASE_URL',
  'MODEL_READER_DATABASE_URL',
  'MIGRATION_DATABASE_URL',
  'REDIS_URL',
  'METRICS_TOKEN',
  'BILLING_MOCK_WEBHOOK_SECRET',
  'STRIPE_SECRET_KEY',
  'STRIPE_WEBHOOK_SECRET',
  'WEBHOOKS_SECRET_KEY',
];

class Reader {
  readonly problems: string[] = [];
  constructor(private readonly env: Env) {}

  raw(name: string): string | undefined {
    const v = this.env[name];
    if ((v === undefined || v.trim() === '') && FILE_SECRET_VARIABLES.includes(name))
      return this.fromFile(name);
    return v === undefined || v.trim() === '' ? undefined : v.trim();
  }

  private readonly files = new Map<string, string | undefined>();

  private fromFile(name: string): string | undefined {
    // Read once: a variable may be consulted more than once, and a bad file is one problem.
    if (this.files.has(name)) return this.files.get(name);
    const v = this.readSecretFile(name);
    this.files.set(name, v);
    return v;
  }

  private readSecretFile(name: string): string | undefined {
    const file = this.env[`${name}_FILE`]?.trim();
    if (!file) return undefined;
    try {
      const v = readFileSync(file, 'utf8').trim();
      if (v === '') this.problems.push(`${name}_FILE names an empty file (${file})`);
      return v === '' ? undefined : v;
    } catch (err) {
      // The path is not secret; the value would be, and is never echoed.
      this.problems.push(
        `${name}_FILE cannot be read (${file}): ${(err as NodeJS.ErrnoException).code ?? 'error'}`,
      );
      return undefined;
    }
  }

  string(name: string, fallback: string): string {
    return this.raw(name) ?? fallback;
  }

  int(name: string, fallback: number, min: number, max: number): number {
    const v = this.raw(name);
    if (v === undefined) return fallback;
    if (!/^-?\d+$/.test(v)) {
      this.problems.push(`${name} must be an integer, got "${v}"`);
      return fallback;
    }
    const n = Number(v);
    if (n < min || n > max) this.problems.push(`${name} must be between ${min} and ${max}, got ${n}`);
    return n;
  }

  bool(name: string, fallback: boolean): boolean {
    const v = this.raw(name)?.toLowerCase();
    if (v === undefined) return fallback;
    if (['1', 'true', 'yes', 'on'].includes(v)) return true;
    if (['0', 'false', 'no', 'off'].includes(v)) return false;
    this.problems.push(`${name} must be true or false, got "${v}"`);
    return fallback;
  }

  oneOf<T extends string>(name: string, fallback: T, allowed: readonly T[]): T {
    const v = this.raw(name);
    if (v === undefined) return fallback;
    if (!(allowed as readonly string[]).includes(v)) {
      this.problems.push(`${name} must be one of ${allowed.join(', ')}, got "${v}"`);
      return fallback;
    }
    return v as T;
  }

  trustProxy(name: string): false | number | string[] {
    const v = this.raw(name);
    if (v === undefined || ['false', '0', 'no', 'off'].includes(v.toLowerCase())) return false;
    if (['true', 'yes', 'on'].includes(v.toLowerCase())) {
      this.problems.push(
        `${name}=true would trust the leftmost X-Forwarded-For, which the client writes; give the number of proxies in front (e.g. 1) or their addresses/CIDRs`,
      );
      return false;
    }
    if (/^\d+$/.test(v)) {
      const n = Number(v);
      if (n < 1 || n > 10) this.problems.push(`${name} hop count must be between 1 and 10, got ${n}`);
      return n;
    }
    const entries = v
      .split(',')
      .map((e) => e.trim())
      .filter(Boolean);
    for (const e of entries) {
      const [addr = '', prefix, extra] = e.split('/');
      const family = isIP(addr);
      const bits = family === 4 ? 32 : 128;
      const prefixOk = prefix === undefined || (/^\d{1,3}$/.test(prefix) && Number(prefix) <= bits);
      if (family === 0 || extra !== undefined || !prefixOk)
        this.problems.push(`${name} entry "${e}" must be an IP address or CIDR (10.0.0.0/8, fd00::/8)`);
    }
    return entries;
  }

  moduleList(name: string, fallback: string[]): string[] {
    const v = this.env[name];
    if (v === undefined) return fallback;
    const mods = v
      .split(',')
      .map((m) => m.trim())
      .filter(Boolean);
    for (const m of mods) {
      if (!/^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/.test(m)) {
        this.problems.push(`${name} entry "${m}" is not a Python module name`);
      }
    }
    return mods;
  }

  url(name: string, protocols: string[]): string | undefined {
    const v = this.raw(name);
    if (v === undefined) return undefined;
    try {
      const u = new URL(v);
      if (!protocols.includes(u.protocol)) {
        this.problems.push(`${name} must use ${protocols.join(' or ')}, got "${u.protocol}"`);
      }
    } catch {
      // Never echo the value: URLs carry passwords.
      this.problems.push(`${name} is not a valid URL`);
    }
    return v;
  }
}

export function loadConfig(env: Env = process.env, cwd = process.cwd()): Readonly<Config> {
  const r = new Reader(env);
  const nodeEnv = r.oneOf<Environment>('NODE_ENV', 'development', ['development', 'test', 'production']);
  const port = r.int('PORT', 8080, 0, 65535);
  const dataDir = path.resolve(cwd, r.string('SEER_DATA_DIR', './data'));
  const production = nodeEnv === 'production';
  const corsOrigins = r
    .string('CORS_ORIGINS', '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  for (const origin of corsOrigins) {
    if (origin === '*')
      r.problems.push('CORS_ORIGINS must list origins explicitly; "*" is not allowed with credentials');
    else if (!/^https?:\/\/[^/]+$/.test(origin))
      r.problems.push(`CORS_ORIGINS entry "${origin}" must look like https://host[:port]`);
  }
  const databaseUrl = r.url('DATABASE_URL', ['postgres:', 'postgresql:']);
  const demo = r.bool('SEER_DEMO', false);
  const generateKeys = r.bool('SEER_GENERATE_KEYS', !production);
  if (production && demo)
    r.problems.push(
      'SEER_DEMO cannot be enabled when NODE_ENV=production (the replay clock would fabricate a live record)',
    );
  const replayStartText = r.raw('SEER_REPLAY_START');
  let replayStart: Date | undefined;
  if (replayStartText !== undefined) {
    replayStart = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|\+00:00)$/.test(replayStartText)
      ? new Date(replayStartText)
      : undefined;
    if (!replayStart || !Number.isFinite(replayStart.getTime()))
      r.problems.push(
        `SEER_REPLAY_START must be an ISO 8601 UTC instant like 1999-01-04T00:00:00Z, got "${replayStartText}"`,
      );
    else if (production || !demo)
      r.problems.push(
        'SEER_REPLAY_START needs SEER_DEMO=true and is refused when NODE_ENV=production (a replayed record is not a live one)',
      );
  }
  if (production && !databaseUrl)
    r.problems.push(
      'DATABASE_URL is required when NODE_ENV=production (the embedded database is for single-user trials)',
    );

  const config: Config = {
    env: nodeEnv,
    port,
    host: r.string('HOST', '127.0.0.1'),
    logLevel: r.oneOf<LogLevel>('LOG_LEVEL', nodeEnv === 'test' ? 'silent' : 'info', [
      'fatal',
      'error',
      'warn',
      'info',
      'debug',
      'trace',
      'silent',
    ]),
    databaseUrl,
    modelReaderDatabaseUrl: r.url('MODEL_READER_DATABASE_URL', ['postgres:', 'postgresql:']),
    databasePoolMax: r.int('DATABASE_POOL_MAX', 10, 1, 500),
    redisUrl: r.url('REDIS_URL', ['redis:', 'rediss:']),
    dataDir,
    artifactDir: path.resolve(cwd, r.string('ARTIFACT_DIR', path.join(dataDir, 'artifacts'))),
    keysDir: path.resolve(cwd, r.string('SEER_KEYS_DIR', path.join(dataDir, 'keys'))),
    generateKeys,
    corsOrigins,
    publicUrl: r.url('PUBLIC_URL', ['http:', 'https:']) ?? `http://localhost:${port}`,
    accessTokenTtlSeconds: r.int('ACCESS_TOKEN_TTL_SECONDS', 900, 60, 3600),
    refreshTokenTtlSeconds: r.int('REFRESH_TOKEN_TTL_SECONDS', 30 * 24 * 3600, 3600, 90 * 24 * 3600),
    bodyLimitBytes: r.int('BODY_LIMIT_BYTES', 1024 * 1024, 1024, 64 * 1024 * 1024),
    trustProxy: r.trustProxy('TRUST_PROXY'),
    loginMaxAttemptsPerAccount: r.int('LOGIN_MAX_ATTEMPTS_PER_ACCOUNT', 5, 1, 1000),
    loginMaxAttemptsPerIp: r.int('LOGIN_MAX_ATTEMPTS_PER_IP', 20, 1, 100000),
    loginWindowSeconds: r.int('LOGIN_WINDOW_SECONDS', 900, 1, 86400),
    argon2MemoryKib: r.int('ARGON2_MEMORY_KIB', 19456, 64, 4 * 1024 * 1024),
    argon2TimeCost: r.int('ARGON2_TIME_COST', 2, 1, 20),
    demo,
    replayStart,
    replayMsPerSimHour: r.int('SEER_REPLAY_MS_PER_HOUR', 1000, 1, 3_600_000),
    packageMaxBytes: r.int('PACKAGE_MAX_BYTES', 100 * 1024 * 1024, 1024, 4 * 1024 * 1024 * 1024),
    packageMaxUnpackedBytes: r.int(
      'PACKAGE_MAX_UNPACKED_BYTES',
      256 * 1024 * 1024,
      1024,
      16 * 1024 * 1024 * 1024,
    ),
    packageMaxFiles: r.int('PACKAGE_MAX_FILES', 2000, 1, 100_000),
    runGraceSeconds: r.int('RUN_GRACE_SECONDS', 300, 1, 3599),
    workerConcurrency: r.int('WORKER_CONCURRENCY', 2, 1, 256),
    metricsHost: r.string('METRICS_HOST', '127.0.0.1'),
    metricsPort: r.raw('METRICS_PORT') === undefined ? undefined : r.int('METRICS_PORT', 0, 0, 65535),
    sandboxPreimport: r.moduleList('SANDBOX_PREIMPORT', [
      'sklearn.linear_model',
      'sklearn.ensemble',
      'scipy.stats',
      'statsmodels.api',
    ]),
    runLeaseSeconds: r.int('RUN_LEASE_SECONDS', 30, 5, 3600),
    backtestMaxBoundaries: r.int('BACKTEST_MAX_BOUNDARIES', 2000, 1, 100_000),
    refreshTokenFamilyMaxSeconds: r.int(
      'REFRESH_TOKEN_FAMILY_MAX_SECONDS',
      90 * 24 * 3600,
      3600,
      365 * 24 * 3600,
    ),
    ...billingConfig(r, production),
    sandboxUidRange: uidRange(r, 'SANDBOX_UID_RANGE', '2000000000-2000004095'),
    sandboxAllowNoCgroups: r.bool('SANDBOX_ALLOW_NO_CGROUPS', false),
    embeddedDb: r.oneOf('SEER_EMBEDDED_DB', 'postgres', ['postgres', 'pglite'] as const),
    postgresBinDir: r.raw('SEER_POSTGRES_BIN')
      ? path.resolve(cwd, r.string('SEER_POSTGRES_BIN', ''))
      : undefined,
    postgresUser: r.string('SEER_POSTGRES_USER', 'postgres'),
    allowPlainHttp: r.bool('ALLOW_PLAIN_HTTP', false),
    metricsToken: r.raw('METRICS_TOKEN'),
    demoPassword: r.raw('SEER_DEMO_PASSWORD'),
    migrationDatabaseUrl: r.url('MIGRATION_DATABASE_URL', ['postgres:', 'postgresql:']),
    workerLiveReservedSlots: r.int('WORKER_LIVE_RESERVED_SLOTS', 1, 0, 255),
    deployCheckConcurrency: r.int('DEPLOY_CHECK_CONCURRENCY', 1, 1, 64),
    backtestConcurrency: r.int('BACKTEST_CONCURRENCY', 2, 1, 64),
    backtestUserConcurrency: r.int('BACKTEST_USER_CONCURRENCY', 1, 1, 64),
    quotaModelsPerUser: r.int('QUOTA_MODELS_PER_USER', 50, 1, 1_000_000),
    quotaDraftsPerUser: r.int('QUOTA_DRAFTS_PER_USER', 20, 1, 1_000_000),
    quotaUploadsInFlightPerUser: r.int('QUOTA_UPLOADS_IN_FLIGHT_PER_USER', 2, 1, 1000),
    quotaQueuedBacktestsPerUser: r.int('QUOTA_QUEUED_BACKTESTS_PER_USER', 5, 1, 1_000_000),
    artifactGcGraceSeconds: r.int('ARTIFACT_GC_GRACE_SECONDS', 86_400, 60, 365 * 86_400),
    artifactGcIntervalSeconds: r.int('ARTIFACT_GC_INTERVAL_SECONDS', 3600, 0, 7 * 86_400),
    ledgerSigningKeyFile: path.resolve(
      cwd,
      r.string(
        'LEDGER_SIGNING_KEY_FILE',
        path.join(r.string('SEER_KEYS_DIR', path.join(dataDir, 'keys')), 'ledger-signing.pem'),
      ),
    ),
    ledgerCheckpointIntervalSeconds: r.int('LEDGER_CHECKPOINT_INTERVAL_SECONDS', 3600, 0, 3600),
    ...transportConfig(r, production),
    masterKey: r.raw('SEER_MASTER_KEY'),
    masterKeyFile: r.raw('SEER_MASTER_KEY_FILE')
      ? path.resolve(cwd, r.string('SEER_MASTER_KEY_FILE', ''))
      : undefined,
    webhooksAllowPrivate: r.bool('WEBHOOKS_ALLOW_PRIVATE', false),
    webhooksSecretKey: r.raw('WEBHOOKS_SECRET_KEY'),
    webhooksTimeoutMs: r.int('WEBHOOKS_TIMEOUT_MS', 10_000, 100, 120_000),
  };
  if (config.sandboxUidRange.count < config.workerConcurrency + 1)
    r.problems.push(
      `SANDBOX_UID_RANGE must hold at least WORKER_CONCURRENCY + 1 = ${config.workerConcurrency + 1} uids`,
    );
  if (config.masterKey !== undefined) {
    try {
      parseMasterKeys(config.masterKey, 'SEER_MASTER_KEY');
    } catch (err) {
      r.problems.push((err as Error).message);
    }
  }
  if (production && config.masterKey === undefined && config.masterKeyFile === undefined)
    r.problems.push(
      'SEER_MASTER_KEY or SEER_MASTER_KEY_FILE is required when NODE_ENV=production (packages and private keys are encrypted at rest under it; see docs/OPERATIONS.md, "Master key")',
    );
  if (production && generateKeys)
    r.problems.push(
      'SEER_GENERATE_KEYS=true is refused when NODE_ENV=production: provision the signing keys into SEER_KEYS_DIR',
    );
  if (production && !config.allowPlainHttp) {
    if (!config.publicUrl.startsWith('https:'))
      r.problems.push(
        'PUBLIC_URL must be an https:// URL when NODE_ENV=production (plain http turns HSTS off and sends tokens in clear); set ALLOW_PLAIN_HTTP=true to accept it',
      );
    for (const origin of corsOrigins)
      if (origin.startsWith('http:'))
        r.problems.push(
          `CORS_ORIGINS entry "${origin}" is plain http, refused when NODE_ENV=production; set ALLOW_PLAIN_HTTP=true to accept it`,
        );
  }
  if (config.migrationDatabaseUrl && !config.databaseUrl)
    r.problems.push('MIGRATION_DATABASE_URL needs DATABASE_URL (the runtime login) as well');
  if (config.metricsToken !== undefined && config.metricsToken.length < 32)
    r.problems.push('METRICS_TOKEN must be at least 32 characters');
  if (production && (config.argon2MemoryKib < 19456 || config.argon2TimeCost < 2))
    r.problems.push(
      'ARGON2_MEMORY_KIB and ARGON2_TIME_COST must be at least 19456 and 2 in production (OWASP)',
    );
  if (r.problems.length > 0) throw new ConfigError(r.problems);
  return Object.freeze(config);
}

type TransportConfig = Pick<
  Config,
  'databaseCaFile' | 'databaseAllowPlaintext' | 'redisCaFile' | 'redisAllowPlaintext'
>;

/** TLS settings of the PostgreSQL and Redis connections, and production's refusal of plain text. */
function transportConfig(r: Reader, production: boolean): TransportConfig {
  const t: TransportConfig = {
    databaseCaFile: r.raw('DATABASE_CA_FILE'),
    databaseAllowPlaintext: r.bool('DATABASE_ALLOW_PLAINTEXT', false),
    redisCaFile: r.raw('REDIS_CA_FILE'),
    redisAllowPlaintext: r.bool('REDIS_ALLOW_PLAINTEXT', false),
  };
  for (const name of ['DATABASE_URL', 'MODEL_READER_DATABASE_URL']) {
    const url = r.raw(name);
    if (url === undefined || !URL.canParse(url)) continue;
    try {
      pgTransport(url);
    } catch (err) {
      r.problems.push(`${name}: ${(err as Error).message}`);
      continue;
    }
    const p = production
      ? plaintextProblem(name, url, 'pg', 'DATABASE_ALLOW_PLAINTEXT', t.databaseAllowPlaintext)
      : undefined;
    if (p) r.problems.push(p);
  }
  const redisUrl = r.raw('REDIS_URL');
  if (production && redisUrl !== undefined && URL.canParse(redisUrl)) {
    const p = plaintextProblem(
      'REDIS_URL',
      redisUrl,
      'redis',
      'REDIS_ALLOW_PLAINTEXT',
      t.redisAllowPlaintext,
    );
    if (p) r.problems.push(p);
  }
  return t;
}

type BillingConfig = Pick<
  Config,
  | 'billingProvider'
  | 'billingPlatformFeePercent'
  | 'billingGraceDays'
  | 'billingRetryHours'
  | 'billingMockWebhookSecret'
  | 'stripeSecretKey'
  | 'stripeWebhookSecret'
>;

function billingConfig(r: Reader, production: boolean): BillingConfig {
  const billingProvider = r.oneOf<'mock' | 'stripe'>('BILLING_PROVIDER', 'mock', ['mock', 'stripe']);
  const billingGraceDays = r.int('BILLING_GRACE_DAYS', 7, 1, 60);
  const retryText = r.string('BILLING_RETRY_HOURS', '24,72,120');
  const billingRetryHours = retryText.split(',').map((h) => Number(h.trim()));
  if (
    billingRetryHours.some(
      (h, i) => !Number.isInteger(h) || h < 1 || (i > 0 && h <= (billingRetryHours[i - 1] as number)),
    ) ||
    billingRetryHours.length > 20
  )
    r.problems.push(`BILLING_RETRY_HOURS must be increasing whole hours like 24,72,120, got "${retryText}"`);
  else if ((billingRetryHours[billingRetryHours.length - 1] as number) >= billingGraceDays * 24)
    r.problems.push('BILLING_RETRY_HOURS must all fall inside BILLING_GRACE_DAYS');
  const stripeSecretKey = r.raw('STRIPE_SECRET_KEY');
  const stripeWebhookSecret = r.raw('STRIPE_WEBHOOK_SECRET');
  if (billingProvider === 'stripe' && (!stripeSecretKey || !stripeWebhookSecret))
    r.problems.push('BILLING_PROVIDER=stripe needs STRIPE_SECRET_KEY and STRIPE_WEBHOOK_SECRET');
  const billingMockWebhookSecret = r.string('BILLING_MOCK_WEBHOOK_SECRET', 'seer-mock-webhook-secret');
  if (billingMockWebhookSecret.length < 16)
    r.problems.push('BILLING_MOCK_WEBHOOK_SECRET must be at least 16 characters');
  // The default secret is in the source: in production anyone could sign a "payment succeeded".
  if (production && billingProvider === 'mock' && r.raw('BILLING_MOCK_WEBHOOK_SECRET') === undefined)
    r.problems.push(
      'BILLING_MOCK_WEBHOOK_SECRET must be set when NODE_ENV=production and BILLING_PROVIDER=mock (the default secret is public)',
    );
  return {
    billingProvider,
    billingPlatformFeePercent: r.int('BILLING_PLATFORM_FEE_PERCENT', 20, 0, 100),
    billingGraceDays,
    billingRetryHours,
    billingMockWebhookSecret,
    stripeSecretKey,
    stripeWebhookSecret,
  };
}

function uidRange(r: Reader, name: string, fallback: string): { first: number; count: number } {
  const text = r.string(name, fallback);
  const m = /^\s*(\d+)\s*-\s*(\d+)\s*$/.exec(text);
  const first = Number(m?.[1]);
  const last = Number(m?.[2]);
  if (!m || first < 1 || last < first || last > 2_147_483_646) {
    r.problems.push(`${name} must be FIRST-LAST with 1 <= FIRST <= LAST < 2147483647, got "${text}"`);
    return { first: 2_000_000_000, count: 4096 };
  }
  return { first, count: last - first + 1 };
}

/** A config for tests: defaults plus overrides, never reading the real environment. */
export function testConfig(overrides: Partial<Config> = {}): Readonly<Config> {
  // Cheap password hashing keeps suites fast; keys go to a temp folder, not the repo's ./data.
  return Object.freeze({
    ...loadConfig({ NODE_ENV: 'test' }),
    argon2MemoryKib: 256,
    argon2TimeCost: 1,
    keysDir: path.join(os.tmpdir(), 'seer-test-keys'),
    ledgerSigningKeyFile: path.join(os.tmpdir(), 'seer-test-keys', 'ledger-signing.pem'),
    ...overrides,
  });
}
