/**
 * Fuzzing the HTTP API from its own OpenAPI document (issue 15, item 2). For every operation,
 * fast-check builds requests from the declared schemas — valid values, and invalid ones: wrong
 * types, missing and extra fields, huge strings, unicode, NUL bytes, malformed JSON, bad path
 * parameters and query strings — sent by an anonymous caller, a developer who owns real objects,
 * and an admin. Every answer must be: never 5xx; every 4xx application/problem+json with a
 * `code`; every 2xx valid against the response schema the document declares for it.
 * Bounded (FUZZ_RUNS per operation, default 25); fast-check prints the seed and path of a
 * failure: replay with FUZZ_SEED=<seed> (and the path in fc.assert's options).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { packageTgz } from '@seer/core/registry';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import fc from 'fast-check';
import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAdmin, randomIp, registerAndLogin } from '../testing/auth';
import { createTestApp, type TestApp } from '../testing/test-app';

type Schema = Record<string, unknown>;
interface Param {
  in: 'path' | 'query' | 'header';
  name: string;
  required?: boolean;
  schema?: Schema;
}
interface Op {
  method: string;
  path: string;
  operationId: string;
  parameters: Param[];
  body?: Schema;
  bodyTypes: string[];
  responses: Record<string, { content?: Record<string, { schema?: Schema }> }>;
}

const RUNS = Number(process.env.FUZZ_RUNS ?? 25);
const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : undefined;

/** Strings that break naive code. */
const NASTY = [
  '',
  ' ',
  '\u0000',
  '%00',
  '..',
  '../../etc/passwd',
  "' OR 1=1 --",
  '"; DROP TABLE users; --',
  '<script>alert(1)</script>',
  '💥'.repeat(300),
  'e\u0301\u200b\ufeff',
  '\ud800',
  'x'.repeat(70_000),
  '-1',
  '1e999',
  'NaN',
  'null',
  '{}',
  '00000000-0000-0000-0000-000000000000',
  '2026-13-45T99:99:99Z',
];
/** Percent-encodes like a client would; a lone surrogate (which encodeURIComponent refuses) becomes invalid UTF-8 bytes. */
function enc(v: unknown): string {
  try {
    return encodeURIComponent(String(v));
  } catch {
    return '%ED%A0%80';
  }
}
const nastyString = fc.oneof(
  fc.constantFrom(...NASTY),
  fc.string({ maxLength: 200 }),
  fc.string({ unit: 'binary', maxLength: 50 }),
);
const anything: fc.Arbitrary<unknown> = fc.oneof(
  nastyString,
  fc.constantFrom(null, true, false, 0, -1, 1.5, 2 ** 53, -(2 ** 63), 1e308),
  fc.constant([]),
  fc.constant({}),
  fc.array(fc.integer(), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 8 }), fc.string({ maxLength: 8 }), { maxKeys: 3 }),
);

function stringArb(s: Schema): fc.Arbitrary<string> {
  if (s.format === 'date-time')
    return fc
      .date({ noInvalidDate: true, min: new Date(0), max: new Date(4e12) })
      .map((d) => d.toISOString());
  if (s.format === 'uuid') return fc.uuid();
  if (typeof s.pattern === 'string') {
    try {
      const max = typeof s.maxLength === 'number' ? s.maxLength : 100;
      const min = typeof s.minLength === 'number' ? s.minLength : 0;
      return fc.stringMatching(new RegExp(s.pattern)).filter((x) => x.length <= max && x.length >= min);
    } catch {
      // a pattern fast-check cannot generate from: fall through
    }
  }
  const minLength = typeof s.minLength === 'number' ? s.minLength : 0;
  const maxLength = Math.max(minLength, Math.min(typeof s.maxLength === 'number' ? s.maxLength : 40, 40));
  return fc.string({ minLength, maxLength });
}

