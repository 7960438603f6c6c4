/**
 * Model-level predictions, latest and playback over a real database: who sees what (anonymous,
 * non-subscriber, owner, admin, API keys with and without predictions:read), pagination,
 * filters, formats, caching headers and compression.
 */
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import type { Db } from '@seer/core/db';
import { TEST_DRIVERS } from '@seer/core/testing';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SeededVersion, seedBars, seedVersion } from '../../../../worker/test/helpers';
import { createAdmin, createApiKey, registerAndLogin, type TestUser } from '../../testing/auth';
import { storeRun } from '../../testing/runs';
import { createTestApp, type TestApp } from '../../testing/test-app';

const H = 3_600_000;
const T0 = Date.UTC(2026, 0, 5);
const SYMS = ['AAA-USD', 'BBB-USD'];

interface Item {
  version: string;
  symbol: string;
  as_of: string;
  seq: number;
  value: number;
  outcome: { realized_return: number } | null;
}
interface Page {
  access: string;
  items: Item[];
  nextCursor: string | null;
  publicUntil: string | null;
}

/** One live run at asOf with a prediction per symbol; outcomes stored when `resolved`. */
async function seedRun(db: Db, v: SeededVersion, asOf: Date, k: number, resolved: boolean) {
  const { predictions: rows } = await storeRun(db, {
    versionId: v.id,
    asOf,
    createdAt: new Date(asOf.getTime() + 1500),
    predictions: SYMS.map((symbol, i) => ({
      symbol,
      value: (i === 0 ? 1 : -1) * 0.001 * k,
      confidence: null,
    })),
  });
  if (resolved)
    for (const [i, p] of rows.entries()) {
      const rr = (k % 2 === 0 ? 1 : -1) * 0.002 * (i + 1);
      await sql`INSERT INTO outcomes (prediction_id, base_close, realized_close, realized_return, realized_direction, realized_value)
        VALUES (${p.id}, 100, ${100 * (1 + rr)}, ${rr}, ${Math.sign(rr)}, ${rr})`.execute(db.kysely);
    }
}

