/** Names for the response and request shapes the screens use, all derived from the generated schema. */
import type { operations } from './schema';

type JsonOf<R> = R extends { content: { 'application/json': infer T } } ? T : never;
/** The JSON body of a successful response of an operation. */
export type Ok<
  Op extends keyof operations,
  C extends number = 200,
> = operations[Op]['responses'] extends infer R ? (C extends keyof R ? JsonOf<R[C]> : never) : never;
/** The JSON request body of an operation. */
export type Body<Op extends keyof operations> = operations[Op] extends {
  requestBody?: { content: { 'application/json': infer T } };
}
  ? T
  : never;

export type Meta = Ok<'getMeta'>;
export type Me = Ok<'getMe'>;
export type User = Ok<'register', 201>;
export type Role = Me['roles'][number];
export type Scope = Me['scopes'][number];
export type LoginResult = Ok<'login'>;
export type Model = Ok<'getModel'>;
export type ModelPage = Ok<'listModels'>;
export type Plan = NonNullable<Model['plan']>;
export type VersionSummary = Model['deployedVersions'][number];
export type Version = Ok<'getVersion'>;
export type Run = Ok<'listRuns'>['items'][number];
export type RunStatus = Run['status'];
export type Coverage = Ok<'getCoverage'>;
export type PredictionPage = Ok<'listPredictions'>;
export type Prediction = PredictionPage['items'][number];
export type LedgerVerification = Ok<'verifyLedger'>;
export type Backtest = Ok<'getBacktest'>;
export type ApiKey = Ok<'listApiKeys'>['items'][number];
export type CreatedApiKey = Ok<'createApiKey', 201>;
export type AdminUser = Ok<'adminListUsers'>['items'][number];
export type AuditEntry = Ok<'adminListAudit'>['items'][number];
export type Instrument = Ok<'listInstruments'>['items'][number];
export type InstrumentDetail = Ok<'getInstrument'>;
export type Bar = Ok<'listBars'>['bars'][number];
export type Interval = Bar extends never ? never : Ok<'listBars'>['interval'];
export type CatalogueQuery = NonNullable<operations['listModels']['parameters']['query']>;
export type Subscription = Ok<'getSubscription'>;
export type SubscriptionStatus = Subscription['status'];
export type Invoice = Ok<'listInvoices'>['items'][number];
export type Earnings = Ok<'getEarnings'>;
export type ModelMetrics = Ok<'modelMetrics'>;
export type VersionMetrics = ModelMetrics['versions'][number];
export type Metrics = VersionMetrics['metrics'];
export type Playback = Ok<'modelPlayback'>;
export type RecordMode = Playback['mode'];
export type Rerun = Ok<'getRerun'>;