/** Values the schema accepts (best effort: patterns, formats, bounds, enums, nesting). */
function validArb(s: Schema | undefined, depth = 0): fc.Arbitrary<unknown> {
  if (!s || depth > 6) return fc.constant(null);
  if ('const' in s) return fc.constant(s.const);
  if (Array.isArray(s.enum)) return fc.constantFrom(...(s.enum as unknown[]));
  for (const k of ['anyOf', 'oneOf'] as const)
    if (Array.isArray(s[k])) return fc.oneof(...(s[k] as Schema[]).map((x) => validArb(x, depth + 1)));
  if (Array.isArray(s.allOf)) return validArb(Object.assign({}, ...(s.allOf as Schema[])), depth + 1);
  const type = s.type;
  if (Array.isArray(type))
    return fc.oneof(...(type as string[]).map((t) => validArb({ ...s, type: t }, depth + 1)));
  switch (type) {
    case 'string':
      return stringArb(s);
    case 'integer':
      return fc.integer({
        min: typeof s.minimum === 'number' ? s.minimum : -1_000_000,
        max: typeof s.maximum === 'number' ? s.maximum : 1_000_000,
      });
    case 'number':
      return fc.double({
        min: typeof s.minimum === 'number' ? s.minimum : -1e9,
        max: typeof s.maximum === 'number' ? s.maximum : 1e9,
        noNaN: true,
      });
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array': {
      const items = validArb(s.items as Schema | undefined, depth + 1);
      const minLength = typeof s.minItems === 'number' ? s.minItems : 0;
      const maxLength = Math.max(minLength, Math.min(typeof s.maxItems === 'number' ? s.maxItems : 4, 4));
      return s.uniqueItems
        ? fc.uniqueArray(items, { minLength, maxLength, selector: (v) => JSON.stringify(v) })
        : fc.array(items, { minLength, maxLength });
    }
    case 'object': {
      const props = (s.properties ?? {}) as Record<string, Schema>;
      const required = (s.required ?? []) as string[];
      const model: Record<string, fc.Arbitrary<unknown>> = {};
      for (const [k, v] of Object.entries(props)) model[k] = validArb(v, depth + 1);
      return fc.record(model, { requiredKeys: required.filter((k) => k in props) });
    }
    default:
      return anything;
  }
}

/** Values the schema (probably) refuses: wrong types, fields missing or extra or broken, nasty strings. */
function invalidArb(s: Schema | undefined): fc.Arbitrary<unknown> {
  const base = validArb(s);
  const variants: fc.Arbitrary<unknown>[] = [anything];
  if (s?.type === 'object') {
    const props = Object.keys((s.properties ?? {}) as Schema);
    if (props.length > 0) {
      variants.push(
        fc.tuple(base, fc.constantFrom(...props)).map(([v, k]) => {
          const o = { ...(v as Record<string, unknown>) };
          delete o[k];
          return o;
        }),
        fc
          .tuple(base, fc.constantFrom(...props), anything)
          .map(([v, k, bad]) => ({ ...(v as object), [k]: bad })),
      );
    }
    variants.push(base.map((v) => ({ ...(v as object), unexpected: 'field', __proto__: { admin: true } })));
  }
  return fc.oneof(...variants);
}

