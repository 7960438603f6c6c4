/**
 * Every metric the alert rules and the Grafana dashboards query is one the code really exports:
 * the API's registry (HTTP and process metrics) and the engines' registry (runs, scheduler,
 * queues, market data, billing), plus the process metrics of a standalone worker or scheduler.
 * A renamed metric, or a dashboard written against one that does not exist, fails here.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createHttpMetrics } from '@seer/api/plugins/metrics';
import { createRunMetrics } from '@seer/worker/metrics';
import { collectDefaultMetrics, Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';

const deploy = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Metric names in PromQL, without histogram suffixes; `up` is Prometheus's own. */
function namesIn(promql: string): string[] {
  const names = promql.match(/\bseer_[a-z0-9_]+\b/g) ?? [];
  return names.map((n) => n.replace(/_(bucket|count|sum)$/, ''));
}

function queriedNames(): Map<string, string> {
  const where = new Map<string, string>();
  const rules = readFileSync(path.join(deploy, 'prometheus/rules/seer.yml'), 'utf8');
  for (const line of rules.split('\n'))
    for (const n of namesIn(line)) where.set(n, 'prometheus/rules/seer.yml');
  const dashDir = path.join(deploy, 'grafana/dashboards');
  for (const file of readdirSync(dashDir)) {
    const dash = JSON.parse(readFileSync(path.join(dashDir, file), 'utf8')) as {
      panels: { targets?: { expr: string }[] }[];
    };
    for (const p of dash.panels)
      for (const t of p.targets ?? [])
        for (const n of namesIn(t.expr)) where.set(n, `grafana/dashboards/${file}`);
  }
  return where;
}

describe('alert rules and dashboards query metrics the code exports', () => {
  it('every queried name is registered', async () => {
    const exported = new Set<string>();
    for (const m of await createHttpMetrics().registry.getMetricsAsJSON()) exported.add(m.name);
    for (const m of await createRunMetrics().registry.getMetricsAsJSON()) exported.add(m.name);
    for (const prefix of ['seer_worker_', 'seer_scheduler_']) {
      const r = new Registry();
      collectDefaultMetrics({ register: r, prefix });
      for (const m of await r.getMetricsAsJSON()) exported.add(m.name);
    }

    const queried = queriedNames();
    expect(queried.size).toBeGreaterThan(10);
    const missing = [...queried].filter(([n]) => !exported.has(n)).map(([n, where]) => `${n} (${where})`);
    expect(missing).toEqual([]);
  });
});
