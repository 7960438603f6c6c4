/**
 * The master keys that protect data at rest (issue 16). Nothing is encrypted under a master key
 * directly: every package and every private-key file gets a fresh random 256-bit data key, the
 * content is encrypted with AES-256-GCM under that data key, and only the data key is wrapped
 * (AES-256-GCM, 96-bit random nonce) under a master key. Rotation therefore rewraps 32-byte
 * keys and never touches the encrypted content.
 *
 * Several master keys coexist during a rotation: the first one configured wraps, every one
 * configured unwraps. A key's id is a fingerprint of the key (never the key), so nothing has to
 * name keys by hand and a wrong key is reported as "unknown master key id", not as garbage.
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { link, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

export const DATA_KEY_BYTES = 32;
export const GCM_NONCE_BYTES = 12;
export const GCM_TAG_BYTES = 16;

/** A data key wrapped under one master key: nonce and ciphertext+tag. */
export interface WrappedKey {
  masterKid: string;
  nonce: Buffer;
  /** AES-256-GCM ciphertext of the 32-byte data key followed by the 16-byte tag. */
  wrapped: Buffer;
}

export class MasterKeyError extends Error {
  override name = 'MasterKeyError';
}

export interface MasterKeyring {
  /** Id of the key that wraps new data keys. */
  readonly activeKid: string;
  /** Ids of every key this process holds (active first). */
  readonly kids: readonly string[];
  /** Wraps `dataKey` under the active key; `context` is bound as additional data. */
  wrap(dataKey: Buffer, context: string): WrappedKey;
  /** Throws MasterKeyError for an unknown master key id or a wrong context / tampered bytes. */
  unwrap(key: WrappedKey, context: string): Buffer;
}

/** `mk-` + 16 hex digits of SHA-256 over a label and the key. */
export function masterKeyId(key: Buffer): string {
  return `mk-${createHash('sha256').update('seer master key id\0').update(key).digest('hex').slice(0, 16)}`;
}

/**
 * Parses one or more base64 keys of 32 bytes, separated by commas, whitespace or new lines
 * (`#` starts a comment line in a file). The first is the active key.
 */
export function parseMasterKeys(text: string, source: string): Buffer[] {
  const parts = text
    .split(/\r?\n/)
    .filter((line) => !line.trim().startsWith('#'))
    .join(',')
    .split(/[,\s]+/)
    .filter(Boolean);
  if (parts.length === 0) throw new MasterKeyError(`${source} holds no master key`);
  return parts.map((p, i) => {
    const key = /^[A-Za-z0-9+/]+={0,2}$/.test(p) ? Buffer.from(p, 'base64') : Buffer.alloc(0);
    if (key.length !== DATA_KEY_BYTES)
      // Never echo the value: it is (a piece of) a secret.
      throw new MasterKeyError(
        `${source}: master key #${i + 1} is not base64 of exactly 32 bytes (make one with \`seerd keys generate-master\`)`,
      );
    return key;
  });
}

