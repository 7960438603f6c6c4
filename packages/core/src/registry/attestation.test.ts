import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../errors';
import { createArtifactVerifier, signedPayloadText, verifyArtifact } from './attestation';
import type { RegistryManifest } from './manifest';
import { canonicalDigest, writeCanonicalArtifact } from './package/canonical-tar';
import { loadArtifactKeyring } from './signing/keyring';

const MANIFEST: RegistryManifest = {
  name: 'm',
  version: '1.0.0',
  entrypoint: 'model:predict',
  interval: '1h',
  horizon: '1h',
  target: 'return',
  symbols: ['USDCHF'],
  lookback: 10,
  resources: { cpu_seconds: 10, memory_mb: 512 },
};

let work: string;
beforeAll(async () => {
  work = await mkdtemp(path.join(tmpdir(), 'seer-attest-test-'));
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

async function makeDir(name: string, files: Record<string, string>, mtime: Date): Promise<string> {
  const dir = path.join(work, name);
  for (const [p, content] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(dir, p)), { recursive: true });
    await writeFile(path.join(dir, p), content, { mode: 0o755 });
    await utimes(path.join(dir, p), mtime, mtime);
  }
  return dir;
}

describe('canonical package digest', () => {
  it('ignores file order, modes and mtimes but not content or names', async () => {
    const files = { 'seer.toml': 'a', 'model.py': 'b', 'sub/w.bin': 'c' };
    const a = await makeDir('a', files, new Date(2020, 0, 1));
    const b = await makeDir(
      'b',
      { 'sub/w.bin': 'c', 'model.py': 'b', 'seer.toml': 'a' },
      new Date(2024, 5, 5),
    );
    const list = (o: Record<string, string>) =>
      Object.entries(o).map(([p, c]) => ({ path: p, size: c.length }));
    const da = await canonicalDigest(a, list(files));
    expect(await canonicalDigest(b, list(files).reverse())).toBe(da);
    const c = await makeDir('c', { ...files, 'model.py': 'B' }, new Date(2020, 0, 1));
    expect(await canonicalDigest(c, list(files))).not.toBe(da);
    const d = await makeDir(
      'd',
      { 'seer.toml': 'a', 'model2.py': 'b', 'sub/w.bin': 'c' },
      new Date(2020, 0, 1),
    );
    expect(await canonicalDigest(d, list({ 'seer.toml': 'a', 'model2.py': 'b', 'sub/w.bin': 'c' }))).not.toBe(
      da,
    );
  });

  it('writes a gzipped tar whose gunzipped bytes hash to the digest (sha256sum-compatible)', async () => {
    const dir = await makeDir(
      'e',
      { 'seer.toml': 'x = 1\n', 'model.py': 'def predict(ctx):\n  pass\n' },
      new Date(),
    );
    const out = path.join(work, 'e.tar.gz');
    const art = await writeCanonicalArtifact(
      dir,
      [
        { path: 'seer.toml', size: 6 },
        { path: 'model.py', size: 25 },
      ],
      out,
    );
    const shell = execFileSync('sh', ['-c', `gunzip -c '${out}' | sha256sum`], { encoding: 'utf8' });
    expect(shell.split(' ')[0]).toBe(art.digest);
    const listing = execFileSync('tar', ['-tvzf', out], { encoding: 'utf8' });
    expect(listing).toMatch(/-rw-r--r-- .*model\.py/);
    expect(listing.indexOf('model.py')).toBeLessThan(listing.indexOf('seer.toml'));
  });
});

