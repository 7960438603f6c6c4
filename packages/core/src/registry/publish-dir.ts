/**
 * Publishing a package directory from code (the demo, scripts, `seerd`): pack it the canonical
 * way and go through exactly the same publish path as an HTTP upload.
 */
import { createReadStream } from 'node:fs';
import { lstat, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { AppError, isAppError } from '../errors';
import type { ModelsService } from './models.service';
import { type CanonicalFile, writeCanonicalArtifact } from './package/canonical-tar';
import type { CreateModel, DeployCheckJob, Model, Version } from './registry.schemas';
import { parseTomlSubset } from './toml';
import type { VersionsService } from './versions.service';
import type { Actor } from './views';

/** Regular files of a package directory (relative, `/`-separated), skipping __pycache__. */
export async function listPackageFiles(dir: string): Promise<CanonicalFile[]> {
  const out: CanonicalFile[] = [];
  const walk = async (rel: string) => {
    for (const name of (await readdir(path.join(dir, rel))).sort()) {
      if (name === '__pycache__') continue;
      const relPath = rel ? `${rel}/${name}` : name;
      const st = await lstat(path.join(dir, relPath));
      if (st.isDirectory()) await walk(relPath);
      else if (st.isFile()) out.push({ path: relPath, size: st.size });
      else
        throw new AppError('package_special_file', { detail: `${relPath} is not a regular file or folder.` });
    }
  };
  await walk('');
  return out;
}

/** Packs a directory as a gzipped canonical tar at outFile. */
export async function packDirectory(dir: string, outFile: string): Promise<{ digest: string }> {
  return writeCanonicalArtifact(dir, await listPackageFiles(dir), outFile);
}

export interface PublishDirOptions {
  actor: Actor;
  /** Model slug; defaults to the manifest's `name`. The model is created when missing. */
  slug?: string;
  dir: string;
  /** Metadata used only when the model has to be created. */
  model?: Partial<Omit<CreateModel, 'slug'>>;
  /** Also deploy the new version: runs the deploy check in this process (needs a registry with a deployGate). */
  deploy?: boolean;
}

export async function publishPackageDir(
  services: { models: ModelsService; versions: VersionsService },
  opts: PublishDirOptions,
): Promise<{ model: Model; version: Version }> {
  const manifest = parseTomlSubset(await readFile(path.join(opts.dir, 'seer.toml'), 'utf8'));
  const slug = opts.slug ?? String(manifest.name);
  try {
    await services.models.get(opts.actor, slug);
  } catch (err) {
    if (!isAppError(err) || err.code !== 'not_found') throw err;
    await services.models.create(opts.actor, {
      slug,
      name: opts.model?.name ?? String(manifest.name),
      description:
        opts.model?.description ?? (typeof manifest.description === 'string' ? manifest.description : ''),
      tags: opts.model?.tags ?? [],
      symbols: opts.model?.symbols ?? (Array.isArray(manifest.symbols) ? manifest.symbols.map(String) : []),
    });
  }
  const work = await mkdtemp(path.join(tmpdir(), 'seer-pack-'));
  try {
    const file = path.join(work, 'package.tar.gz');
    const { digest } = await packDirectory(opts.dir, file);
    // Re-running a script with the same files is a no-op rather than an error.
    const existing = await services.versions
      .get(opts.actor, slug, String(manifest.version))
      .catch((err) => (isAppError(err) && err.code === 'not_found' ? undefined : Promise.reject(err)));
    let version =
      existing?.digest === digest
        ? existing
        : await services.versions.publish(opts.actor, { slug, body: createReadStream(file) });
    if (opts.deploy && version.status === 'draft')
      version = await services.versions.deploy(opts.actor, slug, version.version);
    return { model: await services.models.get(opts.actor, slug), version };
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

/**
 * Waits until a worker has finished a deploy check (the demo, scripts): the finished check, or
 * an Error after `timeoutMs`.
 */
export async function waitForDeployCheck(
  versions: Pick<VersionsService, 'getDeployCheck'>,
  actor: Actor,
  checkId: string,
  opts: { timeoutMs?: number; pollMs?: number; signal?: AbortSignal } = {},
): Promise<DeployCheckJob> {
  const until = Date.now() + (opts.timeoutMs ?? 300_000);
  for (;;) {
    const check = await versions.getDeployCheck(actor, checkId);
    if (check.status === 'succeeded' || check.status === 'failed') return check;
    if (Date.now() > until || opts.signal?.aborted)
      throw new Error(`deploy check ${checkId} is still ${check.status}: is a worker running?`);
    await new Promise((r) => setTimeout(r, opts.pollMs ?? 50));
  }
}
