/**
 * Prometheus itself (Debian's package) against a running Seer process: it scrapes a metrics
 * listener serving the engines' registry and evaluates the shipped alert rules. Proves the
 * scrape config's format, the exposition and the rules work together, not only each alone.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createTestApp } from '@seer/api/testing/test-app';
import { createRunMetrics } from '@seer/worker/metrics';
import { startMetricsListener } from '@seer/worker/metrics-listener';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const deploy = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

async function until<T>(fn: () => Promise<T | undefined>, ms: number, what: string): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn().catch(() => undefined);
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

describe('Prometheus scrapes a running Seer process and evaluates the alert rules', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'seer-prom-'));
  let prom: ChildProcess | undefined;
  const closers: Array<() => Promise<void>> = [];
  afterAll(async () => {
    prom?.kill('SIGKILL');
    for (const c of closers) await c();
    rmSync(dir, { recursive: true, force: true });
  });

  it('scrapes, and fires SeerDeadLetters for a queue with dead letters', async () => {
    const metrics = createRunMetrics();
    metrics.runsTotal.inc({ status: 'succeeded', mode: 'live' }, 3);
    // A queue source with two dead letters on the runs queue.
    metrics.observe({
      queues: {
        counts: async (q: string) => ({ waiting: 0, active: 0, delayed: 0, dead: q === 'runs' ? 2 : 0 }),
      } as never,
    });
    const listener = await startMetricsListener({
      host: '127.0.0.1',
      port: 0,
      processPrefix: 'seer_worker_',
      registries: [metrics.registry],
    });
    closers.push(() => listener.close());
    const target = new URL(listener.url).host;

    // A running API with METRICS_TOKEN; Prometheus scrapes it through the shipped `seer-api` job,
    // only the target and the token file's path changed. A second job without the token must fail.
    const token = 'prometheus-scrape-token-0123456789abcdef';
    const api0 = await createTestApp('pglite', { metricsToken: token });
    closers.push(() => api0.close());
    await api0.app.listen({ host: '127.0.0.1', port: 0 });
    await api0.app.inject({ method: 'GET', url: '/healthz' });
    const apiTarget = `127.0.0.1:${(api0.app.server.address() as { port: number }).port}`;
    writeFileSync(path.join(dir, 'metrics_token'), `${token}\n`);
    const shipped = parse(readFileSync(path.join(deploy, 'prometheus/prometheus.yml'), 'utf8')) as {
      scrape_configs: Array<Record<string, unknown> & { job_name: string }>;
    };
    const apiJob = shipped.scrape_configs.find((j) => j.job_name === 'seer-api');
    expect(apiJob?.authorization).toEqual({
      type: 'Bearer',
      credentials_file: '/etc/prometheus/metrics_token',
    });
    const apiJobHere = {
      ...apiJob,
      authorization: { type: 'Bearer', credentials_file: path.join(dir, 'metrics_token') },
      static_configs: [{ targets: [apiTarget] }],
    };

    // The shipped rules, with `for:` shortened so the test need not wait 15 minutes.
    const rules = readFileSync(path.join(deploy, 'prometheus/rules/seer.yml'), 'utf8');
    writeFileSync(path.join(dir, 'rules.yml'), rules.replace(/for: \d+m/g, 'for: 0s'));
    writeFileSync(
      path.join(dir, 'prometheus.yml'),
      [
        'global: {scrape_interval: 1s, evaluation_interval: 1s}',
        `rule_files: ['${path.join(dir, 'rules.yml')}']`,
        'scrape_configs:',
        '  - job_name: seer-worker',
        `    static_configs: [{targets: ['${target}']}]`,
        `  - ${JSON.stringify(apiJobHere)}`,
        `  - {job_name: seer-api-no-token, metrics_path: /metrics, static_configs: [{targets: ['${apiTarget}']}]}`,
        '',
      ].join('\n'),
    );
    const port = await freePort();
    prom = spawn(
      'prometheus',
      [
        `--config.file=${path.join(dir, 'prometheus.yml')}`,
        `--storage.tsdb.path=${path.join(dir, 'data')}`,
        `--web.listen-address=127.0.0.1:${port}`,
      ],
      { stdio: 'ignore' },
    );
    const api = `http://127.0.0.1:${port}/api/v1`;
    const query = async (q: string) => {
      const r = (await (await fetch(`${api}/query?query=${encodeURIComponent(q)}`)).json()) as {
        data: { result: { metric: Record<string, string>; value: [number, string] }[] };
      };
      return r.data.result;
    };

    const up = await until(
      async () => {
        const r = await query('up{job="seer-worker"}');
        return r[0]?.value[1] === '1' ? r : undefined;
      },
      30_000,
      'a successful scrape',
    );
    expect(up).toHaveLength(1);
    const runs = await until(
      async () => {
        const r = await query('seer_runs_total{status="succeeded",mode="live"}');
        return r.length ? r : undefined;
      },
      10_000,
      'seer_runs_total',
    );
    expect(runs[0]?.value[1]).toBe('3');
    const alerts = await until(
      async () => {
        const r = (await (await fetch(`${api}/alerts`)).json()) as {
          data: { alerts: { labels: Record<string, string>; state: string }[] };
        };
        const firing = r.data.alerts.filter((a) => a.state === 'firing');
        return firing.some((a) => a.labels.alertname === 'SeerDeadLetters') ? firing : undefined;
      },
      30_000,
      'SeerDeadLetters firing',
    );
    const dead = alerts.find((a) => a.labels.alertname === 'SeerDeadLetters');
    expect(dead?.labels.queue).toBe('runs');
    // The API, scraped with the token through the shipped job: up, with its HTTP metrics.
    await until(
      async () => ((await query('up{job="seer-api"}'))[0]?.value[1] === '1' ? true : undefined),
      30_000,
      'a successful scrape of the API with the token',
    );
    const http = await until(
      async () => {
        const r = await query('seer_http_request_duration_seconds_count{job="seer-api"}');
        return r.length ? r : undefined;
      },
      10_000,
      'seer_http_request_duration_seconds from the API',
    );
    expect(http.some((r) => r.metric.route === '/healthz')).toBe(true);
    // Without the token the API refuses the scrape.
    const noToken = await until(
      async () => {
        const r = await query('up{job="seer-api-no-token"}');
        return r.length ? r : undefined;
      },
      10_000,
      'a scrape attempt without the token',
    );
    expect(noToken[0]?.value[1]).toBe('0');
    // A healthy worker target fires no WorkerDown.
    expect(alerts.some((a) => a.labels.alertname === 'SeerWorkerDown')).toBe(false);
  }, 180_000);
});
