import { execFileSync } from 'node:child_process';
import { chmodSync, cpSync, mkdtempSync, readdirSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { sandboxRunCommand } from '../src/cli/sandbox-run';
import { ABUSE_DIR, AS_OF, FIXTURES, REPO, SOURCE, TEST_CAPS } from './helpers';

const HAPPY = join(FIXTURES, 'happy');
const tmp = mkdtempSync(join(tmpdir(), 'seer-cli-test-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const opts = { source: SOURCE, caps: TEST_CAPS, sandboxOptions: { uid: 64121, gid: 64121 } };

describe('seerd sandbox-run', () => {
  it('runs a package directory and prints predictions, duration and resource use', async () => {
    const out = await sandboxRunCommand({ package: HAPPY, asOf: AS_OF.toISOString() }, opts);
    expect(out.exitCode, JSON.stringify(out.json)).toBe(0);
    expect(out.json).toMatchObject({
      ok: true,
      package: { name: 'happy-ridge', version: '1.0.0' },
      mode: 'live',
    });
    expect(out.json.predictions).toHaveLength(2);
    expect(out.json.input_digest).toMatch(/^[0-9a-f]{64}$/);
    expect((out.json.usage as { wall_ms: number }).wall_ms).toBeGreaterThan(0);
    expect(JSON.parse(JSON.stringify(out.json))).toEqual(out.json);
  });

  it('runs a .tar.gz (verified before extraction) and reports failures with exit 1', async () => {
    const tgz = join(tmp, 'nan.tar.gz');
    execFileSync('tar', ['czf', tgz, '-C', ABUSE_DIR, 'output_nan']);
    const seen: string[] = [];
    const out = await sandboxRunCommand(
      { package: tgz, asOf: '2026-01-21T20:30:00Z' },
      { ...opts, verify: async (p) => void seen.push(p) },
    );
    expect(seen).toEqual([tgz]);
    expect(out.exitCode).toBe(1);
    expect(out.json).toMatchObject({ ok: false, code: 'bad_output' });
  });

  it('extracts archives with the registry extractor: unsafe entries refused with its codes', async () => {
    const src = join(tmp, 'linked');
    cpSync(HAPPY, src, { recursive: true });
    execFileSync('ln', ['-s', '/etc/hostname', join(src, 'host.txt')]);
    const tgz = join(tmp, 'linked.tgz');
    execFileSync('tar', ['-czf', tgz, '-C', src, '.']);
    const out = await sandboxRunCommand({ package: tgz, asOf: AS_OF }, opts);
    expect(out).toMatchObject({ exitCode: 2, json: { ok: false, code: 'package_symlink' } });
    const many = await sandboxRunCommand(
      { package: tgz, asOf: AS_OF },
      { ...opts, extractLimits: { maxFiles: 2 } },
    );
    expect(many).toMatchObject({ exitCode: 2, json: { ok: false, code: 'package_too_many_files' } });
  });

  it('refuses a package that fails verification without running it', async () => {
    const out = await sandboxRunCommand(
      { package: HAPPY, asOf: AS_OF },
      { ...opts, verify: async () => Promise.reject(new Error('bad signature')) },
    );
    expect(out).toMatchObject({ exitCode: 1, json: { ok: false, code: 'artifact_integrity_failed' } });
  });

  it('rejects bad arguments with exit 2', async () => {
    expect((await sandboxRunCommand({ package: HAPPY, asOf: 'yesterday' }, opts)).exitCode).toBe(2);
    expect((await sandboxRunCommand({ package: join(tmp, 'missing'), asOf: AS_OF }, opts)).exitCode).toBe(2);
  });

  it('runs a package and a runtime that sit in 0700 folders with 0600 files (clone in mktemp -d, strict umask)', async () => {
    // Everything the jail uid cannot reach by path: a private parent, private files.
    const priv = mkdtempSync(join(tmpdir(), 'seer-private-'));
    expect(statSync(priv).mode & 0o777).toBe(0o700);
    const pkg = join(priv, 'home', 'mymodel');
    const runtime = join(priv, 'clone', 'python');
    cpSync(HAPPY, pkg, { recursive: true });
    cpSync(join(REPO, 'python'), runtime, { recursive: true });
    const lock = (d: string) => {
      chmodSync(d, 0o700);
      for (const e of readdirSync(d, { withFileTypes: true })) {
        const p = join(d, e.name);
        if (e.isDirectory()) lock(p);
        else chmodSync(p, 0o600);
      }
    };
    lock(priv);
    try {
      const out = await sandboxRunCommand(
        { package: pkg, asOf: AS_OF.toISOString() },
        { ...opts, sandboxOptions: { ...opts.sandboxOptions, runtimeDir: runtime } },
      );
      expect(out.exitCode, JSON.stringify(out.json)).toBe(0);
      expect(out.json.predictions).toHaveLength(2);
      // Through a link to the folder, as ~/mymodel -> /data/mymodel.
      const link = join(priv, 'home', 'linked');
      symlinkSync(pkg, link);
      const viaLink = await sandboxRunCommand({ package: link, asOf: AS_OF.toISOString() }, opts);
      expect(viaLink.exitCode, JSON.stringify(viaLink.json)).toBe(0);
      // And as an archive in the same folder.
      const tgz = join(priv, 'home', 'model.tgz');
      execFileSync('tar', ['-czf', tgz, '-C', pkg, '.']);
      chmodSync(tgz, 0o600);
      const out2 = await sandboxRunCommand({ package: tgz, asOf: AS_OF.toISOString() }, opts);
      expect(out2.exitCode, JSON.stringify(out2.json)).toBe(0);
    } finally {
      rmSync(priv, { recursive: true, force: true });
    }
  }, 120_000);
});
