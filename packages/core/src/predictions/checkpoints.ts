/**
 * Signed checkpoints of the prediction ledger: a statement "chain (version, mode) had head `hash`
 * at `seq` when signed at `signed_at`", signed with Ed25519 by the workers' ledger key (a key the
 * API never holds; docs/SECURITY.md). Pure apart from key-file loading; docs/VERIFYING.md
 * documents the payload byte for byte so it verifies with `openssl pkeyutl -verify -rawin`.
 *
 * A key's id is derived from the key itself (the first 16 hex digits of SHA-256 of its SPKI DER),
 * so anyone can check that a published key and a key id belong together.
 */
import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  type KeyObject,
  sign,
  verify,
} from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

export const CHECKPOINT_FORMAT = 'seer-ledger-checkpoint-v1';

export interface CheckpointStatement {
  key_id: string;
  version_id: string;
  mode: 'live' | 'backtest';
  seq: number;
  head: string;
  signed_at: Date | string;
}

export interface SignedCheckpoint extends CheckpointStatement {
  /** The exact signed text (UTF-8): checkpointPayload(statement). */
  payload: string;
  /** Base64 Ed25519 signature over the payload's bytes. */
  signature: string;
}

export function checkpointPayload(c: CheckpointStatement): string {
  const at = c.signed_at instanceof Date ? c.signed_at : new Date(c.signed_at);
  if (!/^[0-9a-f]{64}$/.test(c.head)) throw new RangeError('checkpoint head must be 64 lowercase hex digits');
  if (!/^[0-9a-f]{16}$/.test(c.key_id))
    throw new RangeError('checkpoint key_id must be 16 lowercase hex digits');
  return `${[
    CHECKPOINT_FORMAT,
    `key_id=${c.key_id}`,
    `version_id=${c.version_id.toLowerCase()}`,
    `mode=${c.mode}`,
    `seq=${String(c.seq)}`,
    `head=${c.head}`,
    `signed_at=${at.toISOString()}`,
  ].join('\n')}\n`;
}

/** First 16 hex digits of SHA-256 of the key's SPKI DER. */
export function ledgerKeyId(publicKey: KeyObject): string {
  return createHash('sha256')
    .update(publicKey.export({ format: 'der', type: 'spki' }))
    .digest('hex')
    .slice(0, 16);
}

export interface LedgerSigner {
  keyId: string;
  publicKeyPem: string;
  sign(c: Omit<CheckpointStatement, 'key_id'>): SignedCheckpoint;
}

export function createLedgerSigner(privateKey: KeyObject): LedgerSigner {
  if (privateKey.asymmetricKeyType !== 'ed25519') throw new Error('the ledger signing key must be Ed25519');
  const publicKey = createPublicKey(privateKey);
  const keyId = ledgerKeyId(publicKey);
  return {
    keyId,
    publicKeyPem: publicKey.export({ format: 'pem', type: 'spki' }).toString(),
    sign(c) {
      const statement = { ...c, key_id: keyId };
      const payload = checkpointPayload(statement);
      const signature = sign(null, Buffer.from(payload, 'utf8'), privateKey).toString('base64');
      return { ...statement, payload, signature };
    },
  };
}

/**
 * Loads the ledger signing key (PKCS#8 PEM); when the file is absent and `generate` is true,
 * creates it (mode 0600) as dev and demo setups do for their other keys.
 */
export async function loadLedgerSigner(opts: { file: string; generate: boolean }): Promise<LedgerSigner> {
  let pem: string;
  try {
    pem = await readFile(opts.file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT' || !opts.generate) throw err;
    await mkdir(path.dirname(opts.file), { recursive: true, mode: 0o700 });
    const { privateKey } = generateKeyPairSync('ed25519');
    pem = privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
    try {
      await writeFile(opts.file, pem, { mode: 0o600, flag: 'wx' });
    } catch (e) {
      // Another process generated it first: use theirs.
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      pem = await readFile(opts.file, 'utf8');
    }
  }
  return createLedgerSigner(createPrivateKey(pem));
}

export type CheckpointProblem = 'unknown_key' | 'bad_signature' | 'payload_mismatch';

/** Checks a checkpoint against known public keys (key id -> SPKI PEM). Null when it verifies. */
export function checkCheckpoint(
  c: SignedCheckpoint,
  keys: ReadonlyMap<string, string>,
): CheckpointProblem | null {
  const pem = keys.get(c.key_id);
  if (!pem) return 'unknown_key';
  let key: KeyObject;
  try {
    key = createPublicKey(pem);
  } catch {
    return 'unknown_key';
  }
  if (ledgerKeyId(key) !== c.key_id) return 'unknown_key';
  let expected: string;
  try {
    expected = checkpointPayload(c);
  } catch {
    return 'payload_mismatch';
  }
  if (expected !== c.payload) return 'payload_mismatch';
  try {
    return verify(null, Buffer.from(c.payload, 'utf8'), key, Buffer.from(c.signature, 'base64'))
      ? null
      : 'bad_signature';
  } catch {
    return 'bad_signature';
  }
}
