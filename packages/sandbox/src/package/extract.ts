import { createReadStream, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, normalize, sep } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import tar from 'tar-stream';
import { SandboxError } from '../types';

/**
 * Extract a package .tar.gz into `dest`: regular files and directories only (no links,
 * devices, absolute or `..` paths), total size capped. A single top-level directory is
 * stripped so `pkg/seer.toml` and `seer.toml` both work. Returns the package root.
 */
export async function extractPackageTgz(tgzPath: string, dest: string, maxBytes: number): Promise<string> {
  const files: Array<[string, Buffer]> = [];
  let total = 0;
  const extract = tar.extract();
  extract.on('entry', (header, stream, next) => {
    const name = normalize(header.name).replace(/^\.\/+/, '');
    const bad = name.startsWith('/') || name.split(sep).includes('..');
    if (bad) {
      stream.resume();
      next(new SandboxError('artifact_integrity_failed', `unsafe path in archive: ${header.name}`));
      return;
    }
    if (header.type === 'directory') {
      stream.resume();
      stream.on('end', () => next());
      return;
    }
    if (header.type !== 'file') {
      stream.resume();
      next(new SandboxError('artifact_integrity_failed', `archive entry ${header.name} is a ${header.type}`));
      return;
    }
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: unknown) => {
      const c = chunk as Buffer;
      total += c.length;
      if (total > maxBytes)
        stream.destroy(new SandboxError('output_too_large', `package exceeds ${maxBytes} bytes`));
      else chunks.push(c);
    });
    stream.on('error', (e) => next(e));
    stream.on('end', () => {
      files.push([name, Buffer.concat(chunks)]);
      next();
    });
  });
  await pipeline(createReadStream(tgzPath), createGunzip(), extract);
  const tops = new Set(files.map(([n]) => n.split(sep)[0]));
  const strip = tops.size === 1 && files.every(([n]) => n.includes(sep)) ? `${[...tops][0]}${sep}` : '';
  for (const [n, data] of files) {
    const p = join(dest, strip ? n.slice(strip.length) : n);
    mkdirSync(dirname(p), { recursive: true, mode: 0o755 });
    writeFileSync(p, data, { mode: 0o644 });
  }
  return dest;
}
