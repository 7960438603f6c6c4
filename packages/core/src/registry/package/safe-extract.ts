/**
 * Safe extraction of an uploaded package (.tar.gz) into a fresh directory. Hostile archives are
 * the normal case here: every check fails closed with its own error code, and the streams stop
 * as soon as a cap is crossed, so a decompression bomb never reaches the disk.
 */
import { createWriteStream } from 'node:fs';
import { mkdir, readdir } from 'node:fs/promises';
import path from 'node:path';
import { Readable, Transform, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import tar from 'tar-stream';
import { AppError } from '../../errors';
import '../registry-errors';

export interface ExtractLimits {
  /** Compressed bytes accepted from the client. */
  maxArchiveBytes: number;
  /** Sum of file sizes after extraction. */
  maxUnpackedBytes: number;
  /** Files and directories in the archive. */
  maxFiles: number;
}

export interface ExtractedPackage {
  /** The package root: `dest`, or its single top-level folder when the archive has one. */
  root: string;
  /** Regular files, relative to root with `/` separators, sorted bytewise. */
  files: Array<{ path: string; size: number }>;
  unpackedBytes: number;
  archiveBytes: number;
}

const MAX_PATH_BYTES = 255;
/** Directories whose contents are build litter, never part of a package. */
const SKIPPED_DIRS = new Set(['__pycache__']);

/** Counts bytes and fails with `error()` once more than `max` have passed. */
function byteCap(max: number, error: () => AppError, onCount?: (n: number) => void): Transform {
  let seen = 0;
  return new Transform({
    transform(chunk: Buffer, _enc, cb: TransformCallback) {
      seen += chunk.length;
      onCount?.(seen);
      if (seen > max) cb(error());
      else cb(null, chunk);
    },
  });
}

/** Checks one archive path; returns it normalized (no leading ./, no trailing /) or throws. */
export function checkArchivePath(name: string): string {
  const unsafe = (why: string) =>
    new AppError('package_unsafe_path', { detail: `Archive entry ${JSON.stringify(name)} ${why}.` });
  if (name.includes('\0')) throw unsafe('contains a NUL byte');
  if (name.includes('\\')) throw unsafe('contains a backslash');
  if (name.startsWith('/') || /^[A-Za-z]:/.test(name)) throw unsafe('is an absolute path');
  const parts = name.split('/').filter((p) => p !== '' && p !== '.');
  if (parts.includes('..')) throw unsafe('climbs out of the package with ..');
  if (parts.length === 0) throw unsafe('is empty');
  const clean = parts.join('/');
  if (Buffer.byteLength(clean) > MAX_PATH_BYTES) throw unsafe(`is longer than ${MAX_PATH_BYTES} bytes`);
  return clean;
}

/** `.`, `./`, `./.` ...: the archive's own root folder (never an absolute path). */
export function isRootEntry(name: string): boolean {
  return /^\.(\/+\.?)*\/*$/.test(name);
}

export async function extractPackage(
  source: Readable | Buffer,
  dest: string,
  limits: ExtractLimits,
): Promise<ExtractedPackage> {
  await mkdir(dest, { recursive: true });
  const files = new Map<string, number>();
  const dirs = new Set<string>();
  let entries = 0;
  let unpacked = 0;
  let archiveBytes = 0;
  const tooBig = () =>
    new AppError('package_unpacked_too_large', {
      detail: `The package unpacks to more than ${limits.maxUnpackedBytes} bytes.`,
    });

  const extract = tar.extract();
  extract.on('entry', (header, stream, next) => {
    const fail = (err: unknown) => {
      // next(err) destroys the entry stream with err; without a listener that would be uncaught.
      stream.on('error', () => {});
      stream.resume();
      next(err as Error);
    };
    try {
      entries++;
      if (entries > limits.maxFiles) {
        throw new AppError('package_too_many_files', {
          detail: `The package has more than ${limits.maxFiles} entries.`,
        });
      }
      // `tar -czf m.tgz -C dir .` (GNU tar, bsdtar) and Python's tarfile with arcname='.' start
      // with an entry for the root folder itself: nothing to create.
      if (header.type === 'directory' && isRootEntry(header.name)) {
        stream.resume();
        stream.on('end', () => next());
        return;
      }
      const name = checkArchivePath(header.name);
      switch (header.type) {
        case 'symlink':
          throw new AppError('package_symlink', {
            detail: `Archive entry ${name} is a symbolic link; packages may contain only files and folders.`,
          });
        case 'link':
          throw new AppError('package_hardlink', {
            detail: `Archive entry ${name} is a hard link; packages may contain only files and folders.`,
          });
        case 'directory':
        case 'file':
          break;
        default:
          throw new AppError('package_special_file', {
            detail: `Archive entry ${name} is a ${header.type}; packages may contain only files and folders.`,
          });
      }
      if (name.split('/').some((p) => SKIPPED_DIRS.has(p))) {
        stream.resume();
        stream.on('end', () => next());
        return;
      }
      if (files.has(name) || (header.type === 'file' && dirs.has(name))) {
        throw new AppError('package_unsafe_path', { detail: `Archive entry ${name} appears twice.` });
      }
      const target = path.join(dest, name);
      if (header.type === 'directory') {
        dirs.add(name);
        stream.resume();
        mkdir(target, { recursive: true, mode: 0o755 }).then(
          () => next(),
          (e) => next(invalid(e)),
        );
        return;
      }
      files.set(name, 0);
      if (unpacked + header.size > limits.maxUnpackedBytes) throw tooBig();
      mkdir(path.dirname(target), { recursive: true, mode: 0o755 })
        .then(() =>
          pipeline(
            stream as unknown as Readable,
            byteCap(limits.maxUnpackedBytes - unpacked, tooBig, (n) => files.set(name, n)),
            // wx: never follow or overwrite anything already there.
            createWriteStream(target, { flags: 'wx', mode: 0o644 }),
          ),
        )
        .then(
          () => {
            unpacked += files.get(name) ?? 0;
            next();
          },
          (e) => fail(e instanceof AppError ? e : invalid(e)),
        );
    } catch (err) {
      fail(err);
    }
  });

  const input = Buffer.isBuffer(source) ? Readable.from([source]) : source;
  // Headers and padding also come out of gunzip: bound the raw tar stream too, so an archive of
  // nothing but padding is still a bomb. Per entry: header, pax header + data, content padding.
  const rawTarCap = limits.maxUnpackedBytes + (limits.maxFiles + 8) * 4 * 512;
  try {
    await pipeline(
      input,
      byteCap(
        limits.maxArchiveBytes,
        () =>
          new AppError('package_too_large', {
            detail: `The package is larger than ${limits.maxArchiveBytes} bytes (compressed).`,
          }),
        (n) => {
          archiveBytes = n;
        },
      ),
      createGunzip(),
      byteCap(rawTarCap, tooBig),
      extract,
    );
  } catch (err) {
    throw err instanceof AppError ? err : invalid(err);
  }

  let root = dest;
  let prefix = '';
  // A single top-level folder is stripped, so `tar czf m.tgz momentum/` and `tar czf m.tgz -C momentum .` agree.
  const top = await readdir(dest, { withFileTypes: true });
  if (top.length === 1 && top[0]!.isDirectory() && files.size > 0) {
    root = path.join(dest, top[0]!.name);
    prefix = `${top[0]!.name}/`;
  }
  const list = [...files.entries()]
    .map(([p, size]) => ({ path: prefix ? p.slice(prefix.length) : p, size }))
    .sort((a, b) => Buffer.compare(Buffer.from(a.path), Buffer.from(b.path)));
  return { root, files: list, unpackedBytes: unpacked, archiveBytes };
}

function invalid(err: unknown): AppError {
  return new AppError('package_invalid_archive', {
    detail: `The upload is not a readable .tar.gz package (${shortReason(err)}).`,
    cause: err,
  });
}

function shortReason(err: unknown): string {
  const e = err as NodeJS.ErrnoException;
  if (e?.code === 'Z_DATA_ERROR' || e?.code === 'Z_BUF_ERROR') return 'gzip data is corrupt or truncated';
  if (e?.code === 'EEXIST') return 'an entry is both a file and a folder';
  if (e?.code === 'ENOTDIR') return 'an entry is inside a file';
  const msg = String(e?.message ?? 'unknown error');
  return /tar|header|checksum|unexpected end/i.test(msg)
    ? 'tar data is corrupt or truncated'
    : 'unreadable archive';
}
