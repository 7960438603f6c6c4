import { createHmac, createPrivateKey, generateKeyPairSync, sign } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadMasterKeyring, readKeyFile } from '../crypto/master-keys';
import { isAppError } from '../errors';
import {
  createTokenService,
  generateSigningKey,
  KeysUnavailableError,
  loadSigningKeys,
  type TokenService,
} from './tokens';

const b64 = (v: unknown) => Buffer.from(typeof v === 'string' ? v : JSON.stringify(v)).toString('base64url');
let now = new Date('2026-11-26T12:00:00Z');
const clock = () => now;
const config = {
  publicUrl: 'https://seer.example',
  accessTokenTtlSeconds: 900,
  generateKeys: true,
};
const claims = () => {
  const iat = Math.floor(now.getTime() / 1000);
  return {
    sub: '7d4a6a8e-2f43-4c1e-9d3b-3c6f0b1a2b3c',
    roles: ['developer'],
    ver: 0,
    sid: '0b7a0f9e-1e45-4a5e-8d6b-5b0f4f2b9c11',
    jti: 'j1',
    iat,
    exp: iat + 900,
    iss: config.publicUrl,
    aud: 'seer-api',
  };
};

async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return 'accepted';
  } catch (err) {
    if (!isAppError(err)) throw err;
    expect(err.status).toBe(401);
    return err.code;
  }
}

describe('access tokens', () => {
  let dir: string;
  let tokens: TokenService;
  let pem: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'seer-keys-'));
    tokens = await createTokenService({ config: { ...config, keysDir: dir }, clock });
    // The generated JWT key, sealed under the master key generated beside it (issue 16).
    const files = (await readdir(dir)).sort();
    expect(files).toEqual([expect.stringMatching(/^jwt-.+\.pem$/), 'master.key']);
    const sealed = await readFile(path.join(dir, files[0] as string), 'utf8');
    expect(sealed).not.toContain('PRIVATE KEY');
    const ring = await loadMasterKeyring({
      masterKey: undefined,
      masterKeyFile: undefined,
      keysDir: dir,
      generateKeys: false,
    });
    pem = await readKeyFile(path.join(dir, files[0] as string), ring);
    expect(pem).toContain('BEGIN PRIVATE KEY');
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  /** Signs header.payload with the real private key, to craft tokens the server must still refuse. */
  const signWithRealKey = (header: object, payload: object) => {
    const input = `${b64(header)}.${b64(payload)}`;
    return `${input}.${sign(null, Buffer.from(input), createPrivateKey(pem)).toString('base64url')}`;
  };

  it('issues tokens it accepts, with the claims it promised', async () => {
    const { token, expiresIn } = await tokens.issueAccessToken({
      userId: claims().sub,
      roles: ['developer', 'subscriber'],
      tokenVersion: 3,
      sessionId: claims().sid,
    });
    expect(expiresIn).toBe(900);
    const c = await tokens.verifyAccessToken(token);
    expect(c).toMatchObject({
      userId: claims().sub,
      roles: ['developer', 'subscriber'],
      tokenVersion: 3,
      sessionId: claims().sid,
    });
    expect(c.expiresAt.getTime() - c.issuedAt.getTime()).toBe(900_000);
  });

  it('accepts a hand-crafted token signed by the real key (the crafting itself is sound)', async () => {
    const t = signWithRealKey({ alg: 'EdDSA', kid: tokens.signingKid, typ: 'JWT' }, claims());
    expect(await codeOf(tokens.verifyAccessToken(t))).toBe('accepted');
  });

  it('refuses alg "none" (unsigned tokens)', async () => {
    const t = `${b64({ alg: 'none', typ: 'JWT' })}.${b64(claims())}.`;
    expect(await codeOf(tokens.verifyAccessToken(t))).toBe('token_unsupported_alg');
    const withKid = `${b64({ alg: 'none', kid: tokens.signingKid })}.${b64(claims())}.`;
    expect(await codeOf(tokens.verifyAccessToken(withKid))).toBe('token_unsupported_alg');
  });

  it('refuses HS256 signed with the public key as the HMAC secret (key confusion)', async () => {
    const jwk = tokens.jwks().keys[0] as { x: string };
    const spki = createPrivateKey(pem);
    const publicPem = (await import('node:crypto'))
      .createPublicKey(spki)
      .export({ type: 'spki', format: 'pem' });
    for (const secret of [publicPem, jwk.x, Buffer.from(jwk.x, 'base64url')]) {
      const input = `${b64({ alg: 'HS256', kid: tokens.signingKid, typ: 'JWT' })}.${b64(claims())}`;
      const t = `${input}.${createHmac('sha256', secret).update(input).digest('base64url')}`;
      expect(await codeOf(tokens.verifyAccessToken(t))).toBe('token_unsupported_alg');
    }
  });

  it('refuses other asymmetric algorithms too', async () => {
    const t = signWithRealKey({ alg: 'ES256', kid: tokens.signingKid }, claims());
    expect(await codeOf(tokens.verifyAccessToken(t))).toBe('token_unsupported_alg');
  });

  it('refuses an unknown or missing kid', async () => {
    expect(
      await codeOf(tokens.verifyAccessToken(signWithRealKey({ alg: 'EdDSA', kid: 'nope' }, claims()))),
    ).toBe('token_unknown_kid');
    expect(await codeOf(tokens.verifyAccessToken(signWithRealKey({ alg: 'EdDSA' }, claims())))).toBe(
      'token_unknown_kid',
    );
  });

  it('refuses a token signed by another Ed25519 key under our kid', async () => {
    const { privateKey } = generateKeyPairSync('ed25519');
    const input = `${b64({ alg: 'EdDSA', kid: tokens.signingKid, typ: 'JWT' })}.${b64(claims())}`;
    const t = `${input}.${sign(null, Buffer.from(input), privateKey).toString('base64url')}`;
    expect(await codeOf(tokens.verifyAccessToken(t))).toBe('token_invalid_signature');
  });

  it('refuses a tampered payload (privilege escalation)', async () => {
    const good = signWithRealKey({ alg: 'EdDSA', kid: tokens.signingKid, typ: 'JWT' }, claims());
    const [h, , s] = good.split('.');
    const t = `${h}.${b64({ ...claims(), roles: ['admin'] })}.${s}`;
    expect(await codeOf(tokens.verifyAccessToken(t))).toBe('token_invalid_signature');
  });

  it('refuses malformed tokens', async () => {
    for (const t of [
      '',
      'abc',
      'a.b',
      'a.b.c.d',
      `${b64('not json')}.${b64(claims())}.sig`,
      `${b64({ alg: 'EdDSA' })}.${b64('[1]')}.sig`,
      'ä.ö.ü',
    ]) {
      expect(await codeOf(tokens.verifyAccessToken(t)), t).toBe('token_malformed');
    }
  });

  it('refuses an expired token, and one from another issuer or audience', async () => {
    const expired = { ...claims(), iat: claims().iat - 1000, exp: claims().iat - 100 };
    const kid = tokens.signingKid;
    expect(
      await codeOf(tokens.verifyAccessToken(signWithRealKey({ alg: 'EdDSA', kid, typ: 'JWT' }, expired))),
    ).toBe('token_expired');
    expect(
      await codeOf(
        tokens.verifyAccessToken(
          signWithRealKey({ alg: 'EdDSA', kid, typ: 'JWT' }, { ...claims(), aud: 'other' }),
        ),
      ),
    ).toBe('token_invalid_claims');
    expect(
      await codeOf(
        tokens.verifyAccessToken(
          signWithRealKey({ alg: 'EdDSA', kid, typ: 'JWT' }, { ...claims(), iss: 'https://evil.example' }),
        ),
      ),
    ).toBe('token_invalid_claims');
    const { ver: _v, ...noVersion } = claims();
    expect(
      await codeOf(tokens.verifyAccessToken(signWithRealKey({ alg: 'EdDSA', kid, typ: 'JWT' }, noVersion))),
    ).toBe('token_invalid_claims');
  });

  it('a real token expires after the TTL by the injected clock', async () => {
    const { token } = await tokens.issueAccessToken({
      userId: claims().sub,
      roles: [],
      tokenVersion: 0,
      sessionId: claims().sid,
    });
    const saved = now;
    try {
      now = new Date(saved.getTime() + 899_000);
      expect(await codeOf(tokens.verifyAccessToken(token))).toBe('accepted');
      now = new Date(saved.getTime() + 901_000);
      expect(await codeOf(tokens.verifyAccessToken(token))).toBe('token_expired');
    } finally {
      now = saved;
    }
  });
});

