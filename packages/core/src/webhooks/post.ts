/**
 * One webhook POST to an address already vetted by the SSRF guard: the connection goes to that IP
 * (the name is not resolved again), TLS still checks the certificate against the URL's host name,
 * redirects are not followed (a 3xx is a failed attempt), the whole attempt has a timeout, and at
 * most a small excerpt of the response body is read.
 */
import http from 'node:http';
import https from 'node:https';
import type { ResolvedAddress } from './ssrf';

export const RESPONSE_EXCERPT_CHARS = 256;

export interface PostResult {
  statusCode: number | null;
  latencyMs: number;
  error: string | null;
  excerpt: string | null;
}

export function postPinned(o: {
  url: URL;
  target: ResolvedAddress;
  body: string;
  headers: Record<string, string>;
  timeoutMs: number;
}): Promise<PostResult> {
  const started = performance.now();
  const mod = o.url.protocol === 'https:' ? https : http;
  const host = o.url.hostname.startsWith('[') ? o.url.hostname.slice(1, -1) : o.url.hostname;
  return new Promise((resolve) => {
    let done = false;
    const finish = (r: Omit<PostResult, 'latencyMs'>) => {
      if (done) return;
      done = true;
      resolve({ ...r, latencyMs: Math.round(performance.now() - started) });
    };
    const req = mod.request(
      {
        method: 'POST',
        host: o.target.address,
        family: o.target.family,
        port: o.url.port || (o.url.protocol === 'https:' ? 443 : 80),
        path: `${o.url.pathname}${o.url.search}`,
        // TLS: SNI and certificate check against the URL's name, not the pinned IP.
        ...(o.url.protocol === 'https:' ? { servername: host } : {}),
        headers: {
          ...o.headers,
          host: o.url.host,
          'content-type': 'application/json',
          'content-length': String(Buffer.byteLength(o.body)),
          'user-agent': 'Seer-Webhooks/1',
        },
        agent: false,
      },
      (res) => {
        let excerpt = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          if (excerpt.length < RESPONSE_EXCERPT_CHARS) excerpt += chunk;
          if (excerpt.length >= RESPONSE_EXCERPT_CHARS) {
            // Enough: the rest of the body is never read or stored.
            finish({
              statusCode: res.statusCode ?? null,
              error: null,
              excerpt: excerpt.slice(0, RESPONSE_EXCERPT_CHARS),
            });
            res.destroy();
          }
        });
        res.on('end', () =>
          finish({ statusCode: res.statusCode ?? null, error: null, excerpt: excerpt || null }),
        );
        res.on('error', () =>
          finish({ statusCode: res.statusCode ?? null, error: null, excerpt: excerpt || null }),
        );
      },
    );
    req.setTimeout(o.timeoutMs, () => {
      req.destroy(new Error(`timed out after ${o.timeoutMs} ms`));
    });
    const hard = setTimeout(() => req.destroy(new Error(`timed out after ${o.timeoutMs} ms`)), o.timeoutMs);
    hard.unref();
    req.on('close', () => clearTimeout(hard));
    req.on('error', (err) => finish({ statusCode: null, error: err.message.slice(0, 500), excerpt: null }));
    req.end(o.body);
  });
}
