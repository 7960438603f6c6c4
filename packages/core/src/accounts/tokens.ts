/**
 * Access tokens: JWTs signed with Ed25519 (EdDSA). Keys live as PEM files `jwt-<kid>.pem` in
 * config.keysDir; the newest file signs, every file present verifies, so rotation is "add a key,
 * restart, delete the old one once the longest access token signed with it has expired".
 */
import {
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  type KeyObject,
  randomBytes,
  randomUUID,
} from 'node:crypto';
import { mkdir, readdir, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { exportJWK, type JWK, errors as joseErrors, jwtVerify, SignJWT } from 'jose';
import type { Config } from '../config';
import { keyFileContent, loadMasterKeyring, type MasterKeyring, readKeyFile } from '../crypto/master-keys';
import { AppError, registerErrorCodes } from '../errors';
import { normalizeRoles, type Role } from './roles';

registerErrorCodes({ token_invalid_claims: 401 });

export const ACCESS_TOKEN_AUDIENCE = 'seer-api';
const KEY_FILE = /^jwt-([A-Za-z0-9_-]{1,64})\.pem$/;

export interface AccessTokenClaims {
  userId: string;
  roles: Role[];
  /** users.token_version when the token was issued; a bump (disable) invalidates it at once. */
  tokenVersion: number;
  /** Refresh token family (login session) the token belongs to. */
  sessionId: string;
  jti: string;
  issuedAt: Date;
  expiresAt: Date;
}

export interface SigningKey {
  kid: string;
  privateKey: KeyObject;
  publicKey: KeyObject;
  mtimeMs: number;
}

export interface TokenService {
  issueAccessToken(input: {
    userId: string;
    roles: readonly Role[];
    tokenVersion: number;
    sessionId: string;
  }): Promise<{ token: string; expiresAt: Date; expiresIn: number }>;
  /** Verifies signature, algorithm, key id, issuer, audience and expiry; throws 401 AppErrors with distinct codes. */
  verifyAccessToken(token: string): Promise<AccessTokenClaims>;
  /** The public keys as a JWK Set, for GET /.well-known/jwks.json. */
  jwks(): { keys: JWK[] };
  readonly signingKid: string;
}

export class KeysUnavailableError extends Error {
  override name = 'KeysUnavailableError';
}

export async function loadSigningKeys(
  keysDir: string,
  opts: { generate: boolean; log?: (msg: string) => void; masterKeys?: MasterKeyring | undefined },
): Promise<SigningKey[]> {
  let files: string[] = [];
  try {
    files = (await readdir(keysDir)).filter((f) => KEY_FILE.test(f));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  if (files.length === 0) {
    if (!opts.generate) {
      throw new KeysUnavailableError(
        `No JWT signing key in ${keysDir} (expected jwt-<kid>.pem, an Ed25519 private key in PKCS#8 PEM). ` +
          'Provision one (see docs/SECURITY.md, "Signing keys") or set SEER_GENERATE_KEYS=true to generate it.',
      );
    }
    const file = await generateSigningKey(keysDir, opts.masterKeys);
    opts.log?.(`generated JWT signing key ${file}`);
    files = [path.basename(file)];
  }
  const keys: SigningKey[] = [];
  for (const file of files) {
    const full = path.join(keysDir, file);
    const kid = KEY_FILE.exec(file)?.[1] as string;
    let privateKey: KeyObject;
    try {
      privateKey = createPrivateKey(await readKeyFile(full, opts.masterKeys));
    } catch (err) {
      throw new KeysUnavailableError(`${full} is not a readable PEM private key: ${(err as Error).message}`);
    }
    if (privateKey.asymmetricKeyType !== 'ed25519') {
      throw new KeysUnavailableError(
        `${full} is a ${privateKey.asymmetricKeyType} key; JWT keys must be Ed25519`,
      );
    }
    keys.push({
      kid,
      privateKey,
      publicKey: createPublicKey(privateKey),
      mtimeMs: (await stat(full)).mtimeMs,
    });
  }
  // Newest signs; the kid breaks ties so every process started on the same folder agrees.
  keys.sort((a, b) => b.mtimeMs - a.mtimeMs || (a.kid < b.kid ? 1 : -1));
  return keys;
}

/** Writes a new Ed25519 key as jwt-<kid>.pem (mode 0600) and returns its path. */
export async function generateSigningKey(keysDir: string, masterKeys?: MasterKeyring): Promise<string> {
  await mkdir(keysDir, { recursive: true, mode: 0o700 });
  const { privateKey } = generateKeyPairSync('ed25519');
  const stamp = new Date().toISOString().replace(/[-:]/g, '').slice(0, 15);
  const kid = `${stamp}-${randomBytes(4).toString('hex')}`;
  const file = path.join(keysDir, `jwt-${kid}.pem`);
  // 'wx': never overwrite a key another process wrote at the same moment.
  const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  // Sealed under the master key when one is configured (see crypto/master-keys.ts).
  await writeFile(file, keyFileContent(file, pem, masterKeys), { mode: 0o600, flag: 'wx' });
  return file;
}

function decodeJson(part: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    return value !== null && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

const B64URL = /^[A-Za-z0-9_-]*$/;

export async function createTokenService(deps: {
  config: Pick<Config, 'keysDir' | 'generateKeys' | 'publicUrl' | 'accessTokenTtlSeconds'> &
    Partial<Pick<Config, 'masterKey' | 'masterKeyFile'>>;
  clock: () => Date;
  /** Keys already loaded (tests); otherwise read from config.keysDir. */
  keys?: SigningKey[];
  log?: (msg: string) => void;
}): Promise<TokenService> {
  const { config, clock } = deps;
  const keys =
    deps.keys ??
    (await loadSigningKeys(config.keysDir, {
      generate: config.generateKeys,
      // Key files are sealed under the master key when one is configured or generated.
      masterKeys: await loadMasterKeyring({
        masterKey: config.masterKey,
        masterKeyFile: config.masterKeyFile,
        keysDir: config.keysDir,
        generateKeys: config.generateKeys,
      }),
      ...(deps.log ? { log: deps.log } : {}),
    }));
  const signer = keys[0];
  if (!signer) throw new KeysUnavailableError('no JWT signing key');
  const byKid = new Map(keys.map((k) => [k.kid, k]));
  const jwks = {
    keys: await Promise.all(
      keys.map(async (k) => ({ ...(await exportJWK(k.publicKey)), kid: k.kid, alg: 'EdDSA', use: 'sig' })),
    ),
  };
  const issuer = config.publicUrl;

  const fail = (code: string, detail: string): never => {
    throw new AppError(code, { detail, headers: { 'www-authenticate': `Bearer error="invalid_token"` } });
  };

  return {
    signingKid: signer.kid,
    jwks: () => jwks,

    async issueAccessToken({ userId, roles, tokenVersion, sessionId }) {
      const now = clock();
      const iat = Math.floor(now.getTime() / 1000);
      const exp = iat + config.accessTokenTtlSeconds;
      const token = await new SignJWT({ roles: [...roles], ver: tokenVersion, sid: sessionId })
        .setProtectedHeader({ alg: 'EdDSA', kid: signer.kid, typ: 'JWT' })
        .setSubject(userId)
        .setIssuer(issuer)
        .setAudience(ACCESS_TOKEN_AUDIENCE)
        .setIssuedAt(iat)
        .setExpirationTime(exp)
        .setJti(randomUUID())
        .sign(signer.privateKey);
      return { token, expiresAt: new Date(exp * 1000), expiresIn: config.accessTokenTtlSeconds };
    },

    async verifyAccessToken(token) {
      // The header is inspected before any cryptography so each attack gets its own code, and so
      // the algorithm is pinned by us, never chosen by the token (alg=none, HS256 key confusion).
      const parts = token.split('.');
      if (parts.length !== 3 || parts.some((p) => p.length === 0 || !B64URL.test(p))) {
        // An unsigned token (alg none) has an empty third part: report it as the attack it is.
        const header = parts.length === 3 && parts[0] ? decodeJson(parts[0]) : undefined;
        if (header && typeof header.alg === 'string' && header.alg !== 'EdDSA') {
          fail(
            'token_unsupported_alg',
            `Tokens signed with ${String(header.alg).slice(0, 20)} are not accepted`,
          );
        }
        fail('token_malformed', 'The access token is not a well-formed JWT');
      }
      const header = decodeJson(parts[0] as string);
      if (!header || decodeJson(parts[1] as string) === undefined) {
        fail('token_malformed', 'The access token is not a well-formed JWT');
      }
      const alg = (header as Record<string, unknown>).alg;
      if (alg !== 'EdDSA') {
        fail('token_unsupported_alg', 'Only EdDSA-signed tokens are accepted');
      }
      const kid = (header as Record<string, unknown>).kid;
      const key = typeof kid === 'string' ? byKid.get(kid) : undefined;
      if (!key) fail('token_unknown_kid', 'The token was signed with a key this server does not know');
      let payload: Record<string, unknown>;
      try {
        ({ payload } = await jwtVerify(token, (key as SigningKey).publicKey, {
          algorithms: ['EdDSA'],
          issuer,
          audience: ACCESS_TOKEN_AUDIENCE,
          currentDate: clock(),
          requiredClaims: ['sub', 'iat', 'exp', 'jti'],
          typ: 'JWT',
        }));
      } catch (err) {
        if (err instanceof joseErrors.JWSSignatureVerificationFailed)
          fail('token_invalid_signature', 'The token signature is invalid');
        if (err instanceof joseErrors.JWTExpired) fail('token_expired', 'The access token has expired');
        if (err instanceof joseErrors.JWTClaimValidationFailed)
          fail('token_invalid_claims', `The token's ${err.claim} claim is not acceptable`);
        if (err instanceof joseErrors.JOSEAlgNotAllowed)
          fail('token_unsupported_alg', 'Only EdDSA is accepted');
        fail('token_malformed', 'The access token is not a well-formed JWT');
      }
      const p = payload!;
      const roles = Array.isArray(p.roles) ? p.roles.filter((r): r is string => typeof r === 'string') : null;
      if (
        typeof p.sub !== 'string' ||
        roles === null ||
        typeof p.ver !== 'number' ||
        typeof p.sid !== 'string' ||
        typeof p.jti !== 'string'
      ) {
        fail('token_invalid_claims', 'The token lacks required claims');
      }
      return {
        userId: p.sub as string,
        roles: normalizeRoles(roles as string[]),
        tokenVersion: p.ver as number,
        sessionId: p.sid as string,
        jti: p.jti as string,
        issuedAt: new Date((p.iat as number) * 1000),
        expiresAt: new Date((p.exp as number) * 1000),
      };
    },
  };
}
