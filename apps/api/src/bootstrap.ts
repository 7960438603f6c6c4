/**
 * Composition root of the API: from config and an open database to a ready Fastify instance.
 * `seerd api`, `seerd all` and the tests all come through here, so they wire the same parts.
 */
import type { Config } from '@seer/core/config';
import type { Db } from '@seer/core/db';
import type { FastifyInstance, FastifyServerOptions } from 'fastify';
import { buildApp } from './app';
import type { ApiContext } from './context';
import { createServices, type ServiceLifecycle } from './services';

export interface ApiHandle {
  app: FastifyInstance;
  ctx: ApiContext;
  close(): Promise<void>;
}

export async function createApiContext(opts: {
  config: Readonly<Config>;
  db: Db;
  logger?: FastifyServerOptions['logger'];
  clock?: () => Date;
  /** Registers more routes before the app becomes ready (tests use it for probe routes). */
  beforeReady?: (app: FastifyInstance) => void | Promise<void>;
}): Promise<ApiHandle> {
  const clock = opts.clock ?? (() => new Date());
  const lifecycle: ServiceLifecycle = { probes: [], closers: [] };
  const closeServices = async () => {
    for (const close of lifecycle.closers.splice(0)) await close();
  };
  try {
    const services = await createServices({ config: opts.config, db: opts.db, clock, lifecycle });
    const ctx: ApiContext = {
      config: opts.config,
      db: opts.db,
      probes: lifecycle.probes,
      clock,
      services,
      metricsRegistries: [],
    };
    const app = await buildApp({ ctx, ...(opts.logger !== undefined ? { logger: opts.logger } : {}) });
    services.authCache.onTrouble((message, level) => app.log[level]({ channel: 'seer_auth' }, message));
    await opts.beforeReady?.(app);
    await app.ready();
    return {
      app,
      ctx,
      close: async () => {
        await app.close();
        await closeServices();
      },
    };
  } catch (err) {
    await closeServices();
    throw err;
  }
}
