/**
 * A small HTTP listener that serves Prometheus metrics for a process without the API: a
 * standalone `seerd worker` or `seerd scheduler`. Only GET /metrics; anything else is 404.
 * Bind it to an internal interface (METRICS_HOST): metrics name models and instruments.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { collectDefaultMetrics, Registry } from 'prom-client';

export interface MetricsListener {
  /** The bound address (port 0 picks a free one). */
  url: string;
  close(): Promise<void>;
}

export async function startMetricsListener(opts: {
  host: string;
  port: number;
  /** Default process metrics are prefixed with this (e.g. seer_worker_). */
  processPrefix: string;
  registries: Registry[];
}): Promise<MetricsListener> {
  const own = new Registry();
  collectDefaultMetrics({ register: own, prefix: opts.processPrefix });
  const server: Server = createServer((req, res) => {
    if (req.method !== 'GET' || (req.url ?? '').split('?')[0] !== '/metrics') {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n');
      return;
    }
    const merged = Registry.merge([own, ...opts.registries]);
    merged
      .metrics()
      .then((text) => res.writeHead(200, { 'content-type': merged.contentType }).end(text))
      .catch(() => res.writeHead(500, { 'content-type': 'text/plain' }).end('metrics unavailable\n'));
  });
  // A scrape is short; a connection left open must not keep the process from exiting.
  server.keepAliveTimeout = 1000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host, () => resolve());
  });
  const addr = server.address() as AddressInfo;
  const host = addr.family === 'IPv6' ? `[${addr.address}]` : addr.address;
  return {
    url: `http://${host}:${addr.port}/metrics`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
