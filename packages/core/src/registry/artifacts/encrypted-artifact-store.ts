/**
 * Packages encrypted at rest (issue 16). Wraps the content-addressed store: `put` encrypts the
 * gzipped canonical tar with AES-256-GCM under a fresh random data key (streamed, see
 * crypto/file-cipher.ts), wraps the data key under the active master key and records it in
 * artifact_keys; the stored bytes are ciphertext. The key of the store is still the digest of
 * the PLAINTEXT, and attestations sign that digest, so they do not change.
 *
 * Reading (`download`, `get`) looks the wrapped key up, unwraps it and decrypts into the caller's
 * file; the tag is checked before anything is returned. Artifacts stored in plaintext by earlier
 * installs are still read as they are until `seerd keys rotate` encrypts them.
 *
 * A process whose database role cannot read artifact_keys.wrapped_key (the API's seer_app
 * login) gets artifact_key_unavailable: it can store packages but never read one back.
 */
import { randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { decryptFile, encryptFile, FileCipherError, isEncryptedFile } from '../../crypto/file-cipher';
import { DATA_KEY_BYTES, MasterKeyError, type MasterKeyring } from '../../crypto/master-keys';
import { AppError, registerErrorCodes } from '../../errors';
import type { ArtifactKeysRepo } from './artifact-keys.repo';
import type { ArtifactStore } from './artifact-store';

registerErrorCodes({ artifact_key_unavailable: 503 });

/** Additional data bound into both the wrap and the package encryption. */
export const artifactContext = (digest: string) => `seer-artifact:${digest}`;

export interface EncryptedArtifactStore extends ArtifactStore {
  /** Whether the stored bytes are ciphertext (false: plaintext from an earlier install). */
  isEncrypted(digest: string): Promise<boolean>;
  /** Re-stores a plaintext artifact encrypted (seerd keys encrypt-existing / rotate). */
  encryptExisting(digest: string): Promise<boolean>;
}

function keyUnavailable(digest: string, why: string, cause?: unknown): AppError {
  return new AppError('artifact_key_unavailable', {
    detail: `The key of artifact ${digest} is not available to this process (${why}).`,
    cause,
  });
}

export function createEncryptedArtifactStore(deps: {
  inner: ArtifactStore & {
    pathFor(digest: string): string;
    replace?(digest: string, localFile: string): Promise<void>;
  };
  keys: ArtifactKeysRepo;
  /** Undefined: no master key here; nothing can be stored and only plaintext artifacts read. */
  ring: MasterKeyring | undefined;
  tmpDir?: string;
}): EncryptedArtifactStore {
  const { inner, keys, ring } = deps;
  const tmpParent = deps.tmpDir ?? tmpdir();

  function requireRing(digest: string): MasterKeyring {
    if (!ring) throw keyUnavailable(digest, 'no master key: set SEER_MASTER_KEY or SEER_MASTER_KEY_FILE');
    return ring;
  }

  async function dataKeyOf(digest: string): Promise<Buffer> {
    const r = requireRing(digest);
    let row: Awaited<ReturnType<ArtifactKeysRepo['find']>>;
    try {
      row = await keys.find(digest);
    } catch (err) {
      if ((err as { code?: string }).code === '42501')
        throw keyUnavailable(digest, 'its database role may not read wrapped keys', err);
      throw err;
    }
    if (!row) throw keyUnavailable(digest, 'no wrapped key recorded');
    try {
      return r.unwrap(row, artifactContext(digest));
    } catch (err) {
      if (err instanceof MasterKeyError) throw keyUnavailable(digest, err.message, err);
      throw err;
    }
  }

  /** Encrypts `localFile` beside itself, records the wrapped key, returns the ciphertext file. */
  async function seal(digest: string, localFile: string): Promise<string> {
    const r = requireRing(digest);
    const dataKey = randomBytes(DATA_KEY_BYTES);
    const enc = `${localFile}.${randomBytes(6).toString('hex')}.enc`;
    await encryptFile(localFile, enc, dataKey, artifactContext(digest));
    try {
      await keys.put({ digest, ...r.wrap(dataKey, artifactContext(digest)) });
    } catch (err) {
      await rm(enc, { force: true });
      throw err;
    }
    return enc;
  }

  async function download(digest: string, localFile: string): Promise<void> {
    const stored = inner.pathFor(digest);
    if (!(await inner.has(digest)))
      throw new AppError('artifact_missing', { detail: `Artifact ${digest} is not in the artifact store.` });
    if (!(await isEncryptedFile(stored))) return inner.download(digest, localFile);
    const key = await dataKeyOf(digest);
    try {
      await decryptFile(stored, localFile, key, artifactContext(digest));
    } catch (err) {
      if (err instanceof FileCipherError)
        throw new AppError('artifact_integrity_failed', {
          detail: `Stored artifact ${digest} does not decrypt under its key (tampered or corrupted).`,
          cause: err,
        });
      throw err;
    }
  }

  return {
    has: (d) => inner.has(d),
    size: (d) => inner.size(d),
    storedAt: (d) => inner.storedAt(d),
    list: () => inner.list(),
    ...(inner.sweepTemp ? { sweepTemp: inner.sweepTemp.bind(inner) } : {}),
    async delete(digest) {
      await inner.delete(digest);
      await keys.delete(digest);
    },
    async put(digest, localFile) {
      if (await inner.has(digest)) return inner.put(digest, localFile); // renews its time only
      const enc = await seal(digest, localFile);
      try {
        await inner.put(digest, enc);
      } finally {
        await rm(enc, { force: true });
      }
    },
    download,
    async get(digest) {
      // Decrypt (and authenticate) completely before the first byte leaves.
      const dir = await mkdtemp(path.join(tmpParent, 'seer-artifact-'));
      const file = path.join(dir, 'artifact.tar.gz');
      try {
        await download(digest, file);
      } catch (err) {
        await rm(dir, { recursive: true, force: true });
        throw err;
      }
      const stream: Readable = createReadStream(file);
      stream.once('close', () => void rm(dir, { recursive: true, force: true }));
      return stream;
    },
    async isEncrypted(digest) {
      return isEncryptedFile(inner.pathFor(digest));
    },
    async encryptExisting(digest) {
      const stored = inner.pathFor(digest);
      if (await isEncryptedFile(stored)) return false;
      if (!inner.replace) throw new Error('the inner store cannot replace an artifact');
      const dir = await mkdtemp(path.join(tmpParent, 'seer-artifact-'));
      try {
        const plain = path.join(dir, 'artifact.tar.gz');
        await inner.download(digest, plain);
        const enc = await seal(digest, plain);
        await inner.replace(digest, enc);
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
      return true;
    },
  };
}
