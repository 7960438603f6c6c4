/**
 * A real API over a real database (PostgreSQL or PGlite) for route tests, driven with app.inject.
 */
import { type Config, testConfig } from '@seer/core/config';
import type { DbDriver } from '@seer/core/db';
import { createTestDb, type TestDb } from '@seer/core/testing';
import type { FastifyInstance } from 'fastify';
import { createApiContext } from '../bootstrap';

export interface TestApp {
  app: FastifyInstance;
  t: TestDb;
  close(): Promise<void>;
}

export async function createTestApp(
  driver: DbDriver,
  overrides: Partial<Config> = {},
  beforeReady?: (app: FastifyInstance) => void | Promise<void>,
): Promise<TestApp> {
  const t = await createTestDb(driver);
  const config = testConfig(overrides);
  const { app, close } = await createApiContext({
    config,
    db: t.db,
    ...(beforeReady ? { beforeReady } : {}),
  });
  return {
    app,
    t,
    close: async () => {
      await close();
      await t.cleanup();
    },
  };
}