export function createMasterKeyring(keys: Buffer[]): MasterKeyring {
  if (keys.length === 0) throw new MasterKeyError('no master key');
  const byKid = new Map<string, Buffer>();
  for (const k of keys) if (!byKid.has(masterKeyId(k))) byKid.set(masterKeyId(k), Buffer.from(k));
  const kids = [...byKid.keys()];
  const activeKid = kids[0] as string;
  return {
    activeKid,
    kids,
    wrap(dataKey, context) {
      const nonce = randomBytes(GCM_NONCE_BYTES);
      const cipher = createCipheriv('aes-256-gcm', byKid.get(activeKid) as Buffer, nonce);
      cipher.setAAD(Buffer.from(`${activeKid}\0${context}`, 'utf8'));
      const wrapped = Buffer.concat([cipher.update(dataKey), cipher.final(), cipher.getAuthTag()]);
      return { masterKid: activeKid, nonce, wrapped };
    },
    unwrap(key, context) {
      const master = byKid.get(key.masterKid);
      if (!master)
        throw new MasterKeyError(
          `unknown master key id ${key.masterKid} (this process holds ${kids.join(', ')}); configure the key it was wrapped under`,
        );
      if (key.wrapped.length !== DATA_KEY_BYTES + GCM_TAG_BYTES || key.nonce.length !== GCM_NONCE_BYTES)
        throw new MasterKeyError('malformed wrapped key');
      try {
        const d = createDecipheriv('aes-256-gcm', master, key.nonce);
        d.setAAD(Buffer.from(`${key.masterKid}\0${context}`, 'utf8'));
        d.setAuthTag(key.wrapped.subarray(DATA_KEY_BYTES));
        return Buffer.concat([d.update(key.wrapped.subarray(0, DATA_KEY_BYTES)), d.final()]);
      } catch {
        throw new MasterKeyError(`wrapped key does not authenticate under ${key.masterKid} for ${context}`);
      }
    },
  };
}

export function generateMasterKey(): string {
  return randomBytes(DATA_KEY_BYTES).toString('base64');
}

/** Name of the master key file generated outside production (under SEER_KEYS_DIR). */
export const GENERATED_MASTER_KEY_FILE = 'master.key';

/**
 * The process's master keyring from config: SEER_MASTER_KEY, else SEER_MASTER_KEY_FILE, else
 * (when key generation is allowed, never in production) `<keysDir>/master.key`, created on first
 * use with mode 0600. Undefined when no key is configured and none may be generated.
 */
