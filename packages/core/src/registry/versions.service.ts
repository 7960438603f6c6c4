/**
 * Use cases for versions: publish a package, read versions and attestations, deploy (after a
 * trial run), retire, delete a draft, download the package; and, for the worker, open a
 * version's package after re-verifying its digest and signature.
 */
import { closeSync, createReadStream, fstatSync, openSync, readSync } from 'node:fs';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { type Db, withTransaction } from '../db/db';
import { AppError, notFound } from '../errors';
import type { Quotas } from '../quotas/quotas';
import type { ArtifactStore } from './artifacts/artifact-store';
import { type Attestation, type SignedPayload, signedPayloadText, verifyArtifact } from './attestation';
import { canonicalJson } from './canonical-json';
import type { DeployCheckRow, DeployChecksRepo } from './deploy-checks.repo';
import { isImmutable, transitionOrThrow } from './lifecycle';
import { type ManifestCaps, type RegistryManifest, validateManifestText } from './manifest';
import type { ModelRow, ModelsRepo } from './models.repo';
import { writeCanonicalArtifact } from './package/canonical-tar';
import { type ExtractLimits, extractPackage } from './package/safe-extract';
import type {
  AttestationView,
  DeployCheck,
  DeployCheckJob,
  ValidationReport,
  Version,
  VersionSummary,
} from './registry.schemas';
import type { ArtifactKeyring } from './signing/keyring';
import { parseTomlSubset } from './toml';
import type { VersionRow, VersionsRepo } from './versions.repo';
import {
  type Actor,
  canManage,
  requireDeveloper,
  requireManage,
  versionSummary,
  versionView,
  visibleVersions,
} from './views';
import './registry-errors';
import { compareVersionStrings, maxVersion } from './semver';

/** What the deploy gate is shown: the draft about to be deployed. */
export interface DeployCandidate {
  id: string;
  model: string;
  version: string;
  manifest: RegistryManifest;
  digest: string;
}

export type DeployGateResult =
  | { ok: true; asOf?: Date; logs?: string }
  | { ok: false; code: string; message: string; asOf?: Date; logs?: string };
/**
 * Runs the version once before it may be deployed; a failure blocks the deploy with its reason.
 * Implemented outside core (apps/worker: the bubblewrap sandbox) and injected where checks run:
 * the workers and `seerd publish`, never the API.
 */
export type DeployGate = (candidate: DeployCandidate) => Promise<DeployGateResult>;

export type DeployCheckOutcome = 'succeeded' | 'failed' | 'skipped';

/** Thrown for trouble that retrying may fix (the check went back to queued). */
export class DeployCheckRetryableError extends Error {
  override name = 'DeployCheckRetryableError';
}

export interface OpenedPackage {
  /** Extracted package root, verified against the signed digest. */
  dir: string;
  manifest: RegistryManifest;
  digest: string;
  model: string;
  version: string;
  cleanup(): Promise<void>;
}

export interface VersionsServiceDeps {
  db: Db;
  modelsRepo: Pick<ModelsRepo, 'findBySlug' | 'findById' | 'hasPublicHistory'>;
  versionsRepo: VersionsRepo;
  deployChecksRepo: DeployChecksRepo;
  store: ArtifactStore;
  keyring: ArtifactKeyring;
  /** Only where checks may run in-process (`deploy`): workers and seerd, never the API. */
  deployGate?: DeployGate;
  /** Per-user limits on drafts and uploads in flight (429); none in scripts and unit tests. */
  quotas?: Pick<Quotas, 'checkDrafts' | 'acquireUploadSlot'>;
  limits: ExtractLimits;
  caps: ManifestCaps;
  clock: () => Date;
  /** Parent of temporary folders (default: the OS temp dir). */
  tmpDir?: string;
}

const MAX_SOURCE_READ = 4 * 1024 * 1024;

/** Gate codes that are not the model's fault keep their own error code. */
const GATE_CODES = new Set(['no_market_data', 'sandbox_unavailable']);
const LOGS_CAP = 16 * 1024;

function capTail(s: string, max: number): string {
  return s.length <= max ? s : `[truncated]\n${s.slice(-max)}`;
}

