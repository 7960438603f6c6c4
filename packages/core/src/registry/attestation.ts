/**
 * What the platform signs for every version, and the check the worker runs before every run:
 * the stored bytes must hash to the digest, the signature must verify under a platform key, and
 * the signed payload must name that same digest.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import { AppError } from '../errors';
import { canonicalJson } from './canonical-json';
import type { RegistryManifest } from './manifest';
import type { ArtifactKeyring } from './signing/keyring';
import './registry-errors';

export const ATTESTATION_TYPE = 'seer.model-version.v1';

export interface SignedPayload {
  type: typeof ATTESTATION_TYPE;
  /** Model slug. */
  model: string;
  version: string;
  /** SHA-256 hex of the canonical package tar. */
  digest: string;
  manifest: RegistryManifest;
}

export interface Attestation {
  digest: string;
  /** Base64 Ed25519 signature over the UTF-8 bytes of `payload`. */
  signature: string;
  keyId: string;
  /** The exact signed text: canonical JSON of a SignedPayload. */
  payload: string;
}

export function signedPayloadText(p: Omit<SignedPayload, 'type'>): string {
  return canonicalJson({ type: ATTESTATION_TYPE, ...p });
}

function integrityError(detail: string, cause?: unknown): AppError {
  return new AppError('artifact_integrity_failed', { detail, ...(cause ? { cause } : {}) });
}

/** SHA-256 of the gunzipped bytes (a gzipped canonical tar) from a buffer or a file path. */
export async function digestOfArtifact(data: Buffer | string): Promise<string> {
  const hash = createHash('sha256');
  const input = typeof data === 'string' ? createReadStream(data) : Readable.from([data]);
  await pipeline(input, createGunzip(), async (source: AsyncIterable<Buffer>) => {
    for await (const chunk of source) hash.update(chunk);
  });
  return hash.digest('hex');
}

/**
 * Re-checks an artifact against its attestation. `data` is the stored gzipped artifact, as bytes
 * or a file path. Throws AppError('artifact_integrity_failed') on any mismatch; returns the
 * verified payload.
 */
export async function verifyArtifact(
  att: Attestation,
  data: Buffer | string,
  keyring: Pick<ArtifactKeyring, 'verify'>,
): Promise<SignedPayload> {
  if (!keyring.verify(att.keyId, att.payload, att.signature)) {
    throw integrityError(`The signature of artifact ${att.digest} does not verify under key ${att.keyId}.`);
  }
  let payload: SignedPayload;
  try {
    payload = JSON.parse(att.payload) as SignedPayload;
  } catch (err) {
    throw integrityError('The signed payload is not JSON.', err);
  }
  if (payload?.type !== ATTESTATION_TYPE || payload.digest !== att.digest) {
    throw integrityError('The signed payload does not name this artifact digest.');
  }
  let actual: string;
  try {
    actual = await digestOfArtifact(data);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw err;
    throw integrityError(`Artifact ${att.digest} is corrupt (it does not decompress).`, err);
  }
  if (actual !== att.digest) {
    throw integrityError(`Artifact content hashes to ${actual}, not to the signed digest ${att.digest}.`);
  }
  return payload;
}

/** verifyArtifact bound to a keyring, for the worker: `verify(attestation, bytesOrPath)`. */
export function createArtifactVerifier(keyring: Pick<ArtifactKeyring, 'verify'>) {
  return (att: Attestation, data: Buffer | string) => verifyArtifact(att, data, keyring);
}
