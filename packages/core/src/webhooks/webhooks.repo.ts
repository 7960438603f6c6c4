/** SQL of subscriber webhooks: endpoints, deliveries, attempts (the delivery log), allowances. */
import type { Db } from '../db/db';
import type { SealedWebhookSecret, StoredWebhookSecret } from './secret-box';

export interface EndpointRow {
  id: string;
  user_id: string;
  model_id: string;
  model_slug: string;
  model_owner_id: string;
  url: string;
  secret_box: string;
  /** The master key id the secret is wrapped under; null: the deprecated WEBHOOKS_SECRET_KEY. */
  master_kid: string | null;
  created_at: Date;
}

export interface DeliveryRow {
  id: string;
  endpoint_id: string;
  run_id: string;
  status: 'pending' | 'succeeded' | 'failed' | 'skipped';
  attempts: number;
  created_at: Date;
  finished_at: Date | null;
}

export interface AttemptRow {
  delivery_id: string;
  run_id: string;
  delivery_status: DeliveryRow['status'];
  attempt: number;
  status_code: number | null;
  latency_ms: number | null;
  error: string | null;
  response_excerpt: string | null;
  attempted_at: Date;
}

const ENDPOINT_COLS = `e.id, e.user_id, e.model_id, m.slug AS model_slug, m.owner_id AS model_owner_id, e.url, e.secret_box, e.master_kid, e.created_at`;

/** A run and its predictions as a webhook payload is built from them. */
export interface RunPayloadRows {
  run: { id: string; mode: string; as_of: Date; version: string; model_id: string; model_slug: string };
  predictions: Array<{
    seq: number;
    symbol: string;
    as_of: Date;
    horizon: string;
    target: string;
    value: number;
    confidence: number | null;
    created_at: Date;
    hash: string;
  }>;
}

