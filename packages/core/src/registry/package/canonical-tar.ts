/**
 * The canonical form of a package, which the digest covers: an uncompressed POSIX (ustar) tar
 * with only regular files, in bytewise path order, every entry with mode 0644, uid/gid 0, empty
 * owner names and mtime 0 (folders are implied by the paths). The same files always give the
 * same bytes, whoever packed them and however; the artifact store keeps this tar gzipped, so
 * `gunzip -c package.tar.gz | sha256sum` prints the digest.
 */
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import path from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import tar from 'tar-stream';

export interface CanonicalFile {
  path: string;
  size: number;
}

export const CANONICAL_MODE = 0o644;
const EPOCH = new Date(0);

export function sortCanonical<T extends { path: string }>(files: T[]): T[] {
  return [...files].sort((a, b) => Buffer.compare(Buffer.from(a.path), Buffer.from(b.path)));
}

function canonicalPack(root: string, files: CanonicalFile[]): tar.Pack {
  const pack = tar.pack();
  (async () => {
    for (const f of sortCanonical(files)) {
      const sink = pack.entry({
        name: f.path,
        size: f.size,
        mode: CANONICAL_MODE,
        mtime: EPOCH,
        uid: 0,
        gid: 0,
        uname: '',
        gname: '',
        type: 'file',
      });
      await pipeline(createReadStream(path.join(root, f.path)), sink as unknown as NodeJS.WritableStream);
    }
    pack.finalize();
  })().catch((err) => pack.destroy(err));
  return pack;
}

export interface CanonicalArtifact {
  /** SHA-256 (hex) of the canonical uncompressed tar. */
  digest: string;
  tarBytes: number;
  /** Size of the gzipped file written to `outFile`. */
  gzipBytes: number;
}

/** Writes the canonical tar, gzipped, to outFile, and returns its digest. */
export async function writeCanonicalArtifact(
  root: string,
  files: CanonicalFile[],
  outFile: string,
): Promise<CanonicalArtifact> {
  const hash = createHash('sha256');
  let tarBytes = 0;
  let gzipBytes = 0;
  await pipeline(
    canonicalPack(root, files),
    new Transform({
      transform(chunk: Buffer, _enc, cb) {
        hash.update(chunk);
        tarBytes += chunk.length;
        cb(null, chunk);
      },
    }),
    createGzip({ level: 9 }),
    new Transform({
      transform(chunk: Buffer, _enc, cb) {
        gzipBytes += chunk.length;
        cb(null, chunk);
      },
    }),
    createWriteStream(outFile, { flags: 'wx', mode: 0o600 }),
  );
  return { digest: hash.digest('hex'), tarBytes, gzipBytes };
}

/** SHA-256 of the canonical tar of a directory's files, without writing anything. */
export async function canonicalDigest(root: string, files: CanonicalFile[]): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of canonicalPack(root, files)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}
