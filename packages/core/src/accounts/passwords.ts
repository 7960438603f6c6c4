/**
 * Password hashing with argon2id. Production uses the OWASP minimum (19 MiB, 2 passes, 1 lane,
 * ~86 ms per hash here); tests pass cheaper parameters through config so suites stay fast.
 */
import { type Algorithm, hash, verify } from '@node-rs/argon2';

export interface Argon2Params {
  memoryKib: number;
  timeCost: number;
  parallelism: number;
}

export const OWASP_ARGON2: Readonly<Argon2Params> = { memoryKib: 19456, timeCost: 2, parallelism: 1 };

// A const enum in the typings; its value is spelled out because isolatedModules cannot inline it.
const ARGON2ID = 2 as Algorithm;

export interface PasswordHasher {
  hash(password: string): Promise<string>;
  verify(passwordHash: string, password: string): Promise<boolean>;
  /**
   * Spends the same time as a real verification, for unknown accounts, so response time does not
   * reveal whether an email is registered.
   */
  verifyDummy(password: string): Promise<void>;
}

export async function createPasswordHasher(params: Argon2Params = OWASP_ARGON2): Promise<PasswordHasher> {
  const options = {
    algorithm: ARGON2ID,
    memoryCost: params.memoryKib,
    timeCost: params.timeCost,
    parallelism: params.parallelism,
  };
  const dummy = await hash('seer-dummy-password-for-timing', options);
  return {
    hash: (password) => hash(password, options),
    verify: async (passwordHash, password) => {
      try {
        return await verify(passwordHash, password);
      } catch {
        // A corrupt stored hash must read as "wrong password", never as a 500 that tells them apart.
        return false;
      }
    },
    verifyDummy: async (password) => {
      await verify(dummy, password).catch(() => false);
    },
  };
}
