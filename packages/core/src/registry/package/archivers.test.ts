/**
 * Packages as people make them: archives written by GNU tar, bsdtar (libarchive), Python's
 * tarfile and `git archive`, in the spellings each one produces (`./` root entries, a folder
 * prefix, pax headers), all unpack to the same files.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type ExtractLimits, extractPackage, isRootEntry } from './safe-extract';

const LIMITS: ExtractLimits = { maxArchiveBytes: 1_000_000, maxUnpackedBytes: 1_000_000, maxFiles: 50 };
const work = mkdtempSync(path.join(tmpdir(), 'seer-archivers-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const model = path.join(work, 'mymodel');
mkdirSync(path.join(model, 'lib'), { recursive: true });
writeFileSync(path.join(model, 'seer.toml'), 'name = "m"\n');
writeFileSync(path.join(model, 'model.py'), 'def predict(ctx):\n    return {}\n');
writeFileSync(path.join(model, 'lib', 'helper.py'), 'X = 1\n');
const EXPECTED = ['lib/helper.py', 'model.py', 'seer.toml'];

const run = (cmd: string, args: string[], cwd = work) =>
  execFileSync(cmd, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
/** Entry names as the archive stores them (to show which spelling each tool uses). */
const names = (tgz: string) => run('tar', ['-tzf', tgz]).toString().split('\n').filter(Boolean);

let seq = 0;
async function unpack(tgz: string) {
  const dest = path.join(work, `out-${seq++}`);
  const out = await extractPackage(readFileSync(tgz), dest, LIMITS);
  expect(out.files.map((f) => f.path)).toEqual(EXPECTED);
  expect(readFileSync(path.join(out.root, 'lib/helper.py'), 'utf8')).toBe('X = 1\n');
  return out;
}

const has = (bin: string) => {
  try {
    run('sh', ['-c', `command -v ${bin}`]);
    return true;
  } catch {
    return false;
  }
};

describe('archives made by common tools', () => {
  it('GNU tar: tar -czf m.tgz -C mymodel . (entries ./, ./seer.toml)', async () => {
    const tgz = path.join(work, 'gnu-dot.tgz');
    run('tar', ['-czf', tgz, '-C', model, '.']);
    expect(names(tgz)).toContain('./');
    expect(names(tgz)).toContain('./seer.toml');
    await unpack(tgz);
  });

  it('GNU tar: a folder (tar -czf m.tgz mymodel) and the posix/pax format', async () => {
    const a = path.join(work, 'gnu-folder.tgz');
    run('tar', ['-czf', a, 'mymodel']);
    expect(names(a)[0]).toBe('mymodel/');
    await unpack(a);
    const b = path.join(work, 'gnu-pax.tgz');
    run('tar', ['--format=posix', '-czf', b, '-C', model, '.']);
    await unpack(b);
    const c = path.join(work, 'gnu-files.tgz');
    run('tar', ['-czf', c, '-C', model, 'seer.toml', 'model.py', 'lib']);
    await unpack(c);
  });

  it.runIf(has('bsdtar'))('bsdtar (libarchive, the macOS tar): -C mymodel . and a folder', async () => {
    const a = path.join(work, 'bsd-dot.tgz');
    run('bsdtar', ['-czf', a, '-C', model, '.']);
    expect(names(a)).toContain('./seer.toml');
    await unpack(a);
    const b = path.join(work, 'bsd-folder.tgz');
    run('bsdtar', ['-czf', b, 'mymodel']);
    await unpack(b);
    const c = path.join(work, 'bsd-pax.tgz');
    run('bsdtar', ['--format', 'pax', '-czf', c, '-C', model, '.']);
    await unpack(c);
  });

  it("Python's tarfile: arcname='.', arcname='mymodel' and file by file", async () => {
    const py = (arc: string, out: string) =>
      run('/usr/bin/python3', [
        '-c',
        `import tarfile,sys\nwith tarfile.open(sys.argv[1],'w:gz') as t:\n  ${arc}`,
        out,
        model,
      ]);
    const a = path.join(work, 'py-dot.tgz');
    py("t.add(sys.argv[2], arcname='.')", a);
    expect(names(a)[0]).toMatch(/^\.\/?$/); // stored as "."
    await unpack(a);
    const b = path.join(work, 'py-folder.tgz');
    py("t.add(sys.argv[2], arcname='mymodel')", b);
    await unpack(b);
    const c = path.join(work, 'py-files.tgz');
    py(
      "import os\n  for n in ['seer.toml','model.py','lib/helper.py']: t.add(os.path.join(sys.argv[2], n), arcname=n)",
      c,
    );
    await unpack(c);
  });

  it.runIf(has('git'))(
    'git archive (pax global header with the commit id), with and without --prefix',
    async () => {
      const repo = path.join(work, 'repo');
      mkdirSync(repo);
      run('cp', ['-r', `${model}/.`, repo]);
      const git = (...args: string[]) =>
        run('git', ['-c', 'user.email=t@example.com', '-c', 'user.name=t', ...args], repo);
      git('init', '-q');
      git('add', '.');
      git('commit', '-qm', 'm');
      const a = path.join(work, 'git.tgz');
      git('archive', '--format=tar.gz', '-o', a, 'HEAD');
      await unpack(a);
      const b = path.join(work, 'git-prefix.tgz');
      git('archive', '--format=tar.gz', '--prefix=mymodel/', '-o', b, 'HEAD');
      await unpack(b);
    },
  );

  it('knows the root entry spellings, and nothing else is one', () => {
    for (const n of ['.', './', './.', './/', '././']) expect(isRootEntry(n), n).toBe(true);
    for (const n of ['/', '..', './..', '.a', 'a', '', '/.', '../']) expect(isRootEntry(n), n).toBe(false);
  });

  it('still refuses a file named ./ and an absolute root', async () => {
    const { tgzOf } = await import('./test-archives');
    await expect(
      extractPackage(await tgzOf([{ name: './', content: 'x' }]), path.join(work, 'bad1'), LIMITS),
    ).rejects.toMatchObject({ code: 'package_unsafe_path' });
    await expect(
      extractPackage(await tgzOf([{ name: '/', type: 'directory' }]), path.join(work, 'bad2'), LIMITS),
    ).rejects.toMatchObject({ code: 'package_unsafe_path' });
  });
});
