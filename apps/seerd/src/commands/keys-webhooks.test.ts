/**
 * Webhook signing secrets under the master key, through the real commands and PostgreSQL: a
 * webhook created before `seerd keys rotate` still delivers with a valid Seer-Signature under the
 * new key alone; a row sealed by an earlier release under WEBHOOKS_SECRET_KEY delivers while that
 * key is configured, and after `seerd keys encrypt-existing` it is sealed under the master key and
 * delivers without it. A missing or wrong key stops the delivery with the error naming the key.
 */
import { createCipheriv, randomBytes, randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createEntitlements } from '@seer/core/billing';
import { createMasterKeyring, type MasterKeyring, masterKeyId } from '@seer/core/crypto';
import { createTestDb, type TestDb } from '@seer/core/testing';
import { createWebhooksService, verifySignature } from '@seer/core/webhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeRun } from '../../../api/src/testing/runs';
import { type SeededVersion, seedVersion } from '../../../worker/test/helpers';
import { runSeerdInProcess } from './run-in-process';

const H = 3_600_000;
const T0 = Date.UTC(2026, 0, 5);
const KEY_A = randomBytes(32).toString('base64');
const KEY_B = randomBytes(32).toString('base64');
const KID_A = masterKeyId(Buffer.from(KEY_A, 'base64'));
const KID_B = masterKeyId(Buffer.from(KEY_B, 'base64'));
const ring = (...keys: string[]) => createMasterKeyring(keys.map((k) => Buffer.from(k, 'base64')));
/** WEBHOOKS_SECRET_KEY of an earlier release: 64 hex characters, the key itself. */
const LEGACY_KEY = randomBytes(32).toString('hex');

/** A secret sealed as earlier releases did (v1.<iv>.<tag>.<ciphertext>, no master key). */
function sealLegacy(plain: string): string {
  const iv = randomBytes(12);
  const c = createCipheriv('aes-256-gcm', Buffer.from(LEGACY_KEY, 'hex'), iv);
  const ct = Buffer.concat([c.update(plain, 'utf8'), c.final()]);
  return [
    'v1',
    iv.toString('base64url'),
    c.getAuthTag().toString('base64url'),
    ct.toString('base64url'),
  ].join('.');
}