describe('API fuzzing from the OpenAPI document (pg)', () => {
  let h: TestApp;
  let work: string;
  let ops: Op[];
  let actors: Record<'anon' | 'dev' | 'admin', Record<string, string>>;
  const real: Record<string, string[]> = {};
  const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: true });
  addFormats(ajv);
  const validators = new Map<string, ReturnType<typeof ajv.compile>>();

  beforeAll(async () => {
    work = await mkdtemp(path.join(tmpdir(), 'seer-api-fuzz-'));
    h = await createTestApp('pg', {
      keysDir: path.join(work, 'keys'),
      artifactDir: path.join(work, 'artifacts'),
      loginMaxAttemptsPerIp: 1_000_000,
      loginMaxAttemptsPerAccount: 1_000_000,
    });
    await h.t.db.query(
      `INSERT INTO instruments (symbol, name, asset_class) VALUES ('USDCHF', 'USD/CHF', 'fx')`,
    );
    const doc = (await h.app.inject({ method: 'GET', url: '/openapi.json' })).json() as {
      paths: Record<string, Record<string, Record<string, unknown>>>;
    };
    ops = Object.entries(doc.paths).flatMap(([p, byMethod]) =>
      Object.entries(byMethod).map(([method, op]) => {
        const content =
          (op.requestBody as { content?: Record<string, { schema?: Schema }> } | undefined)?.content ?? {};
        return {
          method: method.toUpperCase(),
          path: p,
          operationId: String(op.operationId ?? `${method} ${p}`),
          parameters: (op.parameters ?? []) as Param[],
          body: content['application/json']?.schema,
          bodyTypes: Object.keys(content),
          responses: (op.responses ?? {}) as Op['responses'],
        };
      }),
    );
    const dev = await registerAndLogin(h.app, { roles: ['developer', 'subscriber'] });
    const admin = await createAdmin(h.app);
    actors = { anon: {}, dev: dev.authHeader, admin: admin.authHeader };
    const slug = 'fuzz-model';
    await h.app.inject({
      method: 'POST',
      url: '/v1/models',
      headers: dev.authHeader,
      payload: { slug, name: 'Fuzz' },
    });
    const pub = await h.app.inject({
      method: 'POST',
      url: `/v1/models/${slug}/versions`,
      headers: { ...dev.authHeader, 'content-type': 'application/gzip' },
      payload: await packageTgz(),
    });
    expect(pub.statusCode, pub.body).toBe(201);
    const dep = await h.app.inject({
      method: 'POST',
      url: `/v1/models/${slug}/versions/1.0.0/deploy`,
      headers: dev.authHeader,
    });
    expect(dep.statusCode, dep.body).toBe(202);
    // Real values for path parameters, by name, next to generated and nasty ones.
    real.slug = [slug];
    real.version = ['1.0.0'];
    real.symbol = ['USDCHF'];
    real.provider = ['mock', 'stripe'];
    real.id = [dep.json().id, dev.userId, admin.userId];
  }, 300_000);
  afterAll(async () => {
    await h?.close();
    if (work) await rm(work, { recursive: true, force: true });
  });

  function validatorFor(op: Op, status: number): ReturnType<typeof ajv.compile> | undefined {
    const key = `${op.operationId} ${status}`;
    if (validators.has(key)) return validators.get(key);
    const schema = op.responses[String(status)]?.content?.['application/json']?.schema;
    const v = schema ? ajv.compile(schema) : undefined;
    if (v) validators.set(key, v);
    return v;
  }

  it('every operation: no 5xx, 4xx are problem+json with a code, 2xx match their schema', async () => {
    const failures: string[] = [];
    let sent = 0;
    for (const op of ops) {
      // logout-all would end the shared sessions every other request uses: anonymous and keyless only.
      const who: ('anon' | 'dev' | 'admin')[] =
        op.operationId === 'logoutAll' ? ['anon'] : ['anon', 'dev', 'admin'];
      const pathParams = op.parameters.filter((p) => p.in === 'path');
      const queryParams = op.parameters.filter((p) => p.in === 'query');
      const pathArb = fc.record(
        Object.fromEntries(
          pathParams.map((p) => [
            p.name,
            fc.oneof(
              { weight: 3, arbitrary: fc.constantFrom(...(real[p.name] ?? ['x'])) },
              { weight: 2, arbitrary: validArb(p.schema).map(String) },
              { weight: 2, arbitrary: nastyString },
            ),
          ]),
        ),
      );
      const queryArb = fc.record(
        Object.fromEntries(
          queryParams.map((p) => [
            p.name,
            fc.oneof(
              { weight: 2, arbitrary: fc.constant(undefined) },
              {
                weight: 3,
                arbitrary: validArb(p.schema).map((v) => (typeof v === 'string' ? v : JSON.stringify(v))),
              },
              { weight: 2, arbitrary: nastyString },
            ),
          ]),
        ),
      );
      const bodyArb: fc.Arbitrary<{ raw?: string | Buffer; json?: unknown; type?: string }> =
        op.bodyTypes.length > 0 || op.method === 'POST' || op.method === 'PUT' || op.method === 'PATCH'
          ? fc.oneof(
              { weight: 4, arbitrary: validArb(op.body).map((json) => ({ json })) },
              { weight: 4, arbitrary: invalidArb(op.body).map((json) => ({ json })) },
              {
                weight: 1,
                arbitrary: fc
                  .constantFrom('{"a":', '[1,2', '\u0000', 'null', '"str"', '{"__proto__":{"x":1}}')
                  .map((raw) => ({ raw, type: 'application/json' })),
              },
              {
                weight: 1,
                arbitrary: fc
                  .tuple(
                    fc.uint8Array({ maxLength: 2048 }),
                    fc.constantFrom('application/gzip', 'text/csv', 'application/xml', 'text/plain'),
                  )
                  .map(([b, type]) => ({ raw: Buffer.from(b), type })),
              },
            )
          : fc.constant({});
      await fc
        .assert(
          fc.asyncProperty(
            fc.constantFrom(...who),
            pathArb,
            queryArb,
            bodyArb,
            async (actor, params, query, body) => {
              const url =
                op.path.replace(/\{(\w+)\}/g, (_, k: string) => enc(params[k] ?? 'x')) +
                (Object.keys(query).length
                  ? `?${Object.entries(query)
                      .filter(([, v]) => v !== undefined)
                      .map(([k, v]) => `${enc(k)}=${enc(v)}`)
                      .join('&')}`
                  : '');
              const headers: Record<string, string> = { ...actors[actor] };
              const opts: InjectOptions = {
                method: op.method as InjectOptions['method'],
                url,
                headers,
                remoteAddress: randomIp(),
              };
              if (body.raw !== undefined) {
                headers['content-type'] = body.type ?? 'application/octet-stream';
                opts.payload = body.raw;
              } else if ('json' in body) {
                headers['content-type'] = 'application/json';
                opts.payload = JSON.stringify(body.json ?? null);
              }
              const res = await h.app.inject(opts);
              sent += 1;
              const where = `${op.operationId} ${op.method} ${url.slice(0, 200)} as ${actor} -> ${res.statusCode} ${res.body.slice(0, 300)}`;
              expect(res.statusCode, where).toBeLessThan(500);
              if (res.statusCode >= 400) {
                expect(res.headers['content-type'], where).toMatch(/^application\/problem\+json/);
                expect(typeof (res.json() as { code?: unknown }).code, where).toBe('string');
              } else if (res.statusCode >= 200 && res.statusCode < 300 && res.statusCode !== 204) {
                const v = validatorFor(op, res.statusCode);
                if (v && /json/.test(String(res.headers['content-type'] ?? ''))) {
                  const ok = v(res.json());
                  expect(ok, `${where}\nschema errors: ${JSON.stringify(v.errors?.slice(0, 5))}`).toBe(true);
                }
              }
            },
          ),
          { numRuns: RUNS, ...(SEED !== undefined ? { seed: SEED } : {}) },
        )
        .catch((e: unknown) => {
          const m = (e as Error).message;
          const cause = (e as Error).cause instanceof Error ? ((e as Error).cause as Error).message : '';
          failures.push(`${op.operationId}: ${m.slice(0, 400)} … ${m.slice(-600)}\n${cause.slice(0, 800)}`);
        });
    }
    expect(failures, failures.join('\n\n')).toEqual([]);
    // Every operation was exercised (fast-check stops a property early only on failure).
    expect(ops.length).toBeGreaterThan(60);
    expect(sent).toBe(ops.length * RUNS);
  }, 900_000);
});
