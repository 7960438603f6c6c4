/**
 * Subscriber webhooks: endpoints (one URL per user and model, owner-only), fan-out of each stored
 * live run to the endpoints of its model, and delivery of one signed POST per attempt through the
 * `webhooks` queue (retried with the queue's exponential backoff up to its attempt cap). The API
 * uses the management half; workers fan out and deliver. docs/API.md, Webhooks; docs/SECURITY.md.
 */
import { randomUUID } from 'node:crypto';
import { lookup } from 'node:dns/promises';
import type { Principal } from '../accounts/principal';
import type { Role } from '../accounts/roles';
import type { Entitlements } from '../billing/entitlements';
import type { MasterKeyring } from '../crypto/master-keys';
import type { Db } from '../db/db';
import { AppError, notFound, registerErrorCodes } from '../errors';
import type { JobQueues } from '../queue/queue';
import { UnrecoverableJobError } from '../queue/queue';
import { postPinned } from './post';
import { openWebhookSecret, sealWebhookSecret } from './secret-box';
import { newWebhookSecret, SIGNATURE_HEADER, signatureHeader } from './signature';
import { parseWebhookUrl, type Resolver, resolveVetted, WebhookTargetRefused } from './ssrf';
import { type AttemptRow, createWebhooksRepo, type EndpointRow } from './webhooks.repo';

registerErrorCodes({ webhook_url_refused: 422, webhook_limit_reached: 409 });

export const MAX_ENDPOINTS_PER_USER = 20;

export interface WebhookEndpoint {
  id: string;
  model: string;
  url: string;
  createdAt: string;
}

export interface WebhookAttempt {
  deliveryId: string;
  runId: string;
  deliveryStatus: AttemptRow['delivery_status'];
  attempt: number;
  statusCode: number | null;
  latencyMs: number | null;
  error: string | null;
  responseExcerpt: string | null;
  attemptedAt: string;
}

export interface WebhooksDeps {
  db: Db;
  entitlements: Pick<Entitlements, 'canReadPredictions'>;
  /** WEBHOOKS_ALLOW_PRIVATE: every endpoint may reach private addresses. */
  allowPrivate: boolean;
  /** The master keys: new signing secrets are sealed under the active one (undefined: none, no new endpoints). */
  masterKeys: MasterKeyring | undefined;
  /** WEBHOOKS_SECRET_KEY, deprecated: opens secrets sealed by earlier releases only (see secret-box.ts). */
  legacySecretKey: string | undefined;
  timeoutMs: number;
  /** Workers only: where deliveries are queued. */
  queues?: Pick<JobQueues, 'enqueue' | 'retry'>;
  /** DNS; every address is vetted. Default: the system resolver, all addresses. */
  resolve?: Resolver;
  /** Wall clock for signature timestamps (receivers compare with real time). */
  now?: () => Date;
  log?: (msg: string, fields?: Record<string, unknown>) => void;
}

const systemResolve: Resolver = async (host) =>
  (await lookup(host, { all: true, verbatim: true })).map((a) => ({
    address: a.address,
    family: a.family === 6 ? 6 : 4,
  }));

const view = (e: EndpointRow): WebhookEndpoint => ({
  id: e.id,
  model: e.model_slug,
  url: e.url,
  createdAt: e.created_at.toISOString(),
});

