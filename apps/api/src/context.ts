/**
 * What the HTTP layer is given: config, the database, and the domain services built over them.
 * Built once in buildApp (or by a test) and decorated onto the Fastify instance as `app.ctx`.
 */
import type { Config } from '@seer/core/config';
import type { Db } from '@seer/core/db';
import type { Registry } from 'prom-client';
import type { Services } from './services';

export interface ProbeTarget {
  name: string;
  check(): Promise<void>;
}

export interface ApiContext {
  config: Readonly<Config>;
  db: Db;
  /** Extra readiness probes (Redis when configured). */
  probes: ProbeTarget[];
  clock: () => Date;
  services: Services;
  /** Metric registries of other parts of this process, served with the API's at /metrics. */
  metricsRegistries: Registry[];
}

declare module 'fastify' {
  interface FastifyInstance {
    ctx: ApiContext;
  }
}
