/**
 * Bodies rendered once and sent many times: the bytes, their strong ETag, and their brotli and
 * gzip codings, made on first demand and kept with the rendering when it is kept (a settled
 * prediction page never changes, so neither do its codings).
 *
 * Why not @fastify/compress alone: it compresses on every response, and bots poll the same pages
 * (python-requests asks for gzip by default). Compressing a 64 KiB page costs far more CPU than
 * sending it; a cached page's coding is computed once per process instead.
 */
import { createHash } from 'node:crypto';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

export type Coding = 'br' | 'gzip';

export interface Rendering {
  body: Buffer;
  /** Strong ETag of the unencoded bytes; each coding has its own (RFC 9110 §8.8.3). */
  etag: string;
  coded: Partial<Record<Coding, Buffer>>;
}

/** Bodies smaller than this are sent as they are (as @fastify/compress's threshold). */
export const CODING_THRESHOLD = 1024;

export function render(text: string): Rendering {
  const body = Buffer.from(text, 'utf8');
  return { body, etag: `"${createHash('sha1').update(body).digest('base64url')}"`, coded: {} };
}

/** The ETag of one coding of a rendering: the unencoded ETag with the coding appended. */
export function etagFor(r: Rendering, coding: Coding | undefined): string {
  return coding === undefined ? r.etag : `${r.etag.slice(0, -1)}-${coding}"`;
}

/** The bytes of one coding, made now (brotli quality 4, gzip level 6: cheap enough per request). */
export function codedBody(r: Rendering, coding: Coding): Buffer {
  let b = r.coded[coding];
  if (!b) {
    b =
      coding === 'br'
        ? brotliCompressSync(r.body, {
            params: {
              [constants.BROTLI_PARAM_QUALITY]: 4,
              [constants.BROTLI_PARAM_SIZE_HINT]: r.body.length,
              [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
            },
          })
        : gzipSync(r.body, { level: 6 });
    r.coded[coding] = b;
  }
  return b;
}

const SUPPORTED: readonly Coding[] = ['br', 'gzip'];
const negotiated = new Map<string, Coding | undefined>();

/**
 * The coding to answer an Accept-Encoding header with: the supported one with the highest
 * q-value above zero ("*" stands for any not named), brotli first on a tie; undefined for none.
 */
export function preferredCoding(acceptEncoding: string | undefined): Coding | undefined {
  if (!acceptEncoding) return undefined;
  if (negotiated.has(acceptEncoding)) return negotiated.get(acceptEncoding);
  const q = new Map<string, number>();
  for (const part of acceptEncoding.split(',')) {
    const [name = '', ...params] = part.split(';').map((x) => x.trim().toLowerCase());
    if (!name) continue;
    let weight = 1;
    for (const p of params) {
      const m = /^q=([0-9.]+)$/.exec(p);
      if (m) weight = Number(m[1]);
    }
    if (Number.isFinite(weight)) q.set(name === 'x-gzip' ? 'gzip' : name, weight);
  }
  let best: Coding | undefined;
  let bestQ = 0;
  for (const c of SUPPORTED) {
    const w = q.get(c) ?? q.get('*') ?? 0;
    if (w > bestQ) {
      best = c;
      bestQ = w;
    }
  }
  // Clients send a handful of distinct headers; remember them (bounded).
  if (negotiated.size < 256) negotiated.set(acceptEncoding, best);
  return best;
}

/** Whether an If-None-Match header names this rendering, in any coding (or is "*"). */
export function matchesIfNoneMatch(header: string | undefined, r: Rendering): boolean {
  if (!header) return false;
  const base = r.etag.slice(0, -1);
  return header.split(',').some((t) => {
    const tag = t.trim().replace(/^W\//, '');
    return (
      tag === '*' || tag === r.etag || (tag.startsWith(base) && /^-(br|gzip)"$/.test(tag.slice(base.length)))
    );
  });
}