describe.each(TEST_DRIVERS)('model predictions, latest and playback (%s)', (driver) => {
  let ta: TestApp;
  let app: FastifyInstance;
  let owner: TestUser;
  let other: TestUser;
  let subscriber: TestUser;
  let admin: TestUser;
  let v: SeededVersion;
  let draftOnly: SeededVersion;
  let keyWith: { authHeader: { authorization: string } };
  let keyWithout: { authHeader: { authorization: string } };
  let otherKey: { authHeader: { authorization: string } };
  const recent = Math.floor(Date.now() / H) * H - 3 * H;

  const get = (url: string, headers: Record<string, string> = {}) =>
    app.inject({ method: 'GET', url, headers });
  const page = async (url: string, headers: Record<string, string> = {}) => {
    const res = await get(url, headers);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as Page;
  };

  beforeAll(async () => {
    ta = await createTestApp(driver);
    app = ta.app;
    const db = ta.t.db;
    owner = await registerAndLogin(app, { roles: ['developer'] });
    other = await registerAndLogin(app, { roles: ['developer'] });
    subscriber = await registerAndLogin(app, { roles: ['subscriber'] });
    admin = await createAdmin(app);
    keyWith = await createApiKey(app, owner.accessToken, ['predictions:read']);
    keyWithout = await createApiKey(app, owner.accessToken, ['models:read']);
    otherKey = await createApiKey(app, other.accessToken, ['predictions:read']);
    v = await seedVersion(db, {
      fixture: 'momentum',
      ownerId: owner.userId,
      deployedAt: new Date(T0),
      symbols: SYMS,
    });
    draftOnly = await seedVersion(db, { fixture: 'momentum', ownerId: owner.userId, deployedAt: null });
    // Old record: 6 hours, the last one still pending. Recent: 2 resolved hours inside the delay.
    for (let k = 1; k <= 6; k++) await seedRun(db, v, new Date(T0 + k * H), k, k <= 5);
    await seedRun(db, v, new Date(recent), 7, true);
    await seedRun(db, v, new Date(recent + H), 8, true);
    await seedBars(db, { symbols: SYMS, from: new Date(T0 - 2 * H), count: 24 });
  }, 180_000); // four argon2 logins and a PGlite clone: slow on a loaded 2-core host
  afterAll(async () => {
    await ta?.close();
  });

  const url = () => `/v1/models/${v.slug}/predictions`;

  it('anonymous callers, non-subscribers and keys of other users see only the delayed, resolved record', async () => {
    for (const headers of [{}, other.authHeader, subscriber.authHeader, otherKey.authHeader]) {
      const p = await page(url(), headers);
      expect(p.access).toBe('public');
      expect(p.publicUntil).not.toBeNull();
      expect(p.items).toHaveLength(10);
      expect(p.items.every((i) => i.outcome !== null && Date.parse(i.as_of) < T0 + 6 * H)).toBe(true);
    }
  });

  it('the owner, admins and the owner key with predictions:read see everything at once', async () => {
    for (const headers of [owner.authHeader, admin.authHeader, keyWith.authHeader]) {
      const p = await page(url(), headers);
      expect(p.access).toBe('full');
      expect(p.publicUntil).toBeNull();
      expect(p.items).toHaveLength(16);
      expect(p.items.filter((i) => i.outcome === null)).toHaveLength(2);
      expect(p.items.at(-1)?.as_of).toBe(new Date(recent + H).toISOString());
    }
  });

  it('an API key without predictions:read is refused on every prediction route; a bad token is 401', async () => {
    for (const path of [url(), `${url()}/latest`, `/v1/models/${v.slug}/playback`]) {
      const res = await get(path, keyWithout.authHeader);
      expect(res.statusCode).toBe(403);
      expect(res.json().code).toBe('insufficient_scope');
      expect((await get(path, { authorization: 'Bearer nope' })).statusCode).toBe(401);
    }
  });

  it('pages in a stable (as_of, id) order; the cursor walks the whole record without gaps', async () => {
    const all = (await page(`${url()}?limit=1000`, owner.authHeader)).items;
    const walked: Item[] = [];
    let cursor: string | null = null;
    do {
      const p: Page = await page(`${url()}?limit=3${cursor ? `&cursor=${cursor}` : ''}`, owner.authHeader);
      walked.push(...p.items);
      cursor = p.nextCursor;
    } while (cursor);
    expect(walked).toEqual(all);
    // Within one version, seq follows (as_of, id).
    expect(all.map((i) => i.seq)).toEqual(Array.from({ length: 16 }, (_, k) => k + 1));
  });

  it('filters by symbol, version, mode and as_of range; unknown versions are 404', async () => {
    const sym = await page(`${url()}?symbol=BBB-USD`, owner.authHeader);
    expect(sym.items).toHaveLength(8);
    expect(sym.items.every((i) => i.symbol === 'BBB-USD' && i.version === '1.0.0')).toBe(true);
    const ranged = await page(
      `${url()}?from=${new Date(T0 + 2 * H).toISOString()}&to=${new Date(T0 + 3 * H).toISOString()}`,
      owner.authHeader,
    );
    expect(ranged.items.map((i) => i.seq)).toEqual([3, 4, 5, 6]);
    expect((await page(`${url()}?version=1.0.0&mode=backtest`, owner.authHeader)).items).toEqual([]);
    expect((await get(`${url()}?version=9.9.9`, owner.authHeader)).statusCode).toBe(404);
    expect((await get(`${url()}?limit=1001`)).statusCode).toBe(400);
    expect((await get(`${url()}?cursor=abc`)).statusCode).toBe(400);
  });

  it('a model never deployed does not exist for others; its owner sees it (empty)', async () => {
    const path = `/v1/models/${draftOnly.slug}/predictions`;
    expect((await get(path)).statusCode).toBe(404);
    expect((await get(path, other.authHeader)).statusCode).toBe(404);
    expect((await page(path, owner.authHeader)).items).toEqual([]);
    expect((await get('/v1/models/no-such-model/predictions')).statusCode).toBe(404);
  });

  it('serves CSV and NDJSON by Accept or ?format=, with the cursor in X-Next-Cursor', async () => {
    const csv = await get(`${url()}?limit=4`, { ...owner.authHeader, accept: 'text/csv' });
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    const lines = csv.body.trim().split('\n');
    expect(lines[0]?.split(',').slice(0, 5)).toEqual(['version', 'version_id', 'mode', 'seq', 'symbol']);
    expect(lines).toHaveLength(5);
    expect(csv.headers['x-next-cursor']).toMatch(/^\d+-\d+$/);
    const nd = await get(`${url()}?format=ndjson`, owner.authHeader);
    expect(nd.headers['content-type']).toMatch(/^application\/x-ndjson/);
    const objs = nd.body
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Item);
    expect(objs).toHaveLength(16);
    const viaAccept = await get(url(), { accept: 'application/x-ndjson' });
    expect(viaAccept.body.trim().split('\n')).toHaveLength(10);
  });

  it('strong ETags give 304; settled pages are immutable, live edges are revalidated', async () => {
    const first = await get(`${url()}?limit=4`, owner.authHeader);
    expect(first.headers.etag).toMatch(/^"[\w-]+"$/);
    expect(first.headers['cache-control']).toBe('private, max-age=31536000, immutable');
    const again = await get(`${url()}?limit=4`, {
      ...owner.authHeader,
      'if-none-match': String(first.headers.etag),
    });
    expect(again.statusCode).toBe(304);
    // Settled pages are cached per access level: the same URL stays public for anonymous callers.
    const anon = await get(`${url()}?limit=4`);
    expect(anon.json().access).toBe('public');
    expect(anon.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const edge = await get(url(), owner.authHeader);
    expect(edge.headers['cache-control']).toBe('private, no-cache');
    expect((await get(url())).headers['cache-control']).toBe('public, no-cache');
  });

  it('pages come gzip- or brotli-coded as asked, each coding with its own ETag, all of them revalidating', async () => {
    const plain = await get(`${url()}?limit=8`, owner.authHeader);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.headers.vary).toBe('Origin, Authorization, Accept, Accept-Encoding');
    const etag = String(plain.headers.etag);
    const codings = [
      { ask: 'gzip, deflate', coding: 'gzip', decode: gunzipSync },
      { ask: 'gzip;q=0.5, br', coding: 'br', decode: brotliDecompressSync },
      { ask: 'br;q=0, *;q=0.1', coding: 'gzip', decode: gunzipSync },
    ];
    for (const { ask, coding, decode } of codings) {
      // Twice: the second answer is the kept coding of the settled page, and must be the same bytes.
      for (let i = 0; i < 2; i++) {
        const res = await get(`${url()}?limit=8`, { ...owner.authHeader, 'accept-encoding': ask });
        expect(res.headers['content-encoding'], ask).toBe(coding);
        expect(res.headers.etag).toBe(`${etag.slice(0, -1)}-${coding}"`);
        expect(decode(res.rawPayload).toString('utf8')).toBe(plain.body);
        expect(Number(res.headers['content-length'])).toBe(res.rawPayload.length);
      }
    }
    for (const refuse of ['identity', 'gzip;q=0, br;q=0', 'deflate']) {
      const res = await get(`${url()}?limit=8`, { ...owner.authHeader, 'accept-encoding': refuse });
      expect(res.headers['content-encoding'], refuse).toBeUndefined();
      expect(res.body).toBe(plain.body);
    }
    // A cache holding any coding revalidates with its own ETag (weak comparison, RFC 9110).
    for (const held of [
      etag,
      `${etag.slice(0, -1)}-gzip"`,
      `W/${etag}`,
      `"nope", ${etag.slice(0, -1)}-br"`,
    ]) {
      const res = await get(`${url()}?limit=8`, { ...owner.authHeader, 'if-none-match': held });
      expect(res.statusCode, held).toBe(304);
    }
    const other = await get(`${url()}?limit=8`, {
      ...owner.authHeader,
      'if-none-match': `${etag.slice(0, -1)}-zstd"`,
    });
    expect(other.statusCode).toBe(200);
  });

  it('latest: the newest per symbol, public callers the newest public one', async () => {
    const pub = (await get(`${url()}/latest`)).json() as Page;
    expect(pub.access).toBe('public');
    expect(pub.items.map((i) => [i.symbol, i.as_of])).toEqual([
      ['AAA-USD', new Date(T0 + 5 * H).toISOString()],
      ['BBB-USD', new Date(T0 + 5 * H).toISOString()],
    ]);
    const full = (await get(`${url()}/latest?symbol=AAA-USD`, admin.authHeader)).json() as Page;
    expect(full.items.map((i) => [i.symbol, i.as_of])).toEqual([
      ['AAA-USD', new Date(recent + H).toISOString()],
    ]);
  });

  it('a per-model public delay of zero opens the resolved record at once', async () => {
    await sql`UPDATE models SET public_delay_seconds = 0 WHERE id = ${v.modelId}`.execute(ta.t.db.kysely);
    await new Promise((r) => setTimeout(r, 1100)); // model rows are reused for a second per process
    try {
      expect((await page(url())).items).toHaveLength(14);
    } finally {
      await sql`UPDATE models SET public_delay_seconds = 604800 WHERE id = ${v.modelId}`.execute(
        ta.t.db.kysely,
      );
    }
  });

  it('playback: columns aligned on the interval with bars, predictions, outcomes and equity', async () => {
    const q = `symbol=AAA-USD&from=${new Date(T0).toISOString()}&to=${new Date(T0 + 8 * H).toISOString()}`;
    const res = await get(`/v1/models/${v.slug}/playback?${q}`, owner.authHeader);
    expect(res.statusCode, res.body).toBe(200);
    const b = res.json();
    expect(b.points).toBe(9);
    expect(b.t).toEqual(Array.from({ length: 9 }, (_, k) => (T0 + k * H) / 1000));
    for (const c of ['open', 'close', 'prediction', 'realizedReturn', 'pnl', 'equity'])
      expect(b[c]).toHaveLength(9);
    expect(b.close.every((x: number | null) => typeof x === 'number')).toBe(true);
    expect(b.prediction).toEqual([null, 0.001, 0.002, 0.003, 0.004, 0.005, 0.006, null, null]);
    // AAA predicted up; realized -0.002 on odd k, +0.002 on even k; k = 6 pending.
    expect(b.pnl).toEqual([null, -0.002, 0.002, -0.002, 0.002, -0.002, null, null, null]);
    expect(b.equity[8]).toBeCloseTo(-0.002, 12);
    const pub = (await get(`/v1/models/${v.slug}/playback?${q}`)).json();
    expect(pub.access).toBe('public');
    expect(pub.prediction[6]).toBeNull();
    expect(pub.prediction[5]).toBe(0.005);
  });

  it('playback: a year of hourly points by default, brotli-compressed when accepted; bad ranges are 4xx', async () => {
    const res = await get(`/v1/models/${v.slug}/playback?version=1.0.0`, {
      ...owner.authHeader,
      'accept-encoding': 'br, gzip',
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-encoding']).toBe('br');
    const b = JSON.parse(brotliDecompressSync(res.rawPayload).toString('utf8'));
    expect(b.points).toBe(8760);
    expect(b.t).toHaveLength(8760);
    const tooBig = await get(
      `/v1/models/${v.slug}/playback?from=2020-01-01T00:00:00Z&to=2026-01-01T00:00:00Z`,
      owner.authHeader,
    );
    expect(tooBig.statusCode).toBe(422);
    expect(tooBig.json().code).toBe('playback_range_too_large');
    const inverted = await get(
      `/v1/models/${v.slug}/playback?from=2026-01-02T00:00:00Z&to=2026-01-01T00:00:00Z`,
      owner.authHeader,
    );
    expect(inverted.statusCode).toBe(422);
    expect((await get(`/v1/models/${v.slug}/playback?symbol=ZZZ`, owner.authHeader)).statusCode).toBe(404);
  });

  it('playback: the same answer is sent again while nothing changed; a new run in the recent tail changes it', async () => {
    const ask = (headers: Record<string, string> = owner.authHeader) =>
      get(`/v1/models/${v.slug}/playback`, headers);
    const a = await ask();
    const b = await ask();
    expect(b.headers.etag).toBe(a.headers.etag);
    expect(b.body).toBe(a.body);
    // The public horizon is floored to the interval grid, so the public answer is stable too.
    const p1 = await ask({});
    const p2 = await ask({});
    expect(p1.json().access).toBe('public');
    expect(p2.headers.etag).toBe(p1.headers.etag);
    expect(Date.parse(p1.json().publicUntil) % H).toBe(0);
    // A run lands in the tail (the newest hour): the next answer has it.
    const at = recent + 2 * H;
    await seedRun(ta.t.db, v, new Date(at), 9, false);
    const c = await ask();
    expect(c.headers.etag).not.toBe(a.headers.etag);
    const k = (at - Date.parse(c.json().from)) / H;
    expect(a.json().prediction[k]).toBeNull();
    expect(c.json().prediction[k]).toBeCloseTo(0.009, 12);
  });
});
