/**
 * The deployment files are checked offline, in the README's test command: Prometheus config
 * and alert rules by Debian's promtool (including the rule unit tests), the Helm chart rendered
 * by Helm and every object validated against the Kubernetes schemas (kubernetes-models), the
 * compose file against the Compose specification's JSON schema, and the Dockerfiles by
 * dockerfile-utils. Beyond syntax, each test asserts the properties the docs promise
 * (non-root, read-only root, no public metrics, TLS, healthchecks).
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { loadConfig } from '@seer/core/config';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { validate as validateDockerfile } from 'dockerfile-utils';
import { describe, expect, it } from 'vitest';
import { parse, parseAllDocuments } from 'yaml';

const run = promisify(execFile);
const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');
const deploy = path.join(root, 'deploy');
const helmBin = path.join(root, 'node_modules/.bin/helm');

interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; annotations?: Record<string, string> };
  // biome-ignore lint/suspicious/noExplicitAny: rendered manifests are checked against the Kubernetes schemas below
  spec?: any;
}

async function promtool(...args: string[]): Promise<string> {
  const { stdout, stderr } = await run('promtool', args, { cwd: deploy });
  return stdout + stderr;
}

describe('Prometheus (promtool from Debian)', () => {
  it('the scrape config is valid', async () => {
    // --syntax-only: the API's bearer-token file exists only on the Prometheus host.
    expect(await promtool('check', 'config', '--syntax-only', 'prometheus/prometheus.yml')).toMatch(
      /SUCCESS/,
    );
  });
  it('the alert rules are valid', async () => {
    expect(await promtool('check', 'rules', 'prometheus/rules/seer.yml')).toMatch(/SUCCESS: \d+ rules found/);
  });
  it('the alert rules pass their unit tests', async () => {
    expect(await promtool('test', 'rules', 'prometheus/tests/seer.test.yml')).toMatch(/SUCCESS/);
  });
  it('every alert has a severity, a summary and a section in docs/OPERATIONS.md', () => {
    const rules = parse(readFileSync(path.join(deploy, 'prometheus/rules/seer.yml'), 'utf8')) as {
      groups: {
        rules: { alert: string; labels: { severity: string }; annotations: Record<string, string> }[];
      }[];
    };
    const ops = readFileSync(path.join(root, 'docs/OPERATIONS.md'), 'utf8');
    const alerts = rules.groups.flatMap((g) => g.rules);
    expect(alerts.length).toBeGreaterThanOrEqual(8);
    for (const a of alerts) {
      expect(['warning', 'critical']).toContain(a.labels.severity);
      expect(a.annotations.summary).toBeTruthy();
      expect(ops, `docs/OPERATIONS.md explains ${a.alert}`).toContain(a.alert);
    }
  });
});

async function renderChart(values: Record<string, string> = {}): Promise<K8sObject[]> {
  const set = Object.entries(values).flatMap(([k, v]) => ['--set', `${k}=${v}`]);
  const { stdout } = await run(
    helmBin,
    ['template', 'seer', path.join(deploy, 'helm/seer'), '--kube-version', '1.29.0', ...set],
    {
      maxBuffer: 16 * 1024 * 1024,
    },
  );
  return parseAllDocuments(stdout)
    .map((d) => d.toJSON() as K8sObject | null)
    .filter((o): o is K8sObject => o !== null);
}

async function validateK8s(obj: K8sObject): Promise<void> {
  const group = obj.apiVersion.includes('/') ? obj.apiVersion : `v1`;
  const mod = (await import(`kubernetes-models/${group}/${obj.kind}`)) as Record<
    string,
    new (
      o: unknown,
    ) => { validate(): void }
  >;
  const Model = mod[obj.kind];
  if (!Model) throw new Error(`no schema for ${obj.apiVersion} ${obj.kind}`);
  new Model(obj).validate();
}

describe('Helm chart (helm lint, helm template, Kubernetes schemas)', () => {
  it('lints clean', async () => {
    const { stdout } = await run(helmBin, ['lint', path.join(deploy, 'helm/seer')]);
    expect(stdout).toMatch(/0 chart\(s\) failed/);
  });

  it('renders objects that match the Kubernetes schemas, with the promised properties', async () => {
    const objs = await renderChart({
      'secrets.values.DATABASE_URL': 'postgres://x',
      'worker.runtimeClass.create': 'true',
    });
    for (const o of objs) await validateK8s(o);
    const kinds = objs.map((o) => `${o.kind}/${o.metadata.name}`);
    for (const k of [
      'Deployment/seer-api',
      'Deployment/seer-worker',
      'Deployment/seer-scheduler',
      'Service/seer-api',
      'Ingress/seer',
      'HorizontalPodAutoscaler/seer-api',
      'HorizontalPodAutoscaler/seer-worker',
      'PodDisruptionBudget/seer-api',
      'PodDisruptionBudget/seer-worker',
      'NetworkPolicy/seer-worker',
      'RuntimeClass/gvisor',
      'Secret/seer-env',
      'Job/seer-migrate-1',
    ]) {
      expect(kinds).toContain(k);
    }

    const deployments = objs.filter((o) => o.kind === 'Deployment');
    for (const d of deployments) {
      const pod = d.spec.template.spec;
      for (const c of pod.containers) {
        expect(c.securityContext.readOnlyRootFilesystem, `${d.metadata.name} read-only root`).toBe(true);
        expect(c.securityContext.allowPrivilegeEscalation).toBe(false);
        expect(c.securityContext.capabilities.drop).toEqual(['ALL']);
        expect(c.resources.limits).toBeTruthy();
      }
      if (d.metadata.name === 'seer-worker') {
        expect(pod.runtimeClassName).toBe('gvisor');
        expect(pod.containers[0].securityContext.capabilities.add).not.toContain('SYS_ADMIN');
      } else {
        expect(pod.securityContext.runAsNonRoot).toBe(true);
        expect(pod.securityContext.seccompProfile.type).toBe('RuntimeDefault');
      }
    }

    const ingress = objs.find((o) => o.kind === 'Ingress');
    expect(ingress?.spec.tls[0].secretName).toBe('seer-tls');
    // Only the public port is routed; metrics stay inside the cluster.
    expect(JSON.stringify(ingress?.spec.rules)).not.toContain('metrics');

    const np = objs.find((o) => o.kind === 'NetworkPolicy');
    expect(np?.spec.policyTypes).toEqual(['Ingress', 'Egress']);
    const egressPorts = np?.spec.egress.flatMap((e: { ports: { port: number }[] }) =>
      e.ports.map((p) => p.port),
    );
    expect(new Set(egressPorts)).toEqual(new Set([5432, 6379, 53]));

    const hpaWorker = objs.find(
      (o) => o.kind === 'HorizontalPodAutoscaler' && o.metadata.name === 'seer-worker',
    );
    expect(hpaWorker?.spec.metrics[0].external.metric.name).toBe('seer_queue_jobs');

    const job = objs.find((o) => o.kind === 'Job');
    expect(job?.metadata.annotations?.['helm.sh/hook']).toBe('pre-install,pre-upgrade');

    // Issue 16: the master key is a mounted Secret; only workers log in with the package-key login.
    type EnvVar = { name: string; value?: string; valueFrom?: { secretKeyRef: { key: string } } };
    for (const d of deployments) {
      const pod = d.spec.template.spec;
      const env = pod.containers[0].env as EnvVar[];
      expect(env.find((e) => e.name === 'SEER_MASTER_KEY_FILE')?.value).toBe(
        '/var/run/seer/master-key/master-key',
      );
      expect(pod.volumes.find((v: { name: string }) => v.name === 'master-key')?.secret.secretName).toBe(
        'seer-master-key',
      );
      const dbKey = env.filter((e) => e.name === 'DATABASE_URL').map((e) => e.valueFrom?.secretKeyRef.key);
      expect(dbKey).toEqual([d.metadata.name === 'seer-worker' ? 'WORKER_DATABASE_URL' : 'DATABASE_URL']);
    }
  });

  it('an existing Secret replaces the chart-made one, and autoscaling off sets fixed replicas', async () => {
    const objs = await renderChart({
      'secrets.existingSecret': 'prod-seer',
      'api.autoscaling.enabled': 'false',
      'worker.autoscaling.enabled': 'false',
      'networkPolicy.postgres.cidr': '10.0.0.5/32',
    });
    for (const o of objs) await validateK8s(o);
    expect(objs.some((o) => o.kind === 'Secret')).toBe(false);
    expect(objs.some((o) => o.kind === 'HorizontalPodAutoscaler')).toBe(false);
    const api = objs.find((o) => o.metadata.name === 'seer-api' && o.kind === 'Deployment');
    expect(api?.spec.replicas).toBe(2);
    expect(JSON.stringify(api?.spec.template.spec.containers[0].env)).toContain('prod-seer');
    const np = objs.find((o) => o.kind === 'NetworkPolicy');
    expect(JSON.stringify(np?.spec.egress)).toContain('10.0.0.5/32');
  });
  it('gives every Seer container an environment that passes the production configuration check', async () => {
    const objs = await renderChart({ 'secrets.values.DATABASE_URL': 'postgres://x' });
    const secretValues: Record<string, string> = {
      DATABASE_URL: 'postgres://seer_app_login:pw@postgres.db.svc:5432/seer?sslmode=verify-full',
      WORKER_DATABASE_URL: 'postgres://seer_worker_login:pw@postgres.db.svc:5432/seer?sslmode=verify-full',
      MIGRATION_DATABASE_URL: 'postgres://seer_owner:pw@postgres.db.svc:5432/seer?sslmode=verify-full',
      REDIS_URL: 'rediss://:pw@redis.db.svc:6380',
      BILLING_MOCK_WEBHOOK_SECRET: 'b'.repeat(64),
      METRICS_TOKEN: 'm'.repeat(64),
    };
    const dir = mkdtempSync(path.join(tmpdir(), 'seer-helm-'));
    try {
      const master = path.join(dir, 'master-key');
      writeFileSync(master, `${Buffer.alloc(32, 7).toString('base64')}\n`);
      const pods = objs
        .filter((o) => o.kind === 'Deployment' || o.kind === 'Job')
        .flatMap((o) =>
          (
            o.spec.template.spec.containers as Array<{
              name: string;
              env?: Array<{
                name: string;
                value?: string;
                valueFrom?: { secretKeyRef?: { key: string; optional?: boolean } };
              }>;
            }>
          ).map((c) => [`${o.kind}/${o.metadata.name}/${c.name}`, c.env ?? []] as const),
        );
      expect(pods.length).toBeGreaterThanOrEqual(4);
      for (const [name, envList] of pods) {
        const env: Record<string, string> = {};
        for (const e of envList) {
          if (typeof e.value === 'string') env[e.name] = e.value;
          const ref = e.valueFrom?.secretKeyRef;
          if (ref && ref.key in secretValues) env[e.name] = secretValues[ref.key] as string;
          else if (ref && !ref.optional) throw new Error(`${name}: ${e.name} needs Secret key ${ref.key}`);
        }
        if (env.SEER_MASTER_KEY_FILE) env.SEER_MASTER_KEY_FILE = master;
        expect(() => loadConfig(env, dir), name).not.toThrow();
        // Deprecated: passed on when an upgraded install's Secret still has it, never required.
        const legacy = envList.find((e) => e.name === 'WEBHOOKS_SECRET_KEY')?.valueFrom?.secretKeyRef;
        if (legacy)
          expect(legacy, name).toEqual({ name: 'seer-env', key: 'WEBHOOKS_SECRET_KEY', optional: true });
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('the optional ServiceMonitor scrapes the API with the METRICS_TOKEN bearer from the Secret', async () => {
    const objs = await renderChart({ 'metrics.serviceMonitor.enabled': 'true' });
    // The Prometheus Operator's CRDs have no schema in kubernetes-models: checked by shape here.
    const sm = objs.find((o) => o.kind === 'ServiceMonitor');
    expect(sm?.apiVersion).toBe('monitoring.coreos.com/v1');
    const api = objs.find((o) => o.kind === 'Service' && o.metadata.name === 'seer-api');
    expect(sm?.spec.selector.matchLabels).toEqual(api?.spec.selector);
    expect(api?.spec.ports.map((p: { name: string }) => p.name)).toContain(sm?.spec.endpoints[0].port);
    expect(sm?.spec.endpoints[0].authorization).toEqual({
      type: 'Bearer',
      credentials: { name: 'seer-env', key: 'METRICS_TOKEN' },
    });
    const pm = objs.find((o) => o.kind === 'PodMonitor');
    const worker = objs.find((o) => o.kind === 'Deployment' && o.metadata.name === 'seer-worker');
    const labels = worker?.spec.template.metadata.labels as Record<string, string>;
    for (const [k, v] of Object.entries(pm?.spec.selector.matchLabels as Record<string, string>))
      expect(labels[k]).toBe(v);
    expect(pm?.spec.selector.matchExpressions[0].values).toContain(labels['app.kubernetes.io/component']);
    const ports = worker?.spec.template.spec.containers[0].ports.map((p: { name: string }) => p.name);
    expect(ports).toContain(pm?.spec.podMetricsEndpoints[0].port);
    for (const o of objs.filter((x) => !x.apiVersion.startsWith('monitoring.coreos.com/')))
      await validateK8s(o);
    // Off by default: no CRD objects in a plain install.
    expect((await renderChart({})).some((o) => o.apiVersion.startsWith('monitoring.coreos.com/'))).toBe(
      false,
    );
  });
});

describe('Compose file (Compose specification schema)', () => {
  const compose = parse(readFileSync(path.join(deploy, 'compose.yaml'), 'utf8'), { merge: true }) as {
    services: Record<
      string,
      { healthcheck?: unknown; ports?: string[]; restart?: string; cap_drop?: string[] }
    >;
  };

  it('gives every Seer service an environment that passes the production configuration check', () => {
    // The services' environment with the host's variables filled in and every /run/secrets/<name>
    // pointing at a file with a plausible value: a missing secret or variable stops start-up here
    // exactly as it would in the container.
    const dir = mkdtempSync(path.join(tmpdir(), 'seer-compose-'));
    const secretValues: Record<string, string> = {
      database_url: 'postgres://seer_app_login:pw@postgres:5432/seer',
      worker_database_url: 'postgres://seer_worker_login:pw@postgres:5432/seer',
      redis_url: 'redis://:pw@redis:6379',
      seer_master_key: Buffer.alloc(32, 7).toString('base64'),
      billing_webhook_secret: 'b'.repeat(64),
      metrics_token: 'm'.repeat(64),
    };
    try {
      const seer = Object.entries(
        compose.services as Record<
          string,
          { command?: string[]; environment?: Record<string, string>; secrets?: string[] }
        >,
      ).filter(([, svc]) => ['migrate', 'api', 'scheduler', 'worker'].includes(svc.command?.[0] ?? ''));
      expect(seer.map(([, svc]) => svc.command?.[0]).sort()).toEqual(
        expect.arrayContaining(['api', 'migrate', 'scheduler', 'worker']),
      );
      for (const [name, svc] of seer) {
        const env: Record<string, string> = {};
        for (const [k, v] of Object.entries(svc.environment ?? {})) {
          let value = String(v).replace(/\$\{SEER_PUBLIC_URL[^}]*\}/, 'https://seer.example.com');
          value = value.replace(/\$\{[A-Z_]+:-([^}]*)\}/g, '$1');
          const secret = /^\/run\/secrets\/([a-z_]+)$/.exec(value)?.[1];
          if (secret && secret in secretValues) {
            // A secret the service does not mount is a file that does not exist in its container.
            if (!(svc.secrets ?? []).includes(secret))
              throw new Error(`${name}: ${k} names secret ${secret}, not mounted`);
            const file = path.join(dir, secret);
            writeFileSync(file, `${secretValues[secret]}\n`);
            value = file;
          }
          env[k] = value;
        }
        expect(() => loadConfig(env, dir), `compose service ${name}`).not.toThrow();
        const c = loadConfig(env, dir);
        expect(c.databaseUrl, name).toMatch(/^postgres:/);
        // Webhook secrets are under the master key; the deprecated key is not given to new installs.
        expect(c.webhooksSecretKey, name).toBeUndefined();
        if (svc.command?.[0] === 'api')
          expect(c.metricsToken, 'the API serves /metrics to Prometheus').toBeDefined();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('matches the Compose specification', () => {
    // Vendored from the compose-spec repository (deploy/test/schemas/README.md).
    const schema = JSON.parse(readFileSync(path.join(here, 'schemas/compose-spec.json'), 'utf8'));
    // The schema names draft-07 by its https address, which Ajv does not register; it is draft-07.
    const ajv = new Ajv({ strict: false, allErrors: true, validateSchema: false });
    addFormats(ajv);
    // Compose durations are Go durations ("10s", "1m30s"), not ISO 8601.
    ajv.addFormat('duration', /^(\d+(\.\d+)?(ns|us|ms|s|m|h))+$/);
    const valid = ajv.validate(schema, compose);
    expect(ajv.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it('starts every part with a health check, and publishes ports on loopback only', () => {
    for (const name of ['postgres', 'redis', 'api', 'worker', 'scheduler', 'prometheus', 'grafana']) {
      expect(compose.services[name], name).toBeTruthy();
      expect(compose.services[name]?.healthcheck, `${name} has a healthcheck`).toBeTruthy();
    }
    for (const [name, svc] of Object.entries(compose.services)) {
      for (const p of svc.ports ?? []) expect(p, `${name} publishes ${p}`).toMatch(/^127\.0\.0\.1:/);
    }
  });
});

describe('Dockerfiles (dockerfile-utils)', () => {
  const dir = path.join(deploy, 'docker');
  const files = readdirSync(dir).filter((f) => f.startsWith('Dockerfile'));

  it.each(files)('%s is valid, multi-stage, with pinned base images', (file) => {
    const text = readFileSync(path.join(dir, file), 'utf8');
    const problems = validateDockerfile(text).filter((d) => d.severity === 1);
    expect(problems.map((p) => p.message)).toEqual([]);
    expect((text.match(/^FROM /gm) ?? []).length).toBeGreaterThanOrEqual(2);
    for (const m of text.matchAll(/^ARG (\w+_IMAGE)=(\S+)$/gm)) {
      expect(m[2], `${m[1]} pinned`).toMatch(/:\d+\.\d+(\.\d+)?(-[\w.-]+)?(@sha256:[0-9a-f]{64})?$/);
    }
    expect(text).not.toMatch(/:latest\b/);
    expect(text).toMatch(/^HEALTHCHECK /m);
  });

  it('the platform image runs as an unprivileged user', () => {
    const text = readFileSync(path.join(dir, 'Dockerfile'), 'utf8');
    expect(text).toMatch(/^USER 10001:10001$/m);
  });
});
