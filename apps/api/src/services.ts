/**
 * The domain services the HTTP layer calls, built once from config, database and clock.
 * Each feature adds its service here (one property per domain folder in packages/core).
 */
import type { Config } from '@seer/core/config';
import type { Db } from '@seer/core/db/db';

export interface ServiceDeps {
  config: Readonly<Config>;
  db: Db;
  clock: () => Date;
}

// biome-ignore lint/complexity/noBannedTypes: grows one property per domain as features land
export type Services = {};

export async function createServices(_deps: ServiceDeps): Promise<Services> {
  return {};
}
