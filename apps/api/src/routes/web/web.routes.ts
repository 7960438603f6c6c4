/**
 * The web UI (apps/web, built by scripts/setup.sh into apps/web/dist) at `/`: hashed assets
 * with long caching, and index.html for every other GET path a browser navigates to (the
 * client-side router takes it from there). The API keeps /v1, /openapi.json, /docs and the
 * operational routes; unknown paths under them stay problem+json 404s.
 *
 * A demo instance says so on every page, before any script runs: the banner is written into
 * index.html here. Without a build, `/` is a short page saying how to build the UI.
 */
import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';

export const WEB_DIST_DIR = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../../../web/dist',
);

const DEMO_BANNER =
  '<div id="seer-demo-banner" class="demo-banner" role="note"><strong>Demo instance.</strong> The clock replays historical market data faster than real time; track records shown here are a demonstration, not live records.</div>';

const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json',
};

/** Paths that belong to the API: never answered with the UI. */
const API_PREFIXES = ['/v1/', '/docs', '/openapi.json', '/.well-known/', '/metrics', '/healthz', '/readyz'];

function fallbackPage(demo: boolean): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Seer${demo ? ' (demo)' : ''}</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:44rem;margin:2rem auto;padding:0 1rem;color:#1b1f24}
.demo-banner{background:#fff4ce;border:1px solid #bf8700;padding:.75rem 1rem;border-radius:6px;margin-bottom:1.5rem}</style></head>
<body>${demo ? DEMO_BANNER : ''}<main><h1>Seer</h1>
<p>The web UI is not built on this server. Build it with <code>scripts/setup.sh</code> (or <code>npm run build -w apps/web</code>) and restart.</p>
<ul><li><a href="/docs">API reference</a> (<a href="/openapi.json">OpenAPI document</a>)</li>
<li><a href="/v1/models">Model catalogue</a> (JSON)</li><li><a href="/v1/meta">Instance information</a></li></ul></main></body></html>`;
}

const webRoutes: FastifyPluginAsync<{ distDir?: string }> = async (app, opts) => {
  const distDir = opts.distDir ?? WEB_DIST_DIR;
  const demo = app.ctx.config.demo;
  let index: string | null = null;
  try {
    const html = await readFile(path.join(distDir, 'index.html'), 'utf8');
    index = demo ? html.replace('<!--seer:demo-banner-->', DEMO_BANNER) : html;
  } catch {
    app.log.warn({ distDir }, 'web UI not built: / serves a short page instead (run scripts/setup.sh)');
  }

  const sendIndex = (reply: FastifyReply) =>
    reply
      .type('text/html; charset=utf-8')
      .header('cache-control', 'no-cache')
      .send(index ?? fallbackPage(demo));

  app.get('/', { schema: { hide: true } }, async (_request, reply) => sendIndex(reply));

  app.get('/*', { schema: { hide: true } }, async (request: FastifyRequest, reply) => {
    const urlPath = decodeURIComponent(request.url.split('?')[0] ?? '/');
    if (API_PREFIXES.some((p) => urlPath === p.replace(/\/$/, '') || urlPath.startsWith(p))) {
      return reply.callNotFound();
    }
    if (index !== null && path.extname(urlPath)) {
      // A file: only from inside dist, never index.html's siblings outside it.
      const file = path.resolve(distDir, `.${path.posix.normalize(urlPath)}`);
      if (!file.startsWith(`${distDir}${path.sep}`)) return reply.callNotFound();
      const info = await stat(file).catch(() => null);
      if (!info?.isFile()) return reply.callNotFound();
      const immutable = urlPath.startsWith('/assets/');
      return reply
        .type(TYPES[path.extname(file)] ?? 'application/octet-stream')
        .header('cache-control', immutable ? 'public, max-age=31536000, immutable' : 'public, max-age=300')
        .header('content-length', info.size)
        .send(createReadStream(file));
    }
    return sendIndex(reply);
  });
};

export default webRoutes;
