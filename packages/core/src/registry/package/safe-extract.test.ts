import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../errors';
import { canonicalDigest, writeCanonicalArtifact } from './canonical-tar';
import { checkArchivePath, type ExtractLimits, extractPackage } from './safe-extract';
import { type TestEntry, tarOf, tgzOf } from './test-archives';

const LIMITS: ExtractLimits = { maxArchiveBytes: 1_000_000, maxUnpackedBytes: 1_000_000, maxFiles: 50 };
const dirs: string[] = [];
async function fresh(): Promise<string> {
  const d = await mkdtemp(path.join(tmpdir(), 'seer-extract-test-'));
  dirs.push(d);
  return path.join(d, 'pkg');
}
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (err) {
    expect(err).toBeInstanceOf(AppError);
    return (err as AppError).code;
  }
  throw new Error('expected a rejection');
}

const base: TestEntry[] = [
  { name: 'seer.toml', content: 'name = "x"\n' },
  { name: 'model.py', content: 'def predict(ctx):\n  return {}\n' },
];

describe('safe package extraction', () => {
  it('extracts files and folders and lists them in bytewise order', async () => {
    const dest = await fresh();
    const out = await extractPackage(
      await tgzOf([
        ...base,
        { name: 'weights/', type: 'directory' },
        { name: 'weights/w.bin', content: 'abc' },
      ]),
      dest,
      LIMITS,
    );
    expect(out.root).toBe(dest);
    expect(out.files.map((f) => f.path)).toEqual(['model.py', 'seer.toml', 'weights/w.bin']);
    expect(out.unpackedBytes).toBe(base.reduce((n, e) => n + String(e.content).length, 0) + 3);
    expect(await readFile(path.join(dest, 'weights/w.bin'), 'utf8')).toBe('abc');
  });

  it('strips a single top-level folder and skips __pycache__', async () => {
    const dest = await fresh();
    const out = await extractPackage(
      await tgzOf([
        { name: 'momentum/', type: 'directory' },
        ...base.map((e) => ({ ...e, name: `./momentum/${e.name}` })),
        { name: 'momentum/__pycache__/model.cpython-311.pyc', content: 'junk' },
      ]),
      dest,
      LIMITS,
    );
    expect(out.root).toBe(path.join(dest, 'momentum'));
    expect(out.files.map((f) => f.path)).toEqual(['model.py', 'seer.toml']);
  });

  it.each([
    ['../evil.py', 'package_unsafe_path'],
    ['a/../../evil.py', 'package_unsafe_path'],
    ['/etc/cron.d/evil', 'package_unsafe_path'],
    ['C:/evil', 'package_unsafe_path'],
    ['a\\..\\evil', 'package_unsafe_path'],
  ])('rejects the path %s with %s', async (name, code) => {
    expect(
      await codeOf(extractPackage(await tgzOf([...base, { name, content: 'x' }]), await fresh(), LIMITS)),
    ).toBe(code);
  });

  it('rejects symlinks, hard links and device files, each with its own code', async () => {
    const cases: Array<[TestEntry, string]> = [
      [{ name: 'link', type: 'symlink', linkname: '/etc/passwd' }, 'package_symlink'],
      [{ name: 'hard', type: 'link', linkname: 'model.py' }, 'package_hardlink'],
      [{ name: 'dev', type: 'character-device' }, 'package_special_file'],
      [{ name: 'blk', type: 'block-device' }, 'package_special_file'],
      [{ name: 'pipe', type: 'fifo' }, 'package_special_file'],
    ];
    for (const [entry, code] of cases) {
      expect(
        await codeOf(extractPackage(await tgzOf([...base, entry]), await fresh(), LIMITS)),
        entry.name,
      ).toBe(code);
    }
  });

  it('rejects too many files', async () => {
    const many = Array.from({ length: 51 }, (_, i) => ({ name: `f${i}.txt`, content: 'x' }));
    expect(await codeOf(extractPackage(await tgzOf(many), await fresh(), LIMITS))).toBe(
      'package_too_many_files',
    );
  });

  it('stops a decompression bomb as soon as the cap is crossed', async () => {
    // 50 MB of zeros gzip to ~50 KB: small upload, huge output.
    const bomb = await tgzOf([...base, { name: 'zeros.bin', content: Buffer.alloc(50 * 1024 * 1024) }]);
    expect(bomb.length).toBeLessThan(200_000);
    const dest = await fresh();
    const started = Date.now();
    expect(await codeOf(extractPackage(bomb, dest, LIMITS))).toBe('package_unpacked_too_large');
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('catches a bomb that lies about its sizes (raw tar padding)', async () => {
    const tarBytes = Buffer.concat([await tarOf(base), Buffer.alloc(20 * 1024 * 1024)]);
    // Every file is tiny; only the cap on the raw tar stream notices the 20 MB of padding.
    const res = extractPackage(gzipSync(tarBytes), await fresh(), { ...LIMITS, maxUnpackedBytes: 100_000 });
    expect(await codeOf(res)).toBe('package_unpacked_too_large');
  });

  it('rejects an upload larger than the compressed cap', async () => {
    const big = await tgzOf([...base, { name: 'r.bin', content: randomBytes(300_000) }]);
    expect(await codeOf(extractPackage(big, await fresh(), { ...LIMITS, maxArchiveBytes: 10_000 }))).toBe(
      'package_too_large',
    );
  });

  it('rejects data that is not a gzipped tar, and duplicated entries', async () => {
    expect(await codeOf(extractPackage(Buffer.from('not gzip at all'), await fresh(), LIMITS))).toBe(
      'package_invalid_archive',
    );
    const good = await tgzOf(base);
    expect(await codeOf(extractPackage(good.subarray(0, good.length - 30), await fresh(), LIMITS))).toBe(
      'package_invalid_archive',
    );
    expect(
      await codeOf(
        extractPackage(await tgzOf([...base, { name: 'model.py', content: 'again' }]), await fresh(), LIMITS),
      ),
    ).toBe('package_unsafe_path');
  });

  it('round-trips long paths through the canonical tar', async () => {
    const long = `${'deep/'.repeat(30)}${'n'.repeat(90)}.py`;
    const dest = await fresh();
    const first = await extractPackage(
      await tgzOf([...base, { name: long, content: 'x = 1\n' }]),
      dest,
      LIMITS,
    );
    const file = path.join(path.dirname(dest), 'canon.tar.gz');
    const art = await writeCanonicalArtifact(first.root, first.files, file);
    const again = await extractPackage(await readFile(file), `${dest}-again`, LIMITS);
    expect(again.files).toEqual(first.files);
    expect(await readFile(path.join(again.root, long), 'utf8')).toBe('x = 1\n');
    expect(await canonicalDigest(again.root, again.files)).toBe(art.digest);
  });

  it('normalizes harmless path spellings', () => {
    expect(checkArchivePath('./a//b/./c.py')).toBe('a/b/c.py');
    expect(() => checkArchivePath('./')).toThrow(AppError);
  });
});