describe('signing keys on disk', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'seer-keys-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('refuses to start without keys when generation is off, naming the folder', async () => {
    const empty = path.join(dir, 'empty');
    await expect(loadSigningKeys(empty, { generate: false })).rejects.toThrow(KeysUnavailableError);
    await expect(loadSigningKeys(empty, { generate: false })).rejects.toThrow(empty);
  });

  it('rotation: the newest key signs, older keys still verify until removed', async () => {
    const rot = path.join(dir, 'rot');
    const oldFile = await generateSigningKey(rot);
    await utimes(oldFile, new Date('2026-01-01'), new Date('2026-01-01'));
    const before = await createTokenService({
      config: { ...config, keysDir: rot, generateKeys: false },
      clock,
    });
    const oldToken = (
      await before.issueAccessToken({
        userId: claims().sub,
        roles: [],
        tokenVersion: 0,
        sessionId: claims().sid,
      })
    ).token;

    await generateSigningKey(rot);
    const after = await createTokenService({
      config: { ...config, keysDir: rot, generateKeys: false },
      clock,
    });
    expect(after.signingKid).not.toBe(before.signingKid);
    expect(
      after
        .jwks()
        .keys.map((k) => k.kid)
        .sort(),
    ).toEqual([before.signingKid, after.signingKid].sort());
    expect(await codeOf(after.verifyAccessToken(oldToken))).toBe('accepted');
    const newToken = (
      await after.issueAccessToken({
        userId: claims().sub,
        roles: [],
        tokenVersion: 0,
        sessionId: claims().sid,
      })
    ).token;
    expect(JSON.parse(Buffer.from(newToken.split('.')[0] as string, 'base64url').toString()).kid).toBe(
      after.signingKid,
    );

    await rm(oldFile);
    const retired = await createTokenService({
      config: { ...config, keysDir: rot, generateKeys: false },
      clock,
    });
    expect(await codeOf(retired.verifyAccessToken(oldToken))).toBe('token_unknown_kid');
    expect(await codeOf(retired.verifyAccessToken(newToken))).toBe('accepted');
  });

  it('rejects a key that is not Ed25519 and a file that is not a key', async () => {
    const bad = path.join(dir, 'bad');
    await (await import('node:fs/promises')).mkdir(bad);
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 1024 });
    await writeFile(path.join(bad, 'jwt-rsa.pem'), privateKey.export({ type: 'pkcs8', format: 'pem' }));
    await expect(loadSigningKeys(bad, { generate: false })).rejects.toThrow(/Ed25519/);
    const junk = path.join(dir, 'junk');
    await (await import('node:fs/promises')).mkdir(junk);
    await writeFile(path.join(junk, 'jwt-x.pem'), 'hello');
    await expect(loadSigningKeys(junk, { generate: false })).rejects.toThrow(/not a readable PEM/);
  });
});