describe('signing and verification', () => {
  it('generates a key once, reuses it, and signs with Ed25519', async () => {
    const keysDir = path.join(work, 'keys');
    const k1 = await loadArtifactKeyring({ keysDir, generate: true });
    const k2 = await loadArtifactKeyring({ keysDir, generate: true });
    expect(k1.activeKid).toBeDefined();
    expect(k2.activeKid).toBe(k1.activeKid);
    const { signature, keyId } = k1.sign('hello');
    expect(k2.verify(keyId, 'hello', signature)).toBe(true);
    expect(k2.verify(keyId, 'hellO', signature)).toBe(false);
    expect(k2.verify('unknown', 'hello', signature)).toBe(false);
    expect(k2.verify(keyId, 'hello', 'not base64 !')).toBe(false);
    const [pub] = k2.publicKeys();
    expect(pub).toMatchObject({
      kid: k1.activeKid,
      algorithm: 'Ed25519',
      active: true,
      jwk: { kty: 'OKP', crv: 'Ed25519' },
    });
    expect(pub!.publicKeyPem).toMatch(/^-----BEGIN PUBLIC KEY-----/);
  });

  it('refuses to sign without a key when generation is off', async () => {
    const k = await loadArtifactKeyring({ keysDir: path.join(work, 'nokeys'), generate: false });
    expect(k.activeKid).toBeUndefined();
    expect(() => k.sign('x')).toThrow(/signing key/);
  });

  it('an attestation verifies with openssl, and a single changed byte of the artifact is detected', async () => {
    const keyring = await loadArtifactKeyring({ keysDir: path.join(work, 'keys'), generate: true });
    const dir = await makeDir(
      'f',
      { 'seer.toml': 'x = 1\n', 'model.py': 'def predict(ctx):\n  return 1\n' },
      new Date(),
    );
    const file = path.join(work, 'f.tar.gz');
    const art = await writeCanonicalArtifact(
      dir,
      [
        { path: 'seer.toml', size: 6 },
        { path: 'model.py', size: 29 },
      ],
      file,
    );
    const payload = signedPayloadText({
      model: 'm',
      version: '1.0.0',
      digest: art.digest,
      manifest: MANIFEST,
    });
    const { signature, keyId } = keyring.sign(payload);
    const att = { digest: art.digest, signature, keyId, payload };
    const verify = createArtifactVerifier(keyring);

    expect((await verify(att, file)).digest).toBe(art.digest);
    const bytes = await readFile(file);
    expect((await verify(att, bytes)).manifest).toEqual(MANIFEST);

    // Anyone can check the signature with standard tools.
    await writeFile(path.join(work, 'payload.json'), payload);
    await writeFile(path.join(work, 'sig.bin'), Buffer.from(signature, 'base64'));
    await writeFile(path.join(work, 'pub.pem'), keyring.publicKeys()[0]!.publicKeyPem);
    const ok = execFileSync(
      'openssl',
      [
        'pkeyutl',
        '-verify',
        '-pubin',
        '-inkey',
        'pub.pem',
        '-rawin',
        '-in',
        'payload.json',
        '-sigfile',
        'sig.bin',
      ],
      { cwd: work, encoding: 'utf8' },
    );
    expect(ok).toMatch(/Signature Verified Successfully/);

    // Flip one byte of the uncompressed tar content, re-gzip: valid gzip, wrong digest.
    const tarBytes = gunzipSync(bytes);
    const i = tarBytes.indexOf('return 1');
    tarBytes[i + 7] = '2'.charCodeAt(0);
    const { gzipSync } = await import('node:zlib');
    await expectIntegrity(verify(att, gzipSync(tarBytes)), /hashes to/);
    // Flip one byte of the stored gzip itself: every position is caught, one way or another.
    for (const pos of [10, Math.floor(bytes.length / 2), bytes.length - 5]) {
      const tampered = Buffer.from(bytes);
      tampered[pos] = tampered[pos]! ^ 0x01;
      await expectIntegrity(verify(att, tampered));
    }
    // A valid signature over a different digest is not accepted for this artifact.
    await expectIntegrity(
      verifyArtifact({ ...att, digest: 'f'.repeat(64) }, bytes, keyring),
      /does not name/,
    );
    await expectIntegrity(
      verify({ ...att, payload: payload.replace('"1.0.0"', '"1.0.1"') }, bytes),
      /signature/,
    );
    await expectIntegrity(verify({ ...att, keyId: 'other' }, bytes), /signature/);
  });
});

async function expectIntegrity(p: Promise<unknown>, detail?: RegExp): Promise<void> {
  try {
    await p;
  } catch (err) {
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe('artifact_integrity_failed');
    if (detail) expect((err as AppError).detail).toMatch(detail);
    return;
  }
  throw new Error('expected artifact_integrity_failed');
}