export function createWebhooksService(deps: WebhooksDeps) {
  const repo = createWebhooksRepo(deps.db);
  const secretKeys = { ring: deps.masterKeys, legacyKey: deps.legacySecretKey };
  const resolve = deps.resolve ?? systemResolve;
  const now = deps.now ?? (() => new Date());

  const allowPrivateFor = async (userId: string) => deps.allowPrivate || (await repo.privateAllowed(userId));

  /** An endpoint of this user, or 404 (someone else's endpoint does not exist for them). */
  async function own(userId: string, id: string): Promise<EndpointRow> {
    const e = await repo.findLive(id);
    if (!e || e.user_id !== userId) throw notFound('webhook');
    return e;
  }

  /** The owner of an endpoint, as the entitlement function sees a logged-in user. */
  async function ownerPrincipal(userId: string) {
    const roles = await repo.userRoles(userId);
    if (!roles) return null;
    return { userId, roles: roles as Role[], via: 'jwt' as const, scopes: null };
  }

  return {
    async create(o: {
      principal: Principal;
      model: string;
      url: string;
    }): Promise<WebhookEndpoint & { secret: string }> {
      const model = await repo.modelBySlug(o.model);
      if (!model) throw notFound('model');
      if (!(await deps.entitlements.canReadPredictions(o.principal, model)))
        throw new AppError('forbidden', {
          detail: 'Webhooks are for callers entitled to this model’s predictions (subscribers, the owner)',
        });
      const allowPrivate = await allowPrivateFor(o.principal.userId);
      let url: URL;
      try {
        url = parseWebhookUrl(o.url, { allowPrivate });
        await resolveVetted(url, { allowPrivate, resolve });
      } catch (err) {
        if (err instanceof WebhookTargetRefused)
          throw new AppError('webhook_url_refused', {
            detail: err.message,
            errors: [{ field: '/url', message: err.message }],
          });
        throw err;
      }
      if ((await repo.countLive(o.principal.userId)) >= MAX_ENDPOINTS_PER_USER)
        throw new AppError('webhook_limit_reached', {
          detail: `At most ${MAX_ENDPOINTS_PER_USER} webhook endpoints per account`,
        });
      const secret = newWebhookSecret();
      const id = randomUUID();
      const row = await repo.insertEndpoint({
        id,
        userId: o.principal.userId,
        modelId: model.id,
        url: url.toString(),
        secret: sealWebhookSecret(id, secret, deps.masterKeys),
      });
      return { ...view(row), secret };
    },

    async list(userId: string): Promise<WebhookEndpoint[]> {
      return (await repo.listByUser(userId)).map(view);
    },

    async get(userId: string, id: string): Promise<WebhookEndpoint> {
      return view(await own(userId, id));
    },

    async remove(userId: string, id: string): Promise<void> {
      await own(userId, id);
      await repo.softDelete(id);
    },

    async deliveries(userId: string, id: string, limit = 100): Promise<WebhookAttempt[]> {
      await own(userId, id);
      return (await repo.attempts(id, limit)).map((a) => ({
        deliveryId: a.delivery_id,
        runId: a.run_id,
        deliveryStatus: a.delivery_status,
        attempt: a.attempt,
        statusCode: a.status_code,
        latencyMs: a.latency_ms,
        error: a.error,
        responseExcerpt: a.response_excerpt,
        attemptedAt: a.attempted_at.toISOString(),
      }));
    },

    /** Admin: let (or stop letting) a user's endpoints reach private addresses. */
    async setPrivateAllowance(o: { adminId: string; userId: string; allow: boolean }): Promise<void> {
      if (!(await repo.userExists(o.userId))) throw notFound('user');
      await repo.setPrivateAllowed(o.userId, o.adminId, o.allow);
    },

    /**
     * After a live run's predictions are stored: one delivery per endpoint of the model whose owner
     * is still entitled, queued (job id = delivery id). Idempotent per (endpoint, run).
     */
    async fanOut(runId: string): Promise<number> {
      if (!deps.queues) throw new Error('webhooks: fanOut needs queues');
      const payload = await repo.runPayload(runId);
      if (!payload || payload.run.mode !== 'live' || payload.predictions.length === 0) return 0;
      let n = 0;
      for (const e of await repo.liveEndpointsOfModel(payload.run.model_id)) {
        const p = await ownerPrincipal(e.user_id);
        if (
          !p ||
          !(await deps.entitlements.canReadPredictions(p, { id: e.model_id, ownerId: e.model_owner_id }))
        )
          continue;
        const d = await repo.upsertDelivery(e.id, runId);
        if (d.status !== 'pending') continue;
        await deps.queues.enqueue('webhooks', d.id, { deliveryId: d.id });
        n++;
      }
      return n;
    },

    /**
     * One delivery attempt. Throws to be retried (non-2xx, network error, timeout) until the
     * queue's last attempt; refused targets and lost entitlement end the delivery at once.
     */
    async deliver(
      deliveryId: string,
      attempt: number,
    ): Promise<'succeeded' | 'failed' | 'skipped' | 'retry' | 'done'> {
      const lastAttempt = attempt >= (deps.queues?.retry.attempts ?? 1);
      const d = await repo.findDelivery(deliveryId);
      if (!d || d.status !== 'pending') return 'done';
      const e = await repo.findLive(d.endpoint_id);
      if (!e) {
        await repo.finishWithoutAttempt(d.id, 'skipped');
        return 'skipped';
      }
      const p = await ownerPrincipal(e.user_id);
      if (
        !p ||
        !(await deps.entitlements.canReadPredictions(p, { id: e.model_id, ownerId: e.model_owner_id }))
      ) {
        await repo.recordAttempt({
          deliveryId: d.id,
          attempt,
          statusCode: null,
          latencyMs: null,
          error: 'not sent: the subscriber is no longer entitled to this model',
          responseExcerpt: null,
          status: 'skipped',
        });
        return 'skipped';
      }
      const payload = await repo.runPayload(d.run_id);
      if (!payload) {
        await repo.finishWithoutAttempt(d.id, 'failed');
        return 'failed';
      }
      const body = JSON.stringify({
        id: d.id,
        type: 'predictions.created',
        model: payload.run.model_slug,
        version: payload.run.version,
        run: { id: payload.run.id, mode: payload.run.mode, asOf: payload.run.as_of.toISOString() },
        predictions: payload.predictions.map((x) => ({
          seq: Number(x.seq),
          symbol: x.symbol,
          asOf: x.as_of.toISOString(),
          horizon: x.horizon,
          target: x.target,
          value: x.value,
          confidence: x.confidence,
          createdAt: x.created_at.toISOString(),
          hash: x.hash,
        })),
      });
      const allowPrivate = await allowPrivateFor(e.user_id);
      let url: URL;
      let target: Awaited<ReturnType<typeof resolveVetted>>;
      try {
        // Vetted again at delivery time: the name may resolve elsewhere now (DNS rebinding).
        url = parseWebhookUrl(e.url, { allowPrivate });
        target = await resolveVetted(url, { allowPrivate, resolve });
      } catch (err) {
        const refused = err instanceof WebhookTargetRefused;
        const message = refused ? `refused: ${err.message}` : `cannot resolve: ${(err as Error).message}`;
        const final = refused || lastAttempt;
        await repo.recordAttempt({
          deliveryId: d.id,
          attempt,
          statusCode: null,
          latencyMs: null,
          error: message.slice(0, 500),
          responseExcerpt: null,
          status: final ? 'failed' : 'pending',
        });
        if (refused && (err as WebhookTargetRefused).verdict !== 'unresolvable')
          throw new UnrecoverableJobError(message);
        if (final) return 'failed';
        throw new Error(message);
      }
      // A key problem throws (MasterKeyError / WebhookSecretError): the queue retries, and an
      // operator who configures the missing key gets the delivery out.
      const secret = openWebhookSecret(
        { id: e.id, secretBox: e.secret_box, masterKid: e.master_kid },
        secretKeys,
      );
      const t = Math.floor(now().getTime() / 1000);
      const r = await postPinned({
        url,
        target,
        body,
        timeoutMs: deps.timeoutMs,
        headers: {
          [SIGNATURE_HEADER]: signatureHeader(secret, t, body),
          'seer-timestamp': String(t),
          'seer-delivery': d.id,
          'seer-event': 'predictions.created',
        },
      });
      const ok = r.statusCode !== null && r.statusCode >= 200 && r.statusCode < 300;
      const error = ok
        ? null
        : (r.error ??
          (r.statusCode !== null && r.statusCode >= 300 && r.statusCode < 400
            ? `HTTP ${r.statusCode} (redirects are not followed)`
            : `HTTP ${r.statusCode}`));
      await repo.recordAttempt({
        deliveryId: d.id,
        attempt,
        statusCode: r.statusCode,
        latencyMs: r.latencyMs,
        error,
        responseExcerpt: r.excerpt,
        status: ok ? 'succeeded' : lastAttempt ? 'failed' : 'pending',
      });
      if (ok) return 'succeeded';
      if (lastAttempt) return 'failed';
      throw new Error(`webhook delivery ${d.id} attempt ${attempt}: ${error}`);
    },
  };
}

export type WebhooksService = ReturnType<typeof createWebhooksService>;

/** Consumes the `webhooks` queue with the service's deliver(). */
export function startWebhookConsumer(o: {
  queues: Pick<JobQueues, 'consume'>;
  webhooks: Pick<WebhooksService, 'deliver'>;
  concurrency?: number;
}) {
  return o.queues.consume(
    'webhooks',
    async (job) => {
      await o.webhooks.deliver(job.data.deliveryId, job.attempt);
    },
    { concurrency: o.concurrency ?? 4 },
  );
}