function deployCheckView(row: DeployCheckRow, slug: string, version: string): DeployCheckJob {
  return {
    id: row.id,
    model: slug,
    version,
    status: row.status,
    errorCode: row.error_code,
    errorMessage: row.error_message,
    logs: row.logs,
    asOf: row.as_of?.toISOString() ?? null,
    attempts: row.attempts,
    createdAt: row.created_at.toISOString(),
    startedAt: row.started_at?.toISOString() ?? null,
    finishedAt: row.finished_at?.toISOString() ?? null,
  };
}

export function createVersionsService(deps: VersionsServiceDeps) {
  const { db, modelsRepo, versionsRepo, store, keyring, limits, caps, clock } = deps;
  const tmpParent = deps.tmpDir ?? tmpdir();

  async function loadModel(viewer: Actor | null, slug: string) {
    const model = await modelsRepo.findBySlug(slug);
    if (!model) throw notFound(`Model ${slug}`);
    const publiclyVisible = await modelsRepo.hasPublicHistory(model.id);
    if (!publiclyVisible && !canManage(viewer, model)) throw notFound(`Model ${slug}`);
    return { model, publiclyVisible };
  }

  /** A version the viewer may see (drafts only to the owner/admin: 404 otherwise). */
  async function loadVersion(viewer: Actor | null, slug: string, version: string) {
    const { model, publiclyVisible } = await loadModel(viewer, slug);
    const row = await versionsRepo.find(model.id, version);
    if (!row || (row.status === 'draft' && !canManage(viewer, model)))
      throw notFound(`Version ${version} of model ${slug}`);
    return { model, row, publiclyVisible };
  }

  const attestationOf = (row: VersionRow): Attestation => ({
    digest: row.digest,
    signature: row.signature,
    keyId: row.signing_key_id,
    payload: row.signed_payload,
  });

  /** Copies the artifact out of the store and verifies it; the caller removes `dir`. */
  async function fetchVerified(
    row: VersionRow,
    model: ModelRow,
    dir: string,
  ): Promise<{ file: string; payload: SignedPayload }> {
    const file = path.join(dir, 'artifact.tar.gz');
    await store.download(row.digest, file);
    const payload = await verifyArtifact(attestationOf(row), file, keyring);
    // The signature covers the payload; the payload must also describe this very row.
    if (
      payload.model !== model.slug ||
      payload.version !== row.version ||
      canonicalJson(payload.manifest) !== canonicalJson(row.manifest)
    ) {
      throw new AppError('artifact_integrity_failed', {
        detail: `The signed payload of ${model.slug}@${row.version} does not match the version record.`,
      });
    }
    return { file, payload };
  }

  async function openVersionPackage(versionId: string): Promise<OpenedPackage> {
    const row = await versionsRepo.findById(versionId);
    if (!row) throw notFound(`Version ${versionId}`);
    const model = await modelsRepo.findById(row.model_id);
    if (!model) throw notFound('Model');
    const dir = await mkdtemp(path.join(tmpParent, 'seer-version-'));
    const cleanup = () => rm(dir, { recursive: true, force: true });
    try {
      // The sandbox reads the package as an unprivileged uid: it may traverse, not list.
      await chmod(dir, 0o711);
      const { file, payload } = await fetchVerified(row, model, dir);
      // Verified content passed the caps in force when it was published; lowering a cap later
      // must not make deployed versions unrunnable.
      const extracted = await extractPackage(createReadStream(file), path.join(dir, 'pkg'), {
        maxArchiveBytes: Number.MAX_SAFE_INTEGER,
        maxUnpackedBytes: Math.max(limits.maxUnpackedBytes, Number(row.unpacked_bytes)),
        maxFiles: Math.max(limits.maxFiles, row.file_count),
      });
      return {
        dir: extracted.root,
        manifest: payload.manifest,
        digest: row.digest,
        model: model.slug,
        version: row.version,
        cleanup,
      };
    } catch (err) {
      await cleanup();
      throw err;
    }
  }

  const service = {
    async publish(actor: Actor, input: { slug: string; body: Readable | Buffer }): Promise<Version> {
      requireDeveloper(actor);
      const { model, publiclyVisible } = await loadModel(actor, input.slug);
      requireManage(actor, model, publiclyVisible);
      await deps.quotas?.checkDrafts(actor);
      const releaseSlot = await deps.quotas?.acquireUploadSlot(actor);
      const work = await mkdtemp(path.join(tmpParent, 'seer-publish-'));
      try {
        const extracted = await extractPackage(input.body, path.join(work, 'pkg'), limits);
        const paths = new Set(extracted.files.map((f) => f.path));
        if (!paths.has('seer.toml'))
          throw new AppError('package_manifest_missing', {
            detail: 'The package has no seer.toml at its root (or inside its single top-level folder).',
          });
        const readText = (p: string): string | undefined => {
          if (!paths.has(p)) return undefined;
          // Source files are small; a huge one is read only as far as a def could sensibly be.
          const fd = openSync(path.join(extracted.root, p), 'r');
          try {
            const buf = Buffer.alloc(Math.min(fstatSync(fd).size, MAX_SOURCE_READ));
            readSync(fd, buf, 0, buf.length, 0);
            return buf.toString('utf8');
          } finally {
            closeSync(fd);
          }
        };
        const tomlText = readText('seer.toml')!;

        // Facts from the database the pure rules need: declared symbols that exist, and versions.
        let declared: string[] = [];
        let declaredVersion: unknown;
        try {
          const raw = parseTomlSubset(tomlText);
          if (Array.isArray(raw.symbols))
            declared = raw.symbols.filter((s): s is string => typeof s === 'string');
          declaredVersion = raw.version;
        } catch {
          // validateManifestText reports the syntax error.
        }
        const existing = await versionsRepo.listByModel(model.id);
        const frozen = existing.find((v) => v.version === declaredVersion && isImmutable(v.status));
        if (frozen) {
          throw new AppError('model_version_immutable', {
            detail: `Version ${frozen.version} of ${model.slug} is ${frozen.status} and can never change; publish a higher version.`,
          });
        }
        const result = validateManifestText(tomlText, {
          caps,
          existingVersions: existing.map((v) => v.version),
          knownSymbols: await versionsRepo.knownSymbols(declared.slice(0, caps.maxSymbols)),
          readText,
        });
        if (!result.ok) {
          throw new AppError('manifest_invalid', {
            detail: 'seer.toml has invalid fields; see errors for each one.',
            errors: result.errors,
          });
        }
        const { manifest } = result;

        const artifactFile = path.join(work, 'artifact.tar.gz');
        const artifact = await writeCanonicalArtifact(extracted.root, extracted.files, artifactFile);
        await store.put(artifact.digest, artifactFile);
        const payload = signedPayloadText({
          model: model.slug,
          version: manifest.version,
          digest: artifact.digest,
          manifest,
        });
        const { signature, keyId } = keyring.sign(payload);
        const validation: ValidationReport = {
          files: extracted.files.length,
          unpackedBytes: extracted.unpackedBytes,
          archiveBytes: extracted.archiveBytes,
          entrypointFile: result.entrypointFile,
          checks: [
            'archive: only regular files and folders, safe paths, within size and file-count caps',
            'seer.toml: every field valid, version greater than all existing versions',
            `entrypoint: ${result.entrypointFile} defines ${manifest.entrypoint.split(':')[1] ?? 'predict'}()`,
            `symbols: ${manifest.symbols.join(', ')} are known instruments`,
          ],
        };
        // Re-check under a lock on the model row: two uploads racing with different versions
        // must not both pass "greater than every existing version".
        const row = await withTransaction(db, async (trx) => {
          await trx
            .selectFrom('models')
            .select('id')
            .where('id', '=', model.id)
            .forUpdate()
            .executeTakeFirst();
          const newest = maxVersion(await versionsRepo.versionNumbers(model.id, trx));
          if (newest !== undefined && compareVersionStrings(manifest.version, newest) <= 0) {
            throw new AppError('manifest_invalid', {
              detail: 'seer.toml has invalid fields; see errors for each one.',
              errors: [
                {
                  field: '/version',
                  message: `must be greater than ${newest}, the newest version of this model (published concurrently)`,
                },
              ],
            });
          }
          return versionsRepo.insert(
            {
              model_id: model.id,
              version: manifest.version,
              digest: artifact.digest,
              artifact_bytes: artifact.gzipBytes,
              unpacked_bytes: extracted.unpackedBytes,
              file_count: extracted.files.length,
              manifest: JSON.stringify(manifest),
              interval: manifest.interval,
              horizon: manifest.horizon,
              target: manifest.target,
              symbols: manifest.symbols,
              signature,
              signing_key_id: keyId,
              signed_payload: payload,
              validation: JSON.stringify(validation),
              created_by: actor.userId,
              created_at: clock(),
            },
            trx,
          );
        });
        if (!row)
          throw new AppError('version_exists', {
            detail: `Version ${manifest.version} of ${model.slug} was published concurrently; publish a higher version.`,
          });
        // Store again now that a row references it: a garbage sweep that ran between the first put
        // and the insert (same bytes, an old unreferenced copy) cannot leave the row dangling.
        await store.put(artifact.digest, artifactFile);
        return versionView(row, model.slug);
      } finally {
        await rm(work, { recursive: true, force: true });
        await releaseSlot?.();
      }
    },

    async list(viewer: Actor | null, slug: string): Promise<VersionSummary[]> {
      const { model } = await loadModel(viewer, slug);
      return visibleVersions(viewer, model, await versionsRepo.listByModel(model.id))
        .reverse()
        .map(versionSummary);
    },

    async get(viewer: Actor | null, slug: string, version: string): Promise<Version> {
      const { model, row } = await loadVersion(viewer, slug, version);
      return versionView(row, model.slug);
    },

    async attestation(viewer: Actor | null, slug: string, version: string): Promise<AttestationView> {
      const { model, row } = await loadVersion(viewer, slug, version);
      return {
        model: model.slug,
        version: row.version,
        digest: row.digest,
        algorithm: 'Ed25519',
        keyId: row.signing_key_id,
        signature: row.signature,
        payload: row.signed_payload,
      };
    },

    /**
     * Asks for a deploy: records a queued deploy check (or answers the one already queued or
     * running) for a worker to run. Never runs anything itself: the API process has no sandbox.
     */
    async requestDeploy(
      actor: Actor,
      slug: string,
      version: string,
    ): Promise<{ check: DeployCheckJob; created: boolean }> {
      const { model, row, publiclyVisible } = await loadVersion(actor, slug, version);
      requireManage(actor, model, publiclyVisible);
      transitionOrThrow(row.status, 'deploy', `version ${version}`);
      const { row: check, created } = await deps.deployChecksRepo.request({
        version_id: row.id,
        requested_by: actor.userId,
        created_at: clock(),
      });
      return { check: deployCheckView(check, model.slug, row.version), created };
    },

    /** A deploy check, for the owner of the model or an admin (404 to anyone else). */
    async getDeployCheck(viewer: Actor | null, id: string): Promise<DeployCheckJob> {
      const check = await deps.deployChecksRepo.findById(id);
      const row = check && (await versionsRepo.findById(check.version_id));
      const model = row && (await modelsRepo.findById(row.model_id));
      if (!check || !row || !model || !canManage(viewer, model)) throw notFound(`Deploy check ${id}`);
      return deployCheckView(check, model.slug, row.version);
    },

    /**
     * For a worker: claim a deploy check, verify the package, run the gate, and either deploy the
     * version (draft -> deployed, in one transaction with the check's success) or record why not.
     * Transient trouble hands the check back and throws DeployCheckRetryableError, unless this is
     * the last attempt: then the check fails with that reason, so a developer is never left waiting.
     */
    async executeDeployCheck(o: {
      checkId: string;
      gate: DeployGate;
      workerId: string;
      leaseMs: number;
      lastAttempt: boolean;
    }): Promise<DeployCheckOutcome> {
      const check = await deps.deployChecksRepo.claim({
        id: o.checkId,
        workerId: o.workerId,
        leaseMs: o.leaseMs,
        startedAt: clock(),
      });
      if (!check) return 'skipped'; // finished, deleted with its draft, or leased by a live worker
      const finish = async (
        fields:
          | { ok: true; asOf?: Date; logs?: string }
          | { ok: false; code: string; message: string; asOf?: Date; logs?: string },
      ): Promise<DeployCheckOutcome> => {
        const done = await deps.deployChecksRepo.finish({
          id: check.id,
          workerId: o.workerId,
          fields: {
            status: fields.ok ? 'succeeded' : 'failed',
            error_code: fields.ok ? null : fields.code,
            error_message: fields.ok ? null : fields.message.slice(0, 2000),
            logs: fields.logs ? capTail(fields.logs, LOGS_CAP) : null,
            as_of: fields.asOf ?? null,
            finished_at: clock(),
          },
        });
        return done ? (fields.ok ? 'succeeded' : 'failed') : 'skipped';
      };
      const heartbeat = setInterval(
        () =>
          void deps.deployChecksRepo
            .extendLease({ id: check.id, workerId: o.workerId, leaseMs: o.leaseMs })
            .catch(() => {}),
        Math.max(250, Math.floor(o.leaseMs / 3)),
      );
      heartbeat.unref();
      try {
        const row = await versionsRepo.findById(check.version_id);
        const model = row && (await modelsRepo.findById(row.model_id));
        if (!row || !model)
          return await finish({ ok: false, code: 'not_found', message: 'The version no longer exists.' });
        if (row.status !== 'draft')
          return await finish({
            ok: false,
            code: 'invalid_status_transition',
            message: `Version ${row.version} is ${row.status}; only a draft can be deployed.`,
          });
        const manifest = (
          typeof row.manifest === 'string' ? JSON.parse(row.manifest) : row.manifest
        ) as RegistryManifest;
        // Never deploy bytes that no longer match their signature.
        const work = await mkdtemp(path.join(tmpParent, 'seer-deploy-'));
        try {
          await fetchVerified(row, model, work);
        } catch (err) {
          if (err instanceof AppError && err.code === 'artifact_integrity_failed')
            return await finish({ ok: false, code: err.code, message: err.detail });
          throw err;
        } finally {
          await rm(work, { recursive: true, force: true });
        }
        const gate = await o.gate({
          id: row.id,
          model: model.slug,
          version: row.version,
          manifest,
          digest: row.digest,
        });
        if (!gate.ok && gate.code === 'sandbox_unavailable' && !o.lastAttempt)
          throw new DeployCheckRetryableError(gate.message);
        const checkedAt = clock();
        const record: DeployCheck = {
          ok: gate.ok,
          ...(gate.ok ? {} : { code: gate.code, message: gate.message.slice(0, 2000) }),
          ...(gate.asOf ? { asOf: gate.asOf.toISOString() } : {}),
          checkedAt: checkedAt.toISOString(),
        };
        if (!gate.ok) {
          await versionsRepo.recordDeployCheck(row.id, JSON.stringify(record));
          return await finish(gate);
        }
        const deployed = await withTransaction(db, async (trx) => {
          const updated = await versionsRepo.transition(
            row.id,
            'draft',
            { status: 'deployed', deployed_at: checkedAt, deploy_check: JSON.stringify(record) },
            trx,
          );
          if (!updated) return false;
          const mine = await deps.deployChecksRepo.finish(
            {
              id: check.id,
              workerId: o.workerId,
              fields: {
                status: 'succeeded',
                error_code: null,
                error_message: null,
                logs: gate.logs ? capTail(gate.logs, LOGS_CAP) : null,
                as_of: gate.asOf ?? null,
                finished_at: checkedAt,
              },
            },
            trx,
          );
          // Lost the lease (presumed dead): roll back, the new holder decides.
          if (!mine) throw new DeployCheckRetryableError('lease lost');
          return true;
        }).catch((err) => {
          if (err instanceof DeployCheckRetryableError && err.message === 'lease lost')
            return 'lost' as const;
          throw err;
        });
        if (deployed === 'lost') return 'skipped';
        if (!deployed)
          return await finish({
            ok: false,
            code: 'invalid_status_transition',
            message: `Version ${row.version} changed while it was checked; only a draft can be deployed.`,
          });
        return 'succeeded';
      } catch (err) {
        if (o.lastAttempt) {
          const code = err instanceof AppError ? err.code : 'sandbox_unavailable';
          return finish({
            ok: false,
            code,
            message: `The deploy check could not run: ${(err as Error).message}`,
          });
        }
        await deps.deployChecksRepo.release({ id: check.id, workerId: o.workerId }).catch(() => {});
        if (err instanceof DeployCheckRetryableError) throw err;
        throw new DeployCheckRetryableError((err as Error).message, { cause: err });
      } finally {
        clearInterval(heartbeat);
      }
    },

    /**
     * Request and run the check here and now, with this process's gate (seerd publish, tests):
     * the version, deployed; or the AppError saying why not.
     */
    async deploy(actor: Actor, slug: string, version: string): Promise<Version> {
      const gate = deps.deployGate;
      if (!gate)
        throw new AppError('sandbox_unavailable', {
          detail: 'This process cannot run deploy checks; request the deploy and let a worker run the check.',
        });
      const { check } = await service.requestDeploy(actor, slug, version);
      await service.executeDeployCheck({
        checkId: check.id,
        gate,
        workerId: `inline:${process.pid}`,
        leaseMs: 120_000,
        lastAttempt: true,
      });
      const done = await deps.deployChecksRepo.findById(check.id);
      const { model, row } = await loadVersion(actor, slug, version);
      if (done?.status === 'succeeded') return versionView(row, model.slug);
      const code = done?.error_code ?? 'conflict';
      if (code === 'invalid_status_transition') transitionOrThrow(row.status, 'deploy', `version ${version}`);
      if (done?.status !== 'failed')
        throw new AppError('conflict', {
          detail: 'Another worker is running the deploy check of this version; retry later.',
        });
      const message = done.error_message ?? '';
      if (GATE_CODES.has(code) || code === 'artifact_integrity_failed')
        throw new AppError(code, { detail: message });
      throw new AppError('deploy_check_failed', {
        detail: `The trial run of ${slug}@${version} failed (${code}): ${message}`.slice(0, 2000),
      });
    },

    /** deployed -> retired: scheduling stops, history stays. */
    async retire(actor: Actor, slug: string, version: string): Promise<Version> {
      const { model, row, publiclyVisible } = await loadVersion(actor, slug, version);
      requireManage(actor, model, publiclyVisible);
      transitionOrThrow(row.status, 'retire', `version ${version}`);
      const updated = await versionsRepo.transition(row.id, 'deployed', {
        status: 'retired',
        retired_at: clock(),
      });
      if (!updated)
        throw new AppError('invalid_status_transition', { detail: `Version ${version} is already retired.` });
      return versionView(updated, model.slug);
    },

    /** Deletes a draft; a version that was ever deployed is part of the record forever. */
    async deleteDraft(actor: Actor, slug: string, version: string): Promise<void> {
      const { model, row, publiclyVisible } = await loadVersion(actor, slug, version);
      requireManage(actor, model, publiclyVisible);
      if (isImmutable(row.status) || !(await versionsRepo.deleteDraft(row.id))) {
        throw new AppError('model_version_immutable', {
          detail: `Version ${version} of ${slug} was deployed and can never be deleted or changed.`,
        });
      }
    },

    /** The stored package (gzipped canonical tar) for its owner or an admin. */
    async openPackage(
      actor: Actor,
      slug: string,
      version: string,
    ): Promise<{ stream: Readable; filename: string; digest: string; bytes: number }> {
      const { model, row, publiclyVisible } = await loadVersion(actor, slug, version);
      requireManage(actor, model, publiclyVisible);
      return {
        stream: await store.get(row.digest),
        filename: `${model.slug}-${row.version}.tar.gz`,
        digest: row.digest,
        bytes: Number(row.artifact_bytes),
      };
    },

    /** For the runner: extract a version's package after re-verifying digest and signature. */
    openVersionPackage,

    /** For the worker: re-check stored bytes (or a file) against the version's attestation. */
    async verifyVersion(versionId: string): Promise<SignedPayload> {
      const row = await versionsRepo.findById(versionId);
      if (!row) throw notFound(`Version ${versionId}`);
      const model = await modelsRepo.findById(row.model_id);
      if (!model) throw notFound('Model');
      const dir = await mkdtemp(path.join(tmpParent, 'seer-verify-'));
      try {
        return (await fetchVerified(row, model, dir)).payload;
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    },
  };
  return service;
}

export type VersionsService = ReturnType<typeof createVersionsService>;
