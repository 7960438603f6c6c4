/**
 * Content-addressed storage of package artifacts (the gzipped canonical tar), keyed by the
 * digest of the canonical tar. The filesystem store is the default; an object store
 * (S3, GCS) implements the same interface. Content never changes under a key: `put` of a key
 * that exists keeps the stored bytes.
 */
import { randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { chmod, copyFile, mkdir, readdir, rename, rm, stat, utimes } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { AppError } from '../../errors';
import '../registry-errors';

export interface ArtifactStore {
  has(digest: string): Promise<boolean>;
  /** Stores the file at `localFile` under `digest` (the caller computed the digest). */
  put(digest: string, localFile: string): Promise<void>;
  /** Stream of the stored bytes; throws AppError('artifact_missing') when absent. */
  get(digest: string): Promise<Readable>;
  /** Copies the stored bytes to a local file (for verification and extraction). */
  download(digest: string, localFile: string): Promise<void>;
  size(digest: string): Promise<number | undefined>;
  /** When the artifact was last stored (a `put` of an existing key renews it); undefined when absent. */
  storedAt(digest: string): Promise<Date | undefined>;
  /** Every stored artifact (for the garbage collector). */
  list(): AsyncIterable<{ digest: string; storedAt: Date }>;
  /** Removes an artifact; absent is fine. Only the garbage collector calls it. */
  delete(digest: string): Promise<void>;
  /**
   * Removes temporary files of copies that never finished (a process killed mid-copy) last
   * written before `before`; returns their names. Only the garbage collector calls it; stores
   * that write atomically without temporary files leave it out.
   */
  sweepTemp?(before: Date): Promise<string[]>;
}

const DIGEST = /^[0-9a-f]{64}$/;
const TEMP = /^[0-9a-f]{64}\.tar\.gz\.[0-9a-f]{12}\.tmp$/;

function checkDigest(digest: string): void {
  // The digest becomes a path: never let anything else through.
  if (!DIGEST.test(digest)) throw new AppError('artifact_missing', { detail: 'Invalid artifact digest.' });
}

export function createFsArtifactStore(dir: string): ArtifactStore & {
  pathFor(digest: string): string;
  /** Atomically replaces the stored bytes (encrypting an existing plaintext artifact). */
  replace(digest: string, localFile: string): Promise<void>;
} {
  const pathFor = (digest: string) => {
    checkDigest(digest);
    return path.join(dir, 'sha256', digest.slice(0, 2), `${digest}.tar.gz`);
  };
  const size = async (digest: string) => {
    try {
      return (await stat(pathFor(digest))).size;
    } catch {
      return undefined;
    }
  };
  const missing = (digest: string) =>
    new AppError('artifact_missing', { detail: `Artifact ${digest} is not in the artifact store.` });
  return {
    pathFor,
    size,
    async has(digest) {
      return (await size(digest)) !== undefined;
    },
    async storedAt(digest) {
      try {
        return (await stat(pathFor(digest))).mtime;
      } catch {
        return undefined;
      }
    },
    async *list() {
      const root = path.join(dir, 'sha256');
      let shards: string[] = [];
      try {
        shards = await readdir(root);
      } catch {
        return; // nothing stored yet
      }
      for (const shard of shards.sort()) {
        for (const name of (await readdir(path.join(root, shard)).catch(() => [] as string[])).sort()) {
          const m = /^([0-9a-f]{64})\.tar\.gz$/.exec(name);
          if (!m) continue;
          const st = await stat(path.join(root, shard, name)).catch(() => undefined);
          if (st) yield { digest: m[1] as string, storedAt: st.mtime };
        }
      }
    },
    async delete(digest) {
      await rm(pathFor(digest), { force: true });
    },
    async sweepTemp(before) {
      const root = path.join(dir, 'sha256');
      const removed: string[] = [];
      const shards = await readdir(root).catch(() => [] as string[]);
      for (const shard of shards.sort()) {
        if (!/^[0-9a-f]{2}$/.test(shard)) continue;
        for (const name of (await readdir(path.join(root, shard)).catch(() => [] as string[])).sort()) {
          // Only the names put/replace create: <digest>.tar.gz.<12 hex>.tmp
          if (!TEMP.test(name)) continue;
          const file = path.join(root, shard, name);
          const st = await stat(file).catch(() => undefined);
          // A copy in progress keeps writing (its mtime moves); one older than the cut-off is dead.
          if (!st?.isFile() || st.mtime.getTime() >= before.getTime()) continue;
          await rm(file, { force: true });
          removed.push(name);
        }
      }
      return removed;
    },
    async put(digest, localFile) {
      const final = pathFor(digest);
      if ((await size(digest)) !== undefined) {
        // Same bytes uploaded again: renew the time so the garbage collector's grace restarts.
        const now = new Date();
        await utimes(final, now, now).catch(() => {});
        return;
      }
      // Copy beside the final name, then rename: readers never see a half-written artifact.
      const tmp = `${final}.${randomBytes(6).toString('hex')}.tmp`;
      try {
        await mkdir(path.dirname(final), { recursive: true });
        await copyFile(localFile, tmp);
        await chmod(tmp, 0o444);
        await rename(tmp, final);
      } catch (err) {
        // A full disk (or quota) is an operator's problem the client should hear about plainly:
        // 503 with Retry-After, nothing stored (the half-written copy is removed below).
        const code = (err as NodeJS.ErrnoException).code;
        if (code === 'ENOSPC' || code === 'EDQUOT') {
          throw new AppError('artifact_storage_full', {
            detail: 'The package store is full; nothing was stored. Try again later.',
            headers: { 'retry-after': '300' },
            cause: err,
          });
        }
        throw err;
      } finally {
        await rm(tmp, { force: true });
      }
    },
    async replace(digest, localFile) {
      const final = pathFor(digest);
      if ((await size(digest)) === undefined) throw missing(digest);
      const tmp = `${final}.${randomBytes(6).toString('hex')}.tmp`;
      try {
        await copyFile(localFile, tmp);
        await chmod(tmp, 0o444);
        await rename(tmp, final);
      } finally {
        await rm(tmp, { force: true });
      }
    },
    async get(digest) {
      if ((await size(digest)) === undefined) throw missing(digest);
      return createReadStream(pathFor(digest));
    },
    async download(digest, localFile) {
      if ((await size(digest)) === undefined) throw missing(digest);
      await copyFile(pathFor(digest), localFile);
    },
  };
}
