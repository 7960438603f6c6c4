/**
 * Builds the account services from config, database, clock and a throttle store. The API's
 * composition root and `seerd users create` both come through here, so they hash alike.
 */
import type { Config } from '../config';
import type { Db } from '../db/db';
import { type AccountsService, createAccountsService } from './accounts.service';
import { type ApiKeysService, createApiKeysService } from './api-keys.service';
import type { AuthCache } from './auth-cache';
import { createPasswordHasher, type PasswordHasher } from './passwords';
import { createSessionsService, type SessionsService } from './sessions.service';
import { createMemoryThrottleStore, type ThrottleStore } from './throttle';
import { createTokenService, type TokenService } from './tokens';

export interface AccountServices {
  accounts: AccountsService;
  sessions: SessionsService;
  apiKeys: ApiKeysService;
  tokens: TokenService;
  passwords: PasswordHasher;
}

export async function createAccountServices(deps: {
  config: Readonly<Config>;
  db: Db;
  clock: () => Date;
  /** Defaults to an in-memory store (one process). */
  throttle?: ThrottleStore;
  log?: (msg: string) => void;
  /** The process's auth cache (the API's); without it every request reads the database. */
  cache?: AuthCache;
}): Promise<AccountServices> {
  const { config, db, clock } = deps;
  const cache = deps.cache ? { cache: deps.cache } : {};
  const passwords = await createPasswordHasher({
    memoryKib: config.argon2MemoryKib,
    timeCost: config.argon2TimeCost,
    parallelism: 1,
  });
  const tokens = await createTokenService({ config, clock, ...(deps.log ? { log: deps.log } : {}) });
  const apiKeys = createApiKeysService({ db, clock, ...cache });
  const throttle = deps.throttle ?? createMemoryThrottleStore(clock);
  const accounts = createAccountsService({
    db,
    clock,
    passwords,
    ...cache,
    registrationThrottle: {
      store: throttle,
      maxPerIp: config.loginMaxAttemptsPerIp,
      windowSeconds: config.loginWindowSeconds,
    },
  });
  const sessions = createSessionsService({ db, clock, config, tokens, passwords, throttle, apiKeys });
  return { accounts, sessions, apiKeys, tokens, passwords };
}

/** Accounts-only: for the CLI, which needs no signing keys. */
export async function createAccountsOnly(deps: { config: Readonly<Config>; db: Db; clock: () => Date }) {
  const passwords = await createPasswordHasher({
    memoryKib: deps.config.argon2MemoryKib,
    timeCost: deps.config.argon2TimeCost,
    parallelism: 1,
  });
  return createAccountsService({ db: deps.db, clock: deps.clock, passwords });
}
