import { execFileSync } from 'node:child_process';
import { chmod, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../errors';
import { createTestDb, TEST_DRIVERS, type TestDb } from '../testing/test-db';
import { createFsArtifactStore } from './artifacts/artifact-store';
import { packageTgz, seerToml, tgzOf } from './package/test-archives';
import { publishPackageDir } from './publish-dir';
import { createRegistry, type Registry } from './registry';
import type { DeployGate } from './versions.service';
import type { Actor } from './views';

const EXAMPLES = fileURLToPath(new URL('../../../../examples', import.meta.url));

async function codeOf(p: Promise<unknown>): Promise<AppError> {
  try {
    await p;
  } catch (err) {
    expect(err).toBeInstanceOf(AppError);
    return err as AppError;
  }
  throw new Error('expected an AppError');
}

describe.each(TEST_DRIVERS)('model registry services on %s', (driver) => {
  let t: TestDb;
  let work: string;
  let reg: Registry;
  let now = new Date('2026-11-01T00:00:00Z');
  const clock = () => new Date(now);
  let gate: DeployGate = async () => ({ ok: true });
  const actors: Record<'alice' | 'bob' | 'sub' | 'admin', Actor> = {} as never;

  async function user(email: string, roles: string[]): Promise<Actor> {
    const { rows } = await t.db.query<{ id: string }>(
      `INSERT INTO users (email, display_name, password_hash, roles) VALUES ($1, $2, 'x', $3) RETURNING id`,
      [email, email.split('@')[0], roles],
    );
    return { userId: rows[0]!.id, roles };
  }
  const tick = () => {
    now = new Date(now.getTime() + 1000);
  };

  beforeAll(async () => {
    t = await createTestDb(driver);
    work = await mkdtemp(path.join(tmpdir(), 'seer-registry-test-'));
    actors.alice = await user('alice@example.com', ['developer']);
    actors.bob = await user('bob@example.com', ['developer']);
    actors.sub = await user('sub@example.com', ['subscriber']);
    actors.admin = await user('root@example.com', ['admin']);
    await t.db.query(
      `INSERT INTO instruments (symbol, name, asset_class) VALUES ('USDCHF', 'USD/CHF', 'fx'), ('EURUSD', 'EUR/USD', 'fx')`,
    );
    reg = await createRegistry({
      config: {
        keysDir: path.join(work, 'keys'),
        generateKeys: true,
        artifactDir: path.join(work, 'artifacts'),
        packageMaxBytes: 2_000_000,
        packageMaxUnpackedBytes: 4_000_000,
        packageMaxFiles: 100,
      },
      db: t.db,
      clock,
      deployGate: (c) => gate(c),
    });
  });
  afterAll(async () => {
    await t?.cleanup();
    if (work) await rm(work, { recursive: true, force: true });
  });

  const create = (slug: string, who: Actor = actors.alice, extra: Record<string, unknown> = {}) => {
    tick();
    return reg.models.create(who, { slug, name: `Model ${slug}`, ...extra });
  };
  const publish = async (slug: string, over: Record<string, string> = {}, who: Actor = actors.alice) =>
    reg.versions.publish(who, { slug, body: await packageTgz(over) });

  describe('models', () => {
    it('lets developers create models and keeps slugs unique', async () => {
      const m = await create('alpha', actors.alice, {
        description: 'Trend',
        tags: ['trend'],
        symbols: ['USDCHF'],
      });
      expect(m).toMatchObject({
        slug: 'alpha',
        description: 'Trend',
        tags: ['trend'],
        owner: { id: actors.alice.userId, displayName: 'alice' },
        plan: null,
        deployedVersions: [],
        latestVersion: null,
      });
      expect((await codeOf(create('alpha', actors.bob))).code).toBe('model_slug_taken');
      expect((await codeOf(create('subs-model', actors.sub))).code).toBe('forbidden');
      const bad = await codeOf(reg.models.create(actors.alice, { slug: 'Bad_Slug', name: '' }));
      expect(bad.code).toBe('validation_failed');
      expect(bad.errors?.map((e) => e.field)).toEqual(['/slug', '/name']);
    });

    it('hides a model without deployed versions from everyone but its owner and admins', async () => {
      await create('hidden');
      expect((await reg.models.get(actors.alice, 'hidden')).slug).toBe('hidden');
      expect((await reg.models.get(actors.admin, 'hidden')).slug).toBe('hidden');
      expect((await codeOf(reg.models.get(actors.bob, 'hidden'))).code).toBe('not_found');
      expect((await codeOf(reg.models.get(null, 'hidden'))).code).toBe('not_found');
      expect((await codeOf(reg.models.update(actors.bob, 'hidden', { name: 'x' }))).code).toBe('not_found');
    });

    it('lets only the owner or an admin edit metadata', async () => {
      await create('editable');
      const m = await reg.models.update(actors.alice, 'editable', { name: 'New', tags: ['a', 'b'] });
      expect(m).toMatchObject({ name: 'New', tags: ['a', 'b'] });
      expect(
        (await reg.models.update(actors.admin, 'editable', { description: 'by admin' })).description,
      ).toBe('by admin');
    });
  });

  describe('publishing', () => {
    it('publishes a draft with a digest of the canonical tar, stored and signed', async () => {
      await create('pub');
      const v = await publish('pub');
      expect(v).toMatchObject({
        model: 'pub',
        version: '1.0.0',
        status: 'draft',
        interval: '1h',
        target: 'return',
        symbols: ['USDCHF'],
        fileCount: 2,
        deployedAt: null,
        validation: { files: 2, entrypointFile: 'model.py' },
        manifest: { entrypoint: 'model:predict', resources: { cpu_seconds: 10, memory_mb: 512 } },
      });
      expect(v.digest).toMatch(/^[0-9a-f]{64}$/);
      // Stored encrypted (issue 16): the bytes at rest are not gzip; the store decrypts them.
      const stored = createFsArtifactStore(path.join(work, 'artifacts')).pathFor(v.digest);
      expect((await readFile(stored)).subarray(0, 8).toString('latin1')).toBe('SEERENC1');
      const file = path.join(work, `${v.digest}.tar.gz`);
      await reg.store.download(v.digest, file);
      const shell = execFileSync('sh', ['-c', `gunzip -c '${file}' | sha256sum`], { encoding: 'utf8' });
      expect(shell.split(' ')[0]).toBe(v.digest);
      const att = await reg.versions.attestation(actors.alice, 'pub', '1.0.0');
      expect(att.keyId).toBe(reg.keyring.activeKid);
      expect(JSON.parse(att.payload)).toMatchObject({ model: 'pub', version: '1.0.0', digest: v.digest });
      expect((await reg.verifyArtifact(att, file)).digest).toBe(v.digest);
    });

    it('gives the same digest for the same files packed differently', async () => {
      await create('same-a');
      await create('same-b');
      const a = await publish('same-a');
      const b = await reg.versions.publish(actors.alice, {
        slug: 'same-b',
        body: await tgzOf([
          { name: 'pkg/', type: 'directory' },
          { name: 'pkg/model.py', content: (await import('./package/test-archives')).MODEL_PY, mode: 0o755 },
          { name: 'pkg/seer.toml', content: seerToml(), mtime: new Date(0) },
        ]),
      });
      expect(b.digest).toBe(a.digest);
    });

    it('publishes a folder packed with tar -czf x.tgz -C dir . (entries ./, ./seer.toml) to the same digest', async () => {
      await create('dot-a');
      await create('dot-b');
      const a = await publish('dot-a');
      const dir = await mkdtemp(path.join(tmpdir(), 'seer-dot-'));
      try {
        const { MODEL_PY } = await import('./package/test-archives');
        await writeFile(path.join(dir, 'model.py'), MODEL_PY);
        await writeFile(path.join(dir, 'seer.toml'), seerToml());
        const tgz = path.join(dir, '..', `${path.basename(dir)}.tgz`);
        execFileSync('tar', ['-czf', tgz, '-C', dir, '.']);
        const b = await reg.versions.publish(actors.alice, { slug: 'dot-b', body: await readFile(tgz) });
        await rm(tgz, { force: true });
        expect(b.digest).toBe(a.digest);
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    });

    it.each([
      ['path traversal', [{ name: '../escape.py', content: 'x' }], 'package_unsafe_path'],
      ['absolute path', [{ name: '/tmp/abs.py', content: 'x' }], 'package_unsafe_path'],
      ['symlink', [{ name: 'link', type: 'symlink' as const, linkname: '/etc/shadow' }], 'package_symlink'],
      ['hard link', [{ name: 'hard', type: 'link' as const, linkname: 'model.py' }], 'package_hardlink'],
      ['device', [{ name: 'tty', type: 'character-device' as const }], 'package_special_file'],
      [
        'decompression bomb',
        [{ name: 'zeros', content: Buffer.alloc(20_000_000) }],
        'package_unpacked_too_large',
      ],
      [
        'too many files',
        Array.from({ length: 120 }, (_, i) => ({ name: `data/f${i}.txt`, content: 'x' })),
        'package_too_many_files',
      ],
    ])('rejects a package with a %s', async (_label, extra, code) => {
      await create(`bad-${code.replaceAll('_', '-')}-${Math.random().toString(36).slice(2, 8)}`).then(
        async (m) => {
          const err = await codeOf(
            reg.versions.publish(actors.alice, { slug: m.slug, body: await packageTgz({}, extra) }),
          );
          expect(err.code).toBe(code);
          expect(await reg.versions.list(actors.alice, m.slug)).toEqual([]);
        },
      );
    });

    it('rejects a package without seer.toml, and garbage', async () => {
      await create('nomanifest');
      const a = await codeOf(
        reg.versions.publish(actors.alice, {
          slug: 'nomanifest',
          body: await tgzOf([{ name: 'model.py', content: 'x' }]),
        }),
      );
      expect(a.code).toBe('package_manifest_missing');
      const b = await codeOf(
        reg.versions.publish(actors.alice, { slug: 'nomanifest', body: Buffer.from('hello') }),
      );
      expect(b.code).toBe('package_invalid_archive');
    });

    it('reports every bad manifest field at once (422 manifest_invalid)', async () => {
      await create('badfields');
      const err = await codeOf(
        publish('badfields', {
          version: '"one"',
          interval: '"5m"',
          horizon: '"30m"',
          target: '"vibes"',
          symbols: '["USDCHF", "DOGE"]',
          lookback: '100000',
          entrypoint: '"model:forecast"',
        }),
      );
      expect(err.code).toBe('manifest_invalid');
      expect(err.status).toBe(422);
      expect(err.errors?.map((e) => e.field).sort()).toEqual(
        ['/version', '/interval', '/horizon', '/target', '/symbols/1', '/lookback', '/entrypoint'].sort(),
      );
    });

    it('requires each version to be greater than all existing ones', async () => {
      await create('semver');
      await publish('semver', { version: '"1.2.0"' });
      for (const v of ['1.2.0', '1.1.9', '0.1.0', '1.2.0-rc.1']) {
        const err = await codeOf(publish('semver', { version: `"${v}"` }));
        expect(err.code, v).toBe('manifest_invalid');
        expect(err.errors, v).toEqual([
          { field: '/version', message: expect.stringMatching(/latest is 1\.2\.0/) },
        ]);
      }
      expect((await publish('semver', { version: '"1.2.1"' })).version).toBe('1.2.1');
    });

    it('refuses publishing by anyone but the owner', async () => {
      await create('owned');
      // Not yet public: others cannot even see it.
      expect((await codeOf(publish('owned', {}, actors.bob))).code).toBe('not_found');
      await publish('owned');
      await reg.versions.deploy(actors.alice, 'owned', '1.0.0');
      expect((await codeOf(publish('owned', { version: '"2.0.0"' }, actors.bob))).code).toBe('forbidden');
      expect((await codeOf(publish('owned', { version: '"2.0.0"' }, actors.sub))).code).toBe('forbidden');
      expect((await publish('owned', { version: '"2.0.0"' }, actors.admin)).version).toBe('2.0.0');
    });
  });

  describe('lifecycle and immutability', () => {
    it('deploys, retires, and never goes back', async () => {
      await create('life');
      await publish('life');
      tick();
      const d = await reg.versions.deploy(actors.alice, 'life', '1.0.0');
      expect(d).toMatchObject({
        status: 'deployed',
        deployedAt: now.toISOString(),
        deployCheck: { ok: true },
      });
      expect((await codeOf(reg.versions.deploy(actors.alice, 'life', '1.0.0'))).code).toBe(
        'invalid_status_transition',
      );
      const r = await reg.versions.retire(actors.alice, 'life', '1.0.0');
      expect(r.status).toBe('retired');
      expect((await codeOf(reg.versions.retire(actors.alice, 'life', '1.0.0'))).code).toBe(
        'invalid_status_transition',
      );
      expect((await codeOf(reg.versions.deploy(actors.alice, 'life', '1.0.0'))).code).toBe(
        'invalid_status_transition',
      );
      // Retired history stays visible to everyone.
      expect((await reg.versions.get(null, 'life', '1.0.0')).status).toBe('retired');
      expect((await codeOf(reg.versions.retire(actors.alice, 'life', '9.9.9'))).code).toBe('not_found');
    });

    it('keeps several versions deployed at once', async () => {
      await create('multi');
      await publish('multi', { version: '"1.0.0"' });
      await publish('multi', { version: '"1.1.0"' });
      await reg.versions.deploy(actors.alice, 'multi', '1.0.0');
      await reg.versions.deploy(actors.alice, 'multi', '1.1.0');
      const m = await reg.models.get(null, 'multi');
      expect(m.deployedVersions.map((v) => v.version)).toEqual(['1.0.0', '1.1.0']);
      expect(m.latestVersion).toBe('1.1.0');
    });

    it('answers model_version_immutable to re-publishing or deleting a deployed version', async () => {
      await create('frozen');
      await publish('frozen');
      await reg.versions.deploy(actors.alice, 'frozen', '1.0.0');
      const again = await codeOf(publish('frozen'));
      expect(again.code).toBe('model_version_immutable');
      expect(again.status).toBe(409);
      expect((await codeOf(reg.versions.deleteDraft(actors.alice, 'frozen', '1.0.0'))).code).toBe(
        'model_version_immutable',
      );
      await publish('frozen', { version: '"1.0.1"' });
      await reg.versions.deleteDraft(actors.alice, 'frozen', '1.0.1');
      expect((await codeOf(reg.versions.get(actors.alice, 'frozen', '1.0.1'))).code).toBe('not_found');
    });

    it('blocks a deploy when the trial run fails, recording why', async () => {
      await create('gated');
      await publish('gated');
      gate = async () => ({ ok: false, code: 'model_error', message: 'ZeroDivisionError: division by zero' });
      try {
        const err = await codeOf(reg.versions.deploy(actors.alice, 'gated', '1.0.0'));
        expect(err.code).toBe('deploy_check_failed');
        expect(err.detail).toMatch(/model_error.*ZeroDivisionError/);
        gate = async () => ({ ok: false, code: 'no_market_data', message: 'No 1h bars for USDCHF' });
        expect((await codeOf(reg.versions.deploy(actors.alice, 'gated', '1.0.0'))).code).toBe(
          'no_market_data',
        );
      } finally {
        gate = async () => ({ ok: true });
      }
      const v = await reg.versions.get(actors.alice, 'gated', '1.0.0');
      expect(v).toMatchObject({ status: 'draft', deployCheck: { ok: false, code: 'no_market_data' } });
    });

    it('lets only the owner or an admin deploy and retire', async () => {
      await create('guarded');
      await publish('guarded');
      expect((await codeOf(reg.versions.deploy(actors.bob, 'guarded', '1.0.0'))).code).toBe('not_found');
      await reg.versions.deploy(actors.admin, 'guarded', '1.0.0');
      expect((await codeOf(reg.versions.retire(actors.bob, 'guarded', '1.0.0'))).code).toBe('forbidden');
      expect((await codeOf(reg.versions.retire(actors.sub, 'guarded', '1.0.0'))).code).toBe('forbidden');
    });

    it('hides drafts from others and lets only the owner download the package', async () => {
      await create('drafty');
      await publish('drafty', { version: '"1.0.0"' });
      await reg.versions.deploy(actors.alice, 'drafty', '1.0.0');
      await publish('drafty', { version: '"1.1.0"' });
      expect((await reg.versions.list(null, 'drafty')).map((v) => v.version)).toEqual(['1.0.0']);
      expect((await reg.versions.list(actors.alice, 'drafty')).map((v) => v.version)).toEqual([
        '1.1.0',
        '1.0.0',
      ]);
      expect((await codeOf(reg.versions.get(actors.bob, 'drafty', '1.1.0'))).code).toBe('not_found');
      expect((await codeOf(reg.versions.attestation(null, 'drafty', '1.1.0'))).code).toBe('not_found');
      expect((await reg.models.get(actors.bob, 'drafty')).latestVersion).toBe('1.0.0');
      expect((await reg.versions.attestation(null, 'drafty', '1.0.0')).version).toBe('1.0.0');
      expect((await codeOf(reg.versions.openPackage(actors.bob, 'drafty', '1.0.0'))).code).toBe('forbidden');
      const pkg = await reg.versions.openPackage(actors.alice, 'drafty', '1.0.0');
      const chunks: Buffer[] = [];
      for await (const c of pkg.stream) chunks.push(c as Buffer);
      expect(Buffer.concat(chunks).length).toBe(pkg.bytes);
      expect(pkg.filename).toBe('drafty-1.0.0.tar.gz');
    });
  });

  describe('worker integrity', () => {
    it('opens a verified package, and refuses one whose stored artifact changed by one byte', async () => {
      await create('integrity');
      const v = await publish('integrity');
      const opened = await reg.versions.openVersionPackage(v.id);
      try {
        expect((await readdir(opened.dir)).sort()).toEqual(['model.py', 'seer.toml']);
        expect(opened.manifest).toEqual(v.manifest);
      } finally {
        await opened.cleanup();
      }
      await expect(readdir(opened.dir)).rejects.toThrow();

      const file = createFsArtifactStore(path.join(work, 'artifacts')).pathFor(v.digest);
      const original = await readFile(file);
      const tampered = Buffer.from(original);
      tampered[Math.floor(tampered.length / 2)]! ^= 0x20;
      await chmod(file, 0o644);
      await writeFile(file, tampered);
      try {
        expect((await codeOf(reg.versions.openVersionPackage(v.id))).code).toBe('artifact_integrity_failed');
        expect((await codeOf(reg.versions.verifyVersion(v.id))).code).toBe('artifact_integrity_failed');
        expect((await codeOf(reg.versions.deploy(actors.alice, 'integrity', '1.0.0'))).code).toBe(
          'artifact_integrity_failed',
        );
      } finally {
        await writeFile(file, original);
      }
      expect((await reg.versions.verifyVersion(v.id)).digest).toBe(v.digest);
    });
  });

  describe('catalogue', () => {
    it('lists only models with a deployed version, with filters and keyset pagination', async () => {
      for (const [slug, tags, symbols, interval] of [
        ['cat-one', ['fx'], '["USDCHF"]', '"1h"'],
        ['cat-two', ['fx', 'ml'], '["EURUSD"]', '"4h"'],
        ['cat-three', ['ml'], '["USDCHF", "EURUSD"]', '"1h"'],
      ] as const) {
        await create(slug, actors.bob, { tags, description: `${slug} catalogue test` });
        await publish(slug, { symbols, interval, horizon: interval }, actors.bob);
        tick();
        await reg.versions.deploy(actors.bob, slug, '1.0.0');
      }
      await create('cat-draft-only', actors.bob, { tags: ['fx'] });
      await publish('cat-draft-only', {}, actors.bob);

      const all = await reg.models.catalogue(null, { q: 'catalogue test' });
      expect(all.items.map((m) => m.slug)).toEqual(['cat-three', 'cat-two', 'cat-one']);
      expect(
        (await reg.models.catalogue(null, { q: 'catalogue', tag: 'ml' })).items.map((m) => m.slug),
      ).toEqual(['cat-three', 'cat-two']);
      expect(
        (await reg.models.catalogue(null, { q: 'catalogue', symbol: 'EURUSD', interval: '1h' })).items.map(
          (m) => m.slug,
        ),
      ).toEqual(['cat-three']);
      expect((await reg.models.catalogue(null, { q: '100%_' })).items).toEqual([]);

      const seen: string[] = [];
      let cursor: string | undefined;
      for (let i = 0; i < 5; i++) {
        const page = await reg.models.catalogue(null, {
          q: 'catalogue',
          sort: 'name',
          limit: 2,
          ...(cursor ? { cursor } : {}),
        });
        seen.push(...page.items.map((m) => m.slug));
        if (!page.nextCursor) break;
        cursor = page.nextCursor;
      }
      expect(seen).toEqual(
        ['Model cat-one', 'Model cat-three', 'Model cat-two'].map((n) => n.replace('Model ', '')),
      );
      const recent = await reg.models.catalogue(null, {
        q: 'catalogue',
        sort: 'recently_deployed',
        limit: 1,
      });
      expect(recent.items[0]!.slug).toBe('cat-three');
      const next = await reg.models.catalogue(null, {
        q: 'catalogue',
        sort: 'recently_deployed',
        limit: 1,
        cursor: recent.nextCursor!,
      });
      expect(next.items[0]!.slug).toBe('cat-two');

      const mine = await reg.models.catalogue(actors.bob, { mine: true, q: 'cat-' });
      expect(mine.items.map((m) => m.slug)).toContain('cat-draft-only');
      expect((await codeOf(reg.models.catalogue(null, { mine: true }))).code).toBe('unauthenticated');
      expect((await codeOf(reg.models.catalogue(null, { cursor: 'garbage' }))).code).toBe(
        'validation_failed',
      );
      expect(
        (await codeOf(reg.models.catalogue(null, { sort: 'name', cursor: recent.nextCursor! }))).code,
      ).toBe('validation_failed');
    });
  });

  describe('plans', () => {
    it('keeps plan history; the newest applies to new subscriptions; price 0 is free', async () => {
      const m = await create('priced');
      tick();
      const p1 = await reg.plans.setPlan(actors.alice, 'priced', {
        priceMinor: 1900,
        currency: 'USD',
        trialDays: 7,
      });
      expect(p1).toMatchObject({
        priceMinor: 1900,
        currency: 'USD',
        trialDays: 7,
        free: false,
        billingPeriod: 'month',
      });
      const t1 = clock();
      tick();
      const p2 = await reg.plans.setPlan(actors.alice, 'priced', {
        priceMinor: 0,
        currency: 'EUR',
        trialDays: 0,
      });
      expect(p2.free).toBe(true);
      expect((await reg.plans.currentPlan(m.id, t1))?.id).toBe(p1.id);
      expect((await reg.plans.currentPlan(m.id))?.id).toBe(p2.id);
      expect((await reg.plans.history(actors.alice, 'priced')).map((p) => p.id)).toEqual([p2.id, p1.id]);
      expect((await reg.models.get(actors.alice, 'priced')).plan?.id).toBe(p2.id);
      expect(
        (
          await codeOf(
            reg.plans.setPlan(actors.bob, 'priced', { priceMinor: 1, currency: 'USD', trialDays: 0 }),
          )
        ).code,
      ).toBe('not_found');
    });
  });

  describe('publishPackageDir', () => {
    it('publishes the example packages from their folders (model created on the way)', async () => {
      for (const ex of ['momentum', 'mean-reversion', 'sklearn-direction']) {
        const { model, version } = await publishPackageDir(reg, {
          actor: actors.alice,
          dir: path.join(EXAMPLES, ex),
        });
        expect(model.slug).toBe(ex);
        expect(version).toMatchObject({ status: 'draft', version: '1.0.0', symbols: ['USDCHF'] });
      }
      // Same files again: the existing version is returned (and deployed when asked), not an error.
      const dir = path.join(EXAMPLES, 'momentum');
      const again = await publishPackageDir(reg, { actor: actors.alice, dir, deploy: true });
      expect(again.version.status).toBe('deployed');
      expect((await publishPackageDir(reg, { actor: actors.alice, dir })).version.status).toBe('deployed');
      expect((await reg.versions.list(actors.alice, 'momentum')).map((v) => v.version)).toEqual(['1.0.0']);
    });
  });
});