export function createWebhooksRepo(db: Db) {
  return {
    async modelBySlug(slug: string): Promise<{ id: string; slug: string; ownerId: string } | undefined> {
      const { rows } = await db.query<{ id: string; slug: string; ownerId: string }>(
        'SELECT id, slug, owner_id AS "ownerId" FROM models WHERE slug = $1',
        [slug],
      );
      return rows[0];
    },

    async userRoles(userId: string): Promise<string[] | undefined> {
      const { rows } = await db.query<{ roles: string[] }>(
        'SELECT roles FROM users WHERE id = $1 AND disabled_at IS NULL',
        [userId],
      );
      return rows[0]?.roles;
    },

    /** `id` is chosen by the caller: the secret is sealed bound to it before the row exists. */
    async insertEndpoint(e: {
      id: string;
      userId: string;
      modelId: string;
      url: string;
      secret: SealedWebhookSecret;
    }): Promise<EndpointRow> {
      const { rows } = await db.query<EndpointRow>(
        `WITH e AS (INSERT INTO webhook_endpoints (id, user_id, model_id, url, secret_box, master_kid)
                    VALUES ($1, $2, $3, $4, $5, $6) RETURNING *)
         SELECT ${ENDPOINT_COLS} FROM e JOIN models m ON m.id = e.model_id`,
        [e.id, e.userId, e.modelId, e.url, e.secret.secretBox, e.secret.masterKid],
      );
      return rows[0] as EndpointRow;
    },

    /**
     * Rotation: how many secrets (deleted endpoints' too: nothing stays under a retired key) are
     * under `kid`, and every other one, legacy rows first.
     */
    async secretsByKid(kid: string): Promise<{ current: number; others: StoredWebhookSecret[] }> {
      const { rows } = await db.query<{ id: string; secret_box: string; master_kid: string | null }>(
        `SELECT id, secret_box, master_kid FROM webhook_endpoints WHERE master_kid IS DISTINCT FROM $1
          ORDER BY master_kid NULLS FIRST, id`,
        [kid],
      );
      const { rows: n } = await db.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM webhook_endpoints WHERE master_kid = $1',
        [kid],
      );
      return {
        current: n[0]?.n ?? 0,
        others: rows.map((r) => ({ id: r.id, secretBox: r.secret_box, masterKid: r.master_kid })),
      };
    },

    /** Replaces a sealed secret, only while the row is still as it was read (false otherwise). */
    async resealSecret(from: StoredWebhookSecret, to: SealedWebhookSecret): Promise<boolean> {
      const res = await db.query(
        `UPDATE webhook_endpoints SET secret_box = $2, master_kid = $3
          WHERE id = $1 AND secret_box = $4 RETURNING id`,
        [from.id, to.secretBox, to.masterKid, from.secretBox],
      );
      return res.rows.length > 0;
    },

    async countLive(userId: string): Promise<number> {
      const { rows } = await db.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM webhook_endpoints WHERE user_id = $1 AND deleted_at IS NULL',
        [userId],
      );
      return rows[0]?.n ?? 0;
    },

    async listByUser(userId: string): Promise<EndpointRow[]> {
      const { rows } = await db.query<EndpointRow>(
        `SELECT ${ENDPOINT_COLS} FROM webhook_endpoints e JOIN models m ON m.id = e.model_id
          WHERE e.user_id = $1 AND e.deleted_at IS NULL ORDER BY e.created_at, e.id`,
        [userId],
      );
      return rows;
    },

    async findLive(id: string): Promise<EndpointRow | undefined> {
      const { rows } = await db.query<EndpointRow>(
        `SELECT ${ENDPOINT_COLS} FROM webhook_endpoints e JOIN models m ON m.id = e.model_id
          WHERE e.id = $1 AND e.deleted_at IS NULL`,
        [id],
      );
      return rows[0];
    },

    async softDelete(id: string): Promise<void> {
      await db.query('UPDATE webhook_endpoints SET deleted_at = now() WHERE id = $1 AND deleted_at IS NULL', [
        id,
      ]);
    },

    async liveEndpointsOfModel(modelId: string): Promise<EndpointRow[]> {
      const { rows } = await db.query<EndpointRow>(
        `SELECT ${ENDPOINT_COLS} FROM webhook_endpoints e JOIN models m ON m.id = e.model_id
          WHERE e.model_id = $1 AND e.deleted_at IS NULL`,
        [modelId],
      );
      return rows;
    },

    /** One delivery per (endpoint, run); an existing one is returned as is (fan-out is idempotent). */
    async upsertDelivery(endpointId: string, runId: string): Promise<DeliveryRow> {
      const { rows } = await db.query<DeliveryRow>(
        `INSERT INTO webhook_deliveries (endpoint_id, run_id) VALUES ($1, $2)
         ON CONFLICT (endpoint_id, run_id) DO UPDATE SET endpoint_id = EXCLUDED.endpoint_id
         RETURNING *`,
        [endpointId, runId],
      );
      return rows[0] as DeliveryRow;
    },

    async findDelivery(id: string): Promise<DeliveryRow | undefined> {
      const { rows } = await db.query<DeliveryRow>('SELECT * FROM webhook_deliveries WHERE id = $1', [id]);
      return rows[0];
    },

    async recordAttempt(a: {
      deliveryId: string;
      attempt: number;
      statusCode: number | null;
      latencyMs: number | null;
      error: string | null;
      responseExcerpt: string | null;
      /** The delivery's state after this attempt. */
      status: DeliveryRow['status'];
    }): Promise<void> {
      await db.query(
        `WITH a AS (
           INSERT INTO webhook_attempts (delivery_id, attempt, status_code, latency_ms, error, response_excerpt)
           VALUES ($1, $2, $3, $4, $5, $6))
         UPDATE webhook_deliveries SET attempts = GREATEST(attempts, $2), status = $7,
                finished_at = CASE WHEN $7 = 'pending' THEN NULL ELSE now() END
          WHERE id = $1`,
        [a.deliveryId, a.attempt, a.statusCode, a.latencyMs, a.error, a.responseExcerpt, a.status],
      );
    },

    async finishWithoutAttempt(id: string, status: 'skipped' | 'failed'): Promise<void> {
      await db.query(`UPDATE webhook_deliveries SET status = $2, finished_at = now() WHERE id = $1`, [
        id,
        status,
      ]);
    },

    /** The delivery log of an endpoint, newest first: one row per HTTP attempt. */
    async attempts(endpointId: string, limit: number): Promise<AttemptRow[]> {
      const { rows } = await db.query<AttemptRow>(
        `SELECT d.id AS delivery_id, d.run_id, d.status AS delivery_status, a.attempt, a.status_code, a.latency_ms,
                a.error, a.response_excerpt, a.attempted_at
           FROM webhook_deliveries d JOIN webhook_attempts a ON a.delivery_id = d.id
          WHERE d.endpoint_id = $1
          ORDER BY a.id DESC LIMIT $2`,
        [endpointId, limit],
      );
      return rows;
    },

    /** The run and its predictions, for the payload. */
    async runPayload(runId: string): Promise<RunPayloadRows | undefined> {
      const { rows } = await db.query<RunPayloadRows['run']>(
        `SELECT r.id, r.mode, r.as_of, v.version, m.id AS model_id, m.slug AS model_slug
           FROM runs r JOIN model_versions v ON v.id = r.version_id JOIN models m ON m.id = v.model_id
          WHERE r.id = $1`,
        [runId],
      );
      const run = rows[0];
      if (!run) return undefined;
      const { rows: predictions } = await db.query<RunPayloadRows['predictions'][number]>(
        `SELECT seq, symbol, as_of, horizon, target, value, confidence, created_at, hash
           FROM predictions WHERE run_id = $1 ORDER BY seq`,
        [runId],
      );
      return { run, predictions };
    },

    async privateAllowed(userId: string): Promise<boolean> {
      const { rows } = await db.query('SELECT 1 FROM webhook_private_allowances WHERE user_id = $1', [
        userId,
      ]);
      return rows.length > 0;
    },

    async setPrivateAllowed(userId: string, allowedBy: string, allow: boolean): Promise<void> {
      if (allow)
        await db.query(
          `INSERT INTO webhook_private_allowances (user_id, allowed_by) VALUES ($1, $2)
           ON CONFLICT (user_id) DO UPDATE SET allowed_by = EXCLUDED.allowed_by, created_at = now()`,
          [userId, allowedBy],
        );
      else await db.query('DELETE FROM webhook_private_allowances WHERE user_id = $1', [userId]);
    },

    async userExists(userId: string): Promise<boolean> {
      const { rows } = await db.query('SELECT 1 FROM users WHERE id = $1', [userId]);
      return rows.length > 0;
    },
  };
}

export type WebhooksRepo = ReturnType<typeof createWebhooksRepo>;
