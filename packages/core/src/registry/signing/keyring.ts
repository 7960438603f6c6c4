/**
 * The platform's Ed25519 artifact-signing keys. Each key is a PEM file in the keys folder,
 * `artifact-signing-<kid>.pem` (PKCS#8 private key); a retired key may be kept as
 * `artifact-signing-<kid>.pub.pem` (SPKI public key) so old attestations still verify.
 * The key whose kid sorts last signs new versions; generated kids start with a UTC timestamp.
 */
import {
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  type KeyObject,
  randomBytes,
  sign,
  verify,
} from 'node:crypto';
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { keyFileContent, type MasterKeyring, readKeyFile } from '../../crypto/master-keys';
import { AppError } from '../../errors';
import '../registry-errors';

export const SIGNING_ALGORITHM = 'Ed25519';
const FILE = /^artifact-signing-([A-Za-z0-9_-]{1,64})(\.pub)?\.pem$/;

export interface PublicSigningKey {
  kid: string;
  algorithm: 'Ed25519';
  /** SPKI PEM, usable with `openssl pkeyutl -verify -pubin -inkey`. */
  publicKeyPem: string;
  jwk: { kty: 'OKP'; crv: 'Ed25519'; x: string; kid: string; alg: 'EdDSA'; use: 'sig' };
  /** Whether this key signs new versions. */
  active: boolean;
}

export interface ArtifactKeyring {
  readonly activeKid: string | undefined;
  /** Signs `payload` (UTF-8) with the active key; base64 signature. */
  sign(payload: string): { signature: string; keyId: string };
  /** False for an unknown kid or a bad signature; never throws on bad input. */
  verify(keyId: string, payload: string, signature: string): boolean;
  publicKeys(): PublicSigningKey[];
}

interface Entry {
  kid: string;
  publicKey: KeyObject;
  privateKey?: KeyObject;
}

export function createKeyring(entries: Entry[]): ArtifactKeyring {
  const byKid = new Map(entries.map((e) => [e.kid, e]));
  const active = [...entries]
    .filter((e) => e.privateKey)
    .sort((a, b) => (a.kid < b.kid ? -1 : 1))
    .at(-1);
  return {
    activeKid: active?.kid,
    sign(payload) {
      if (!active?.privateKey)
        throw new AppError('signing_key_unavailable', {
          detail: 'No artifact signing key is configured; see SEER_KEYS_DIR in docs/CONFIGURATION.md.',
        });
      return {
        signature: sign(null, Buffer.from(payload, 'utf8'), active.privateKey).toString('base64'),
        keyId: active.kid,
      };
    },
    verify(keyId, payload, signature) {
      const key = byKid.get(keyId)?.publicKey;
      if (!key || !/^[A-Za-z0-9+/]+={0,2}$/.test(signature)) return false;
      try {
        return verify(null, Buffer.from(payload, 'utf8'), key, Buffer.from(signature, 'base64'));
      } catch {
        return false;
      }
    },
    publicKeys() {
      return [...byKid.values()]
        .sort((a, b) => (a.kid < b.kid ? 1 : -1))
        .map((e) => {
          const jwk = e.publicKey.export({ format: 'jwk' }) as { x: string };
          return {
            kid: e.kid,
            algorithm: SIGNING_ALGORITHM,
            publicKeyPem: e.publicKey.export({ format: 'pem', type: 'spki' }).toString(),
            jwk: { kty: 'OKP', crv: 'Ed25519', x: jwk.x, kid: e.kid, alg: 'EdDSA', use: 'sig' },
            active: e.kid === active?.kid,
          };
        });
    },
  };
}

export function newKid(now: Date): string {
  const stamp = now
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
  return `${stamp}-${randomBytes(3).toString('hex')}`;
}

/**
 * Loads every artifact-signing key in `keysDir`; when none can sign and `generate` is true,
 * creates one (mode 0600). Without a key and without permission to generate, signing fails
 * with signing_key_unavailable while verification of known public keys still works.
 */
export async function loadArtifactKeyring(opts: {
  keysDir: string;
  generate: boolean;
  clock?: () => Date;
  /** Private key files are sealed under it when present (and must be, to read sealed ones). */
  masterKeys?: MasterKeyring | undefined;
}): Promise<ArtifactKeyring> {
  const entries = await readKeys(opts.keysDir, opts.masterKeys);
  if (!entries.some((e) => e.privateKey) && opts.generate) {
    await mkdir(opts.keysDir, { recursive: true, mode: 0o700 });
    const kid = newKid((opts.clock ?? (() => new Date()))());
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    const file = path.join(opts.keysDir, `artifact-signing-${kid}.pem`);
    const pem = privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
    await writeFile(file, keyFileContent(file, pem, opts.masterKeys), { mode: 0o600, flag: 'wx' });
    entries.push({ kid, privateKey, publicKey });
  }
  return createKeyring(entries);
}

async function readKeys(dir: string, masterKeys: MasterKeyring | undefined): Promise<Entry[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
  const out = new Map<string, Entry>();
  for (const name of names.sort()) {
    const m = FILE.exec(name);
    if (!m) continue;
    const kid = m[1]!;
    // Public keys are never sealed; a sealed private key needs the master key.
    const pem = await readKeyFile(path.join(dir, name), masterKeys);
    if (m[2]) {
      const publicKey = createPublicKey(pem);
      if (publicKey.asymmetricKeyType !== 'ed25519') throw new Error(`${name} is not an Ed25519 public key`);
      if (!out.has(kid)) out.set(kid, { kid, publicKey });
    } else {
      const privateKey = createPrivateKey(pem);
      if (privateKey.asymmetricKeyType !== 'ed25519')
        throw new Error(`${name} is not an Ed25519 private key`);
      out.set(kid, { kid, privateKey, publicKey: createPublicKey(privateKey) });
    }
  }
  return [...out.values()];
}