describe('webhook signing secrets under the master key (pg)', () => {
  let t: TestDb;
  let work: string;
  let server: Server;
  let hookUrl: string;
  const received: Array<{ headers: IncomingMessage['headers']; body: string }> = [];
  let k = 0;

  const env = (masterKey: string, legacy?: string) => ({
    NODE_ENV: 'test',
    DATABASE_URL: t.url as string,
    SEER_KEYS_DIR: path.join(work, 'keys'),
    ARTIFACT_DIR: path.join(work, 'artifacts'),
    SEER_MASTER_KEY: masterKey,
    ...(legacy ? { WEBHOOKS_SECRET_KEY: legacy } : {}),
  });
  async function seerd(args: string[], e: Record<string, string>) {
    const r = await runSeerdInProcess(args, e);
    return { ...r, report: r.code === 0 || r.stdout ? JSON.parse(r.stdout) : undefined };
  }

  /** The service as a worker builds it, holding `masterKeys` and the legacy key. */
  function webhooks(masterKeys: MasterKeyring | undefined, legacySecretKey?: string) {
    const enqueued: string[] = [];
    const svc = createWebhooksService({
      db: t.db,
      entitlements: createEntitlements({ db: t.db, clock: () => new Date() }),
      allowPrivate: true,
      masterKeys,
      legacySecretKey,
      timeoutMs: 5000,
      // Collects the delivery ids; the test delivers by hand.
      queues: {
        retry: { attempts: 1, backoffMs: 1 },
        enqueue: async (_q, id) => {
          enqueued.push(id);
        },
      },
    });
    return { svc, enqueued };
  }

  /** One live run of the model delivered by a worker holding these keys: the outcome, or the error. */
  async function deliverOnce(v: SeededVersion, masterKeys: MasterKeyring | undefined, legacy?: string) {
    const { svc, enqueued } = webhooks(masterKeys, legacy);
    const asOf = new Date(T0 + ++k * H);
    const { runId } = await storeRun(t.db, {
      versionId: v.id,
      asOf,
      createdAt: asOf,
      predictions: [{ symbol: 'AAA-USD', value: 0.01 * k, confidence: null }],
    });
    expect(await svc.fanOut(runId)).toBe(1);
    const before = received.length;
    const outcome = await svc.deliver(enqueued[0] as string, 1).catch((e: Error) => e);
    return { outcome, request: received.length > before ? received.at(-1) : undefined };
  }

  const signedWith = (secret: string, r: { headers: IncomingMessage['headers']; body: string } | undefined) =>
    r !== undefined &&
    verifySignature(secret, r.headers['seer-signature'] as string, r.body, {
      nowSeconds: Math.floor(Date.now() / 1000),
    });

  const row = async (id: string) =>
    (
      await t.db.query<{ master_kid: string | null; secret_box: string }>(
        'SELECT master_kid, secret_box FROM webhook_endpoints WHERE id = $1',
        [id],
      )
    ).rows[0];

  async function newEndpoint(masterKeys: MasterKeyring) {
    const v = await seedVersion(t.db, { fixture: 'momentum', deployedAt: new Date(T0) });
    const principal = {
      userId: v.ownerId,
      email: 'owner@example.test',
      roles: ['developer' as const],
      via: 'jwt' as const,
      scopes: null,
      apiKeyId: null,
    };
    const hook = await webhooks(masterKeys).svc.create({ principal, model: v.slug, url: hookUrl });
    return { v, hook };
  }

  beforeAll(async () => {
    t = await createTestDb('pg');
    work = await mkdtemp(path.join(tmpdir(), 'seer-webhook-keys-'));
    server = createServer((req, res) => {
      let body = '';
      req.setEncoding('utf8');
      req.on('data', (c: string) => {
        body += c;
      });
      req.on('end', () => {
        received.push({ headers: req.headers, body });
        res.writeHead(200).end('ok');
      });
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    hookUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  }, 120_000);
  afterAll(async () => {
    server?.close();
    await t?.cleanup();
    if (work) await rm(work, { recursive: true, force: true });
  });

  it('a webhook created before `seerd keys rotate` delivers, correctly signed, under the new key alone', async () => {
    const { v, hook } = await newEndpoint(ring(KEY_A));
    expect(await row(hook.id)).toMatchObject({ master_kid: KID_A });
    expect((await row(hook.id))?.secret_box).not.toContain(hook.secret.slice(6));

    // Without the old key the command cannot rewrap it, and says so.
    const noOld = await seerd(['keys', 'rotate'], env(KEY_B));
    expect(noOld.code).toBe(1);
    expect(noOld.report.failures.join('\n')).toMatch(
      new RegExp(`webhook endpoint ${hook.id}: unknown master key id ${KID_A}`),
    );
    expect(await row(hook.id)).toMatchObject({ master_kid: KID_A });

    const rot = await seerd(['keys', 'rotate'], env(`${KEY_B},${KEY_A}`));
    expect(rot.stderr).not.toMatch(/not done/);
    expect(rot.code).toBe(0);
    expect(rot.report).toMatchObject({ activeKid: KID_B, webhookSecretsRewrapped: 1, failures: [] });
    expect(await row(hook.id)).toMatchObject({ master_kid: KID_B });
    const again = await seerd(['keys', 'rotate'], env(`${KEY_B},${KEY_A}`));
    expect(again.report).toMatchObject({ webhookSecretsRewrapped: 0, webhookSecretsSealed: 0 });
    expect(again.report.webhookSecretsCurrent).toBeGreaterThanOrEqual(1);

    const { outcome, request } = await deliverOnce(v, ring(KEY_B));
    expect(outcome).toBe('succeeded');
    expect(signedWith(hook.secret, request)).toBe(true);
    expect(signedWith('whsec_wrong', request)).toBe(false);

    // The retired key alone, or no master key at all, opens nothing: the delivery stops, unsent.
    for (const [keys, message] of [
      [ring(KEY_A), new RegExp(`unknown master key id ${KID_B} .*configure the key it was wrapped under`)],
      [undefined, /sealed under a master key; configure SEER_MASTER_KEY or SEER_MASTER_KEY_FILE/],
    ] as const) {
      const failed = await deliverOnce(v, keys);
      expect(String(failed.outcome)).toMatch(message);
      expect(failed.request).toBeUndefined();
    }
  });

  it('a row sealed under WEBHOOKS_SECRET_KEY delivers with it; after encrypt-existing it is under the master key and delivers without it', async () => {
    const { v, hook: current } = await newEndpoint(ring(KEY_B));
    // An endpoint made by an earlier release: no master key id, the v1 box under the legacy key.
    const secret = `whsec_${randomBytes(32).toString('base64url')}`;
    const id = randomUUID();
    await t.db.query(
      `INSERT INTO webhook_endpoints (id, user_id, model_id, url, secret_box) VALUES ($1, $2, $3, $4, $5)`,
      [id, v.ownerId, v.modelId, hookUrl, sealLegacy(secret)],
    );
    await t.db.query('UPDATE webhook_endpoints SET deleted_at = now() WHERE id = $1', [current.id]);
    // Under an older master key: encrypt-existing leaves it for `rotate`.
    const older = (await newEndpoint(ring(KEY_A))).hook;

    const withLegacy = await deliverOnce(v, ring(KEY_B), LEGACY_KEY);
    expect(withLegacy.outcome).toBe('succeeded');
    expect(signedWith(secret, withLegacy.request)).toBe(true);
    for (const wrong of [undefined, randomBytes(32).toString('hex')]) {
      const failed = await deliverOnce(v, ring(KEY_B), wrong);
      expect(String(failed.outcome)).toMatch(
        /sealed under the deprecated WEBHOOKS_SECRET_KEY and does not open .*seerd keys encrypt-existing/,
      );
      expect(failed.request).toBeUndefined();
    }

    // Without the legacy key the command reports the row and leaves it as it was.
    const missing = await seerd(['keys', 'encrypt-existing'], env(`${KEY_B},${KEY_A}`));
    expect(missing.code).toBe(1);
    expect(missing.report.failures.join('\n')).toMatch(
      new RegExp(`webhook endpoint ${id}: .*WEBHOOKS_SECRET_KEY`),
    );
    expect(await row(id)).toMatchObject({ master_kid: null });

    const enc = await seerd(['keys', 'encrypt-existing'], env(`${KEY_B},${KEY_A}`, LEGACY_KEY));
    expect(enc.code).toBe(0);
    expect(enc.report).toMatchObject({ webhookSecretsSealed: 1, webhookSecretsRewrapped: 0, failures: [] });
    const moved = await row(id);
    expect(moved?.master_kid).toBe(KID_B);
    expect(moved?.secret_box).not.toMatch(/^v1\./);
    expect(moved?.secret_box).not.toContain(secret.slice(6));
    expect(await row(older.id)).toMatchObject({ master_kid: KID_A }); // not rewrapped: that is rotate's job
    expect(await row(current.id)).toMatchObject({ master_kid: KID_B });

    const without = await deliverOnce(v, ring(KEY_B));
    expect(without.outcome).toBe('succeeded');
    expect(signedWith(secret, without.request)).toBe(true);
  });
});