export async function loadMasterKeyring(config: {
  masterKey: string | undefined;
  masterKeyFile: string | undefined;
  keysDir: string;
  generateKeys: boolean;
}): Promise<MasterKeyring | undefined> {
  if (config.masterKey !== undefined)
    return createMasterKeyring(parseMasterKeys(config.masterKey, 'SEER_MASTER_KEY'));
  if (config.masterKeyFile !== undefined) {
    let text: string;
    try {
      text = await readFile(config.masterKeyFile, 'utf8');
    } catch (err) {
      throw new MasterKeyError(
        `SEER_MASTER_KEY_FILE ${config.masterKeyFile} cannot be read: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`,
      );
    }
    return createMasterKeyring(parseMasterKeys(text, `SEER_MASTER_KEY_FILE ${config.masterKeyFile}`));
  }
  const file = path.join(config.keysDir, GENERATED_MASTER_KEY_FILE);
  try {
    return createMasterKeyring(parseMasterKeys(await readFile(file, 'utf8'), file));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  if (!config.generateKeys) return undefined;
  await mkdir(config.keysDir, { recursive: true, mode: 0o700 });
  // Written whole beside it, then linked into place: a reader never sees a half-written key, and
  // when another process generated one at the same moment, theirs wins (EEXIST) and is used.
  const tmp = `${file}.${randomBytes(6).toString('hex')}.tmp`;
  await writeFile(tmp, `${generateMasterKey()}\n`, { mode: 0o600, flag: 'wx' });
  try {
    await link(tmp, file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  } finally {
    await rm(tmp, { force: true });
  }
  return createMasterKeyring(parseMasterKeys(await readFile(file, 'utf8'), file));
}

// ---- Sealed files (private keys on disk) -------------------------------------------------

const SEALED_MAGIC = 'seer-sealed-v1';

/** Whether `text` is a sealed file (else a plain PEM from an earlier install). */
export function isSealed(text: string): boolean {
  return text.trimStart().startsWith(`{"${SEALED_MAGIC}"`);
}

interface SealedFile {
  [SEALED_MAGIC]: true;
  masterKid: string;
  keyNonce: string;
  wrappedKey: string;
  nonce: string;
  ciphertext: string;
}

/** Encrypts `plaintext` under a fresh data key wrapped by the active master key (JSON text). */
export function sealText(plaintext: string, ring: MasterKeyring, context: string): string {
  const dataKey = randomBytes(DATA_KEY_BYTES);
  const nonce = randomBytes(GCM_NONCE_BYTES);
  const c = createCipheriv('aes-256-gcm', dataKey, nonce);
  c.setAAD(Buffer.from(context, 'utf8'));
  const ciphertext = Buffer.concat([c.update(plaintext, 'utf8'), c.final(), c.getAuthTag()]);
  const w = ring.wrap(dataKey, context);
  const sealed: SealedFile = {
    [SEALED_MAGIC]: true,
    masterKid: w.masterKid,
    keyNonce: w.nonce.toString('base64'),
    wrappedKey: w.wrapped.toString('base64'),
    nonce: nonce.toString('base64'),
    ciphertext: ciphertext.toString('base64'),
  };
  return `${JSON.stringify(sealed)}\n`;
}

function parseSealed(text: string): SealedFile {
  const s = JSON.parse(text) as SealedFile;
  if (s[SEALED_MAGIC] !== true || typeof s.masterKid !== 'string')
    throw new MasterKeyError('not a sealed file');
  return s;
}

/** The master key id a sealed file's data key is wrapped under. */
export function sealedMasterKid(text: string): string {
  return parseSealed(text).masterKid;
}

/** The data key of a sealed file, unwrapped by the master key it names. */
function unwrapSealedKey(s: SealedFile, ring: MasterKeyring, context: string): Buffer {
  return ring.unwrap(
    {
      masterKid: s.masterKid,
      nonce: Buffer.from(s.keyNonce, 'base64'),
      wrapped: Buffer.from(s.wrappedKey, 'base64'),
    },
    context,
  );
}

export function unsealText(text: string, ring: MasterKeyring, context: string): string {
  const s = parseSealed(text);
  const dataKey = unwrapSealedKey(s, ring, context);
  const ct = Buffer.from(s.ciphertext, 'base64');
  try {
    const d = createDecipheriv('aes-256-gcm', dataKey, Buffer.from(s.nonce, 'base64'));
    d.setAAD(Buffer.from(context, 'utf8'));
    d.setAuthTag(ct.subarray(ct.length - GCM_TAG_BYTES));
    return Buffer.concat([d.update(ct.subarray(0, ct.length - GCM_TAG_BYTES)), d.final()]).toString('utf8');
  } catch {
    throw new MasterKeyError(`sealed ${context} does not authenticate`);
  }
}

/** Rewraps a sealed file's data key under the active master key; the ciphertext is kept. */
export function rewrapSealed(text: string, ring: MasterKeyring, context: string): string {
  const s = parseSealed(text);
  const dataKey = unwrapSealedKey(s, ring, context);
  const w = ring.wrap(dataKey, context);
  const out: SealedFile = {
    ...s,
    masterKid: w.masterKid,
    keyNonce: w.nonce.toString('base64'),
    wrappedKey: w.wrapped.toString('base64'),
  };
  return `${JSON.stringify(out)}\n`;
}

/**
 * Reads a private key file: a sealed file is opened with `ring` (MasterKeyError without one);
 * a plain PEM (earlier installs) is returned as it is until `seerd keys rotate` seals it.
 * `context` is the file's base name, bound into the encryption so files cannot be swapped.
 */
export async function readKeyFile(file: string, ring: MasterKeyring | undefined): Promise<string> {
  const text = await readFile(file, 'utf8');
  if (!isSealed(text)) return text;
  if (!ring)
    throw new MasterKeyError(
      `${file} is sealed under a master key; configure SEER_MASTER_KEY or SEER_MASTER_KEY_FILE`,
    );
  return unsealText(text, ring, path.basename(file));
}

/** The content to write for a new private key file: sealed when a master key is configured. */
export function keyFileContent(file: string, pem: string, ring: MasterKeyring | undefined): string {
  return ring ? sealText(pem, ring, path.basename(file)) : pem;
}
