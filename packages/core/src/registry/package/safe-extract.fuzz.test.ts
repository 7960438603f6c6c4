/**
 * Fuzzing the package extractor (issue 15, item 2): random bytes, valid archives with random
 * bytes flipped (before and after gzip), and structured archives of hostile entries (names with
 * .., absolute paths, backslashes, NUL, unicode; links, devices, duplicates). Whatever comes in,
 * extractPackage either succeeds or throws an AppError with a package_* code, never writes
 * outside its target folder, and never hangs. fast-check prints the seed of any failure; replay
 * it with `fc.assert(..., { seed, path })`.
 */
import { lstat, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { gunzipSync, gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../errors';
import { type ExtractLimits, extractPackage } from './safe-extract';
import { packageTgz, type TestEntry, tarOf } from './test-archives';

const LIMITS: ExtractLimits = { maxArchiveBytes: 200_000, maxUnpackedBytes: 400_000, maxFiles: 50 };
const CODES = new Set([
  'package_too_large',
  'package_unpacked_too_large',
  'package_too_many_files',
  'package_unsafe_path',
  'package_symlink',
  'package_hardlink',
  'package_special_file',
  'package_invalid_archive',
]);
const HANG_MS = 10_000;

let work: string;
let n = 0;
beforeAll(async () => {
  work = await mkdtemp(path.join(tmpdir(), 'seer-extract-fuzz-'));
});
afterAll(async () => {
  if (work) await rm(work, { recursive: true, force: true });
});

/** Every path under dir (lstat: links are reported, not followed). */
async function walk(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    out.push(p);
    if (e.isDirectory()) out.push(...(await walk(p)));
  }
  return out;
}

/** Extracts into <box>/dest; asserts the outcome is success or a stable AppError, inside the box. */
async function check(archive: Buffer): Promise<void> {
  n += 1;
  const box = path.join(work, `box-${n}`);
  const dest = path.join(box, 'dest');
  let timer: NodeJS.Timeout | undefined;
  const hang = new Promise<'hang'>((resolve) => {
    timer = setTimeout(() => resolve('hang'), HANG_MS);
  });
  const run = extractPackage(Readable.from([archive]), dest, LIMITS).then(
    () => 'ok' as const,
    (e: unknown) => e,
  );
  const outcome = await Promise.race([run, hang]);
  clearTimeout(timer);
  expect(outcome, 'extractPackage did not settle').not.toBe('hang');
  if (outcome !== 'ok') {
    expect(outcome, String(outcome)).toBeInstanceOf(AppError);
    expect(CODES, (outcome as AppError).code).toContain((outcome as AppError).code);
  }
  // Nothing but dest in the box; nothing under dest but plain files and folders.
  const top = await readdir(box).catch(() => [] as string[]);
  expect(top.filter((x) => x !== 'dest')).toEqual([]);
  for (const p of await walk(dest).catch(() => [] as string[])) {
    const st = await lstat(p);
    expect(st.isFile() || st.isDirectory(), `${p} is neither a file nor a folder`).toBe(true);
    expect(path.relative(dest, p).startsWith('..')).toBe(false);
  }
  await rm(box, { recursive: true, force: true });
}

const nameArb = fc.oneof(
  fc.constantFrom(
    'model.py',
    'seer.toml',
    '../evil.py',
    '../../etc/passwd',
    '/abs/path',
    'C:/win',
    'a\\b',
    'dir/../../x',
    './ok.py',
    'pkg/seer.toml',
    'pkg/model.py',
    'é/ü.py',
    'a\0b',
    '',
    '.',
    '__pycache__/x.pyc',
    `${'d/'.repeat(60)}deep.py`,
  ),
  fc.string({ maxLength: 120 }),
  fc
    .array(fc.constantFrom('a', '..', '.', '', 'ü', 'b.py', '\\', ':'), { maxLength: 6 })
    .map((p) => p.join('/')),
);
const entryArb: fc.Arbitrary<TestEntry> = fc.record({
  name: nameArb,
  type: fc.constantFrom<NonNullable<TestEntry['type']>>(
    'file',
    'file',
    'file',
    'directory',
    'symlink',
    'link',
    'fifo',
    'character-device',
  ),
  content: fc.oneof(fc.string({ maxLength: 200 }), fc.constant('x'.repeat(50_000))),
  linkname: fc.constantFrom('/etc/passwd', '../outside', 'model.py', '/tmp'),
});

describe('package extractor under fuzzing', () => {
  it('random bytes, gzipped or not', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 4096 }), fc.boolean(), async (bytes, gz) => {
        await check(gz ? gzipSync(Buffer.from(bytes)) : Buffer.from(bytes));
      }),
      { numRuns: 150 },
    );
  }, 120_000);

  it('valid packages with bytes flipped in the tar (re-gzipped) or in the gzip stream', async () => {
    const valid = await packageTgz({}, [
      { name: 'lib/util.py', content: 'X = 1\n' },
      { name: 'data', type: 'directory' },
    ]);
    const rawTar = gunzipSync(valid);
    await check(valid); // the unmutated package extracts
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ at: fc.nat(), byte: fc.integer({ min: 0, max: 255 }) }), {
          minLength: 1,
          maxLength: 8,
        }),
        fc.boolean(),
        async (flips, inTar) => {
          const buf = Buffer.from(inTar ? rawTar : valid);
          for (const f of flips) buf[f.at % buf.length] = f.byte;
          await check(inTar ? gzipSync(buf) : buf);
        },
      ),
      { numRuns: 250 },
    );
  }, 180_000);

  it('structured archives of hostile entries', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(entryArb, { minLength: 1, maxLength: 12 }), async (entries) => {
        let tarBytes: Buffer;
        try {
          tarBytes = await tarOf(entries);
        } catch {
          return; // tar-stream itself refused the header (e.g. a name it cannot encode)
        }
        await check(gzipSync(tarBytes));
      }),
      { numRuns: 200 },
    );
  }, 180_000);
});
