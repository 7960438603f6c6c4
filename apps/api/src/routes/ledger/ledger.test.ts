/**
 * Ledger v2 over real PostgreSQL: the public chain (hashes for anyone, values for the entitled and,
 * after the public delay, for everyone), checkpoints signed with the workers' key, and THE test of
 * issue 11: whoever holds the database rewrites a stored prediction and recomputes every hash and
 * head; the shipped offline verifier (`seer verify`), holding an earlier copy of the checkpoints,
 * reports the rewrite.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import {
  commitmentOf,
  entryHash,
  GENESIS_HASH,
  loadLedgerSigner,
  signCheckpointRound,
  verifyLedger,
} from '@seer/core/predictions';
import { type RegistryManifest, signedPayloadText } from '@seer/core/registry';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SeededVersion, seedVersion } from '../../../../worker/test/helpers';
import { createAdmin, registerAndLogin, type TestUser } from '../../testing/auth';
import { storeRun } from '../../testing/runs';
import { createTestApp, type TestApp } from '../../testing/test-app';

const run = promisify(execFile);
const H = 3_600_000;
const T0 = Date.UTC(2026, 0, 5);
const PYTHON_DIR = path.resolve(__dirname, '../../../../../python');
// Debian's python3 (the SDK's CLI needs its numpy/pandas to import); the verifier itself is stdlib only.
const PYTHON = existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';

interface ChainItem {
  seq: number;
  ledger_format: string;
  value: number | null;
  salt: string | null;
  commitment: string | null;
  revealed: boolean;
  hash: string;
  prev_hash: string;
  package_digest: string | null;
  input_digest: string | null;
  run_id: string;
}

describe('ledger v2: public chain, signed checkpoints, rewrite detection (pg)', () => {
  let ta: TestApp;
  let app: FastifyInstance;
  let owner: TestUser;
  let other: TestUser;
  let v: SeededVersion;
  let draft: SeededVersion;
  let tmp: string;
  const chainUrl = () => `/v1/models/${v.slug}/versions/${v.version}/chain`;

  beforeAll(async () => {
    tmp = mkdtempSync(path.join(os.tmpdir(), 'seer-ledger-v2-'));
    ta = await createTestApp('pg', { ledgerSigningKeyFile: path.join(tmp, 'keys', 'ledger-signing.pem') });
    app = ta.app;
    owner = await registerAndLogin(app, { roles: ['developer'] });
    other = await registerAndLogin(app, { roles: ['developer'] });
    await createAdmin(app);
    const db = ta.t.db;
    v = await seedVersion(db, { fixture: 'momentum', ownerId: owner.userId, deployedAt: null });
    // A real attestation for the seeded version, signed by the API's artifact key while a draft.
    const row = await db.kysely
      .selectFrom('model_versions')
      .select(['digest', 'manifest'])
      .where('id', '=', v.id)
      .executeTakeFirstOrThrow();
    const payload = signedPayloadText({
      model: v.slug,
      version: v.version,
      digest: row.digest,
      manifest: row.manifest as unknown as RegistryManifest,
    });
    const { signature, keyId } = app.ctx.services.registry.keyring.sign(payload);
    await db.kysely
      .updateTable('model_versions')
      .set({ signature, signing_key_id: keyId, signed_payload: payload })
      .where('id', '=', v.id)
      .execute();
    await db.kysely
      .updateTable('model_versions')
      .set({ status: 'deployed', deployed_at: new Date(T0) })
      .where('id', '=', v.id)
      .execute();
    draft = await seedVersion(db, { fixture: 'momentum', ownerId: owner.userId, deployedAt: null });
    for (let k = 1; k <= 3; k++) {
      const asOf = new Date(T0 + k * H);
      await storeRun(db, {
        versionId: v.id,
        asOf,
        createdAt: new Date(asOf.getTime() + 1500),
        inputDigest: String(k).repeat(64),
        predictions: [
          { symbol: 'AAA-USD', value: 0.001 * k, confidence: 0.5 },
          { symbol: 'BBB-USD', value: -0.002 * k, confidence: null },
        ],
      });
    }
  });
  afterAll(async () => {
    await ta?.close();
  });

  it('stores v2 entries committing to run, input and package', async () => {
    const rows = await ta.t.db.kysely
      .selectFrom('predictions')
      .selectAll()
      .where('version_id', '=', v.id)
      .orderBy('seq')
      .execute();
    expect(rows).toHaveLength(6);
    for (const r of rows) {
      expect(r).toMatchObject({ ledger_format: 'seer-ledger-v2', package_digest: 'a'.repeat(64) });
      expect(r.salt).toMatch(/^[0-9a-f]{64}$/);
      expect(r.commitment).toBe(
        commitmentOf({ value: r.value, confidence: r.confidence, salt: r.salt as string }),
      );
    }
    expect(new Set(rows.map((r) => r.salt)).size).toBe(6);
    expect(rows[0]?.input_digest).toBe('1'.repeat(64));
  });

  it('serves the chain to anyone at once, values only to the entitled until the delay has passed', async () => {
    const anon = await app.inject({ method: 'GET', url: chainUrl() });
    expect(anon.statusCode).toBe(200);
    const page = anon.json() as { access: string; items: ChainItem[]; head: { seq: number; hash: string } };
    expect(page.access).toBe('public');
    expect(page.items).toHaveLength(6);
    for (const e of page.items) expect(e).toMatchObject({ revealed: false, value: null, salt: null });
    const r = verifyLedger(page.items as never);
    expect(r).toMatchObject({ valid: true, checked: 6, head: page.head.hash });
    // A signed-in non-subscriber sees what anyone sees.
    const stranger = await app.inject({ method: 'GET', url: chainUrl(), headers: other.authHeader });
    expect((stranger.json() as { items: ChainItem[] }).items.every((e) => !e.revealed)).toBe(true);
    // The owner is entitled: every value and salt, and they match the commitments.
    const own = await app.inject({ method: 'GET', url: chainUrl(), headers: owner.authHeader });
    const ownPage = own.json() as { access: string; items: ChainItem[] };
    expect(ownPage.access).toBe('full');
    expect(ownPage.items.every((e) => e.revealed && e.salt !== null && e.value !== null)).toBe(true);
    expect(verifyLedger(ownPage.items as never)).toMatchObject({ valid: true, revealed: 6 });
    // Keyset pages.
    const p1 = (await app.inject({ method: 'GET', url: `${chainUrl()}?limit=4` })).json() as {
      items: ChainItem[];
      nextCursor: string;
    };
    expect(p1.items.map((e) => e.seq)).toEqual([1, 2, 3, 4]);
    const p2 = (
      await app.inject({ method: 'GET', url: `${chainUrl()}?limit=4&cursor=${p1.nextCursor}` })
    ).json() as {
      items: ChainItem[];
      nextCursor: string | null;
    };
    expect(p2.items.map((e) => e.seq)).toEqual([5, 6]);
    expect(p2.nextCursor).toBeNull();
    // A draft's chain does not exist for anyone else; a bad cursor is a 400.
    expect(
      (await app.inject({ method: 'GET', url: `/v1/models/${draft.slug}/versions/1.0.0/chain` })).statusCode,
    ).toBe(404);
    expect((await app.inject({ method: 'GET', url: `${chainUrl()}?cursor=x` })).statusCode).toBe(400);
  });

  it('reveals resolved entries older than the public delay to everyone', async () => {
    // Outcomes for every entry (their as_of is long past the 7-day default delay).
    const rows = await ta.t.db.kysely
      .selectFrom('predictions')
      .select('id')
      .where('version_id', '=', v.id)
      .execute();
    await ta.t.db.kysely
      .insertInto('outcomes')
      .values(
        rows.map((r) => ({
          prediction_id: r.id,
          base_close: 100,
          realized_close: 101,
          realized_return: 0.01,
          realized_direction: 1,
          realized_value: 0.01,
        })),
      )
      .execute();
    const anon = (await app.inject({ method: 'GET', url: chainUrl() })).json() as { items: ChainItem[] };
    expect(anon.items.every((e) => e.revealed && e.salt !== null)).toBe(true);
    expect(verifyLedger(anon.items as never)).toMatchObject({ valid: true, revealed: 6 });
  });

  it('signs checkpoints of moved heads only, with a key the API serves only publicly', async () => {
    const signer = await loadLedgerSigner({
      file: path.join(tmp, 'keys', 'ledger-signing.pem'),
      generate: true,
    });
    const first = await signCheckpointRound(ta.t.db, signer, new Date());
    expect(first).toEqual({ signed: 1, refused: [] });
    expect(await signCheckpointRound(ta.t.db, signer, new Date())).toEqual({ signed: 0, refused: [] });
    const keys = (await app.inject({ method: 'GET', url: '/v1/keys/ledger' })).json() as {
      keys: Array<{ keyId: string; publicKeyPem: string }>;
    };
    expect(keys.keys).toEqual([
      expect.objectContaining({ keyId: signer.keyId, publicKeyPem: signer.publicKeyPem }),
    ]);
    expect(JSON.stringify(keys)).not.toMatch(/PRIVATE/);
    const cps = await app.inject({ method: 'GET', url: `/v1/ledger/checkpoints?model=${v.slug}` });
    expect(cps.statusCode).toBe(200);
    const head = (await app.inject({ method: 'GET', url: chainUrl() })).json().head;
    expect(cps.json().items).toEqual([
      expect.objectContaining({
        version_id: v.id,
        mode: 'live',
        seq: 6,
        head: head.hash,
        key_id: signer.keyId,
      }),
    ]);
    expect(
      (await app.inject({ method: 'GET', url: `/v1/ledger/checkpoints?model=${draft.slug}` })).statusCode,
    ).toBe(404);
    expect(
      (await app.inject({ method: 'GET', url: '/v1/ledger/checkpoints?model=nope-nope' })).statusCode,
    ).toBe(404);
  });

  it('a database-side rewrite with every hash and head recomputed is reported by the offline verifier holding an earlier checkpoint', async () => {
    const server = await app.listen({ port: 0, host: '127.0.0.1' });
    const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    expect(server).toMatch(/^http/);
    const seer = (...args: string[]) =>
      run(PYTHON, ['-m', 'seer', 'verify', v.slug, '--url', url, ...args], {
        cwd: PYTHON_DIR,
        env: { ...process.env, XDG_CONFIG_HOME: tmp, SEER_API_KEY: '', SEER_TOKEN: '' },
        timeout: 120_000,
      }).then(
        (r) => ({ code: 0, out: r.stdout + r.stderr }),
        (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, out: e.stdout + e.stderr }),
      );
    const earlier = path.join(tmp, 'earlier-checkpoints.json');

    // 1. An outsider downloads the record and keeps a copy of the checkpoints.
    const before = await seer('--save-checkpoints', earlier);
    expect(before.out).toMatch(/6 entries/);
    expect(before.out).toMatch(/1 signed checkpoints match/);
    expect(before.out).toMatch(/attestation: OK/);
    expect(before.code).toBe(0);

    // 2. Whoever holds the database rewrites seq 2's value and recomputes its commitment, every
    //    later hash and the head, then removes the checkpoints to cover the tracks.
    await ta.t.db.withSession(async (s) => {
      await s.query('BEGIN');
      await s.query('ALTER TABLE predictions DISABLE TRIGGER predictions_append_only');
      const { rows } = await s.query<Record<string, unknown>>(
        "SELECT * FROM predictions WHERE version_id = $1 AND mode = 'live' ORDER BY seq",
        [v.id],
      );
      let prev = GENESIS_HASH;
      for (const r of rows) {
        const e = { ...r, seq: Number(r.seq) } as unknown as Parameters<typeof entryHash>[0] & {
          value: number;
          confidence: number | null;
          salt: string;
          commitment: string;
          id: number;
        };
        if (e.seq === 2) {
          e.value = 0.5;
          e.commitment = commitmentOf(e);
        }
        const hash = entryHash({ ...e, prev_hash: prev } as never, prev);
        await s.query(
          'UPDATE predictions SET value = $1, commitment = $2, prev_hash = $3, hash = $4 WHERE id = $5',
          [e.value, e.commitment, prev, hash, e.id],
        );
        prev = hash;
      }
      await s.query("UPDATE ledger_heads SET hash = $1 WHERE version_id = $2 AND mode = 'live'", [
        prev,
        v.id,
      ]);
      await s.query('ALTER TABLE predictions ENABLE TRIGGER predictions_append_only');
      await s.query('COMMIT');
    });

    // From inside, the rewritten chain is consistent: the platform's own check passes.
    const inside = await app.inject({
      method: 'GET',
      url: `/v1/models/${v.slug}/versions/${v.version}/ledger/verify`,
      headers: owner.authHeader,
    });
    expect(inside.json()).toMatchObject({ valid: true, checked: 6 });
    // The workers refuse to sign the rewritten head: it does not extend the last checkpoint.
    const signer = await loadLedgerSigner({
      file: path.join(tmp, 'keys', 'ledger-signing.pem'),
      generate: false,
    });
    const refused = await signCheckpointRound(ta.t.db, signer, new Date());
    expect(refused.signed).toBe(0);
    expect(refused.refused).toEqual([
      expect.objectContaining({ versionId: v.id, mode: 'live', reason: expect.stringMatching(/seq 6/) }),
    ]);
    // ...so the database holder deletes the checkpoints too.
    await ta.t.db.withSession(async (s) => {
      await s.query('BEGIN');
      await s.query('ALTER TABLE ledger_checkpoints DISABLE TRIGGER ledger_checkpoints_append_only');
      await s.query('DELETE FROM ledger_checkpoints WHERE version_id = $1', [v.id]);
      await s.query('ALTER TABLE ledger_checkpoints ENABLE TRIGGER ledger_checkpoints_append_only');
      await s.query('COMMIT');
    });

    // 3. Without an outside copy the rewrite cannot be seen (that is why the copy matters)...
    const blind = await seer();
    expect(blind.out).toMatch(/chain OK/);
    expect(blind.code).toBe(0);
    // ...with the earlier checkpoint file, the verifier reports it.
    const saved = path.join(tmp, 'record-after.json');
    const caught = await seer('--checkpoints', earlier, '--save', saved);
    expect(caught.code).toBe(1);
    expect(caught.out).toMatch(
      /REWRITE: the earlier \(earlier-checkpoints\.json\) checkpoint .* says entry 6 had hash/,
    );
    // The standalone one-file verifier says the same from the saved record, offline.
    const standalone = await run(PYTHON, [
      path.join(PYTHON_DIR, 'seer', 'ledger.py'),
      saved,
      '--checkpoints',
      earlier,
    ]).then(
      () => ({ code: 0, out: '' }),
      (e: { code: number; stdout: string }) => ({ code: e.code, out: e.stdout }),
    );
    expect(standalone.code).toBe(1);
    expect(standalone.out).toMatch(/REWRITE/);
    expect(JSON.parse(readFileSync(earlier, 'utf8')).checkpoints).toHaveLength(1);
  }, 600_000);
});
