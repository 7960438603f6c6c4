import type { FastifyPluginAsync } from 'fastify';

const escapeHtml = (s: string) =>
  s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );

/**
 * A plain landing page until the web UI is served here. A demo instance says so, loudly:
 * its clock replays history, so nothing it shows is a live record.
 */
const homeRoutes: FastifyPluginAsync = async (app) => {
  app.get('/', { schema: { hide: true } }, async (_request, reply) => {
    const { config } = app.ctx;
    const banner = config.demo
      ? '<div class="demo" role="alert"><strong>Demo instance.</strong> The clock replays historical market data faster than real time; track records shown here are a demonstration, not live records.</div>'
      : '';
    const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Seer${config.demo ? ' (demo)' : ''}</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:44rem;margin:2rem auto;padding:0 1rem;color:#1b1f24}
.demo{background:#fff4ce;border:1px solid #e0b100;padding:.75rem 1rem;border-radius:6px;margin-bottom:1.5rem}
code{background:#f3f4f6;padding:.1rem .3rem;border-radius:4px}</style></head>
<body>${banner}<h1>Seer</h1>
<p>Forecasting models, run in a sandbox on point-in-time market data, with every prediction recorded before its outcome exists.</p>
<ul><li><a href="/docs">API reference</a> (<a href="/openapi.json">OpenAPI document</a>)</li>
<li><a href="/v1/models">Model catalogue</a> (JSON)</li><li><a href="/v1/meta">Instance information</a></li></ul>
<p>Instance: <code>${escapeHtml(config.publicUrl)}</code></p></body></html>`;
    return reply.type('text/html; charset=utf-8').send(html);
  });
};

export default homeRoutes;
