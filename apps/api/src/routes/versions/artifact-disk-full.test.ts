/**
 * Fault: the artifact disk fills up. ARTIFACT_DIR is a real size-limited file system (a 256 KiB
 * tmpfs mounted by the test; needs root, as on the CI machines — skipped with the reason otherwise).
 * An upload that does not fit is a clear 503 artifact_storage_full with Retry-After, leaves no
 * version row and no half-written file; once space is freed the same upload succeeds.
 */

import { execFileSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { packageTgz } from '@seer/core/registry';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerAndLogin, type TestUser } from '../../testing/auth';
import { createTestApp, type TestApp } from '../../testing/test-app';

const work = mkdtempSync(path.join(tmpdir(), 'seer-disk-full-'));
const artifacts = path.join(work, 'artifacts');
mkdirSync(artifacts);
const canMount = (() => {
  if (process.getuid?.() !== 0) return false;
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=256k,mode=0755', 'tmpfs', artifacts], {
      stdio: 'ignore',
    });
    return true;
  } catch {
    return false;
  }
})();

/** Every file under a folder (relative paths). */
function filesUnder(dir: string): string[] {
  const out: string[] = [];
  const walk = (rel: string) => {
    for (const name of readdirSync(path.join(dir, rel))) {
      const r = rel ? `${rel}/${name}` : name;
      if (statSync(path.join(dir, r)).isDirectory()) walk(r);
      else out.push(r);
    }
  };
  walk('');
  return out;
}

describe.skipIf(!canMount)('a full artifact disk (tmpfs of 256 KiB; needs root to mount)', () => {
  let h: TestApp;
  let dev: TestUser;
  beforeAll(async () => {
    h = await createTestApp('pg', { keysDir: path.join(work, 'keys'), artifactDir: artifacts });
    await h.t.db.query(
      `INSERT INTO instruments (symbol, name, asset_class) VALUES ('USDCHF', 'USD/CHF', 'fx')`,
    );
    dev = await registerAndLogin(h.app, { roles: ['developer'] });
    const res = await h.app.inject({
      method: 'POST',
      url: '/v1/models',
      headers: dev.authHeader,
      payload: { slug: 'disk-full', name: 'Disk full' },
    });
    expect(res.statusCode).toBe(201);
  }, 60_000);
  afterAll(async () => {
    await h?.close();
    if (canMount) execFileSync('umount', [artifacts]);
    rmSync(work, { recursive: true, force: true });
  });

  const upload = (body: Buffer) =>
    h.app.inject({
      method: 'POST',
      url: '/v1/models/disk-full/versions',
      headers: { ...dev.authHeader, 'content-type': 'application/gzip' },
      payload: body,
    });
  const versionRows = async () =>
    (
      await h.t.db.query<{ version: string }>(
        "SELECT v.version FROM model_versions v JOIN models m ON m.id = v.model_id WHERE m.slug = 'disk-full' ORDER BY v.created_at",
      )
    ).rows.map((r) => r.version);

  it('an upload larger than the free space: 503 artifact_storage_full, no row, no partial file', async () => {
    // 400 KiB of incompressible weights: the artifact cannot fit in 256 KiB.
    const big = await packageTgz({ version: '"1.0.0"' }, [
      { name: 'weights.bin', content: randomBytes(400 * 1024) },
    ]);
    const res = await upload(big);
    expect(res.statusCode).toBe(503);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.json().code).toBe('artifact_storage_full');
    expect(res.json().detail).toMatch(/full; nothing was stored/);
    expect(res.headers['retry-after']).toBe('300');
    expect(await versionRows()).toEqual([]);
    expect(filesUnder(artifacts)).toEqual([]);
  });

  it('a completely full disk refuses even a small package, and recovers once space is freed', async () => {
    // Fill what is left.
    const filler = path.join(artifacts, 'filler');
    try {
      writeFileSync(filler, Buffer.alloc(512 * 1024));
    } catch (err) {
      expect((err as NodeJS.ErrnoException).code).toBe('ENOSPC');
    }
    const small = await packageTgz({ version: '"1.0.1"' });
    const full = await upload(small);
    expect(full.statusCode).toBe(503);
    expect(full.json().code).toBe('artifact_storage_full');
    expect(await versionRows()).toEqual([]);
    expect(filesUnder(artifacts)).toEqual(['filler']);

    // The operator frees space: no restart, the same upload now works and is stored whole.
    rmSync(filler);
    const ok = await upload(small);
    expect(ok.statusCode).toBe(201);
    expect(await versionRows()).toEqual(['1.0.1']);
    const stored = filesUnder(artifacts);
    expect(stored).toEqual([`sha256/${ok.json().digest.slice(0, 2)}/${ok.json().digest}.tar.gz`]);
    const dl = await h.app.inject({
      method: 'GET',
      url: '/v1/models/disk-full/versions/1.0.1/package',
      headers: dev.authHeader,
    });
    expect(dl.statusCode).toBe(200);
    // Stored encrypted at rest (its size differs); the download is the whole plaintext package.
    expect(statSync(path.join(artifacts, stored[0] as string)).size).toBeGreaterThan(0);
    expect(createHash('sha256').update(gunzipSync(dl.rawPayload)).digest('hex')).toBe(ok.json().digest);
  });
});
