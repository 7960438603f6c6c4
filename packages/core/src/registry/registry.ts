/**
 * The registry, wired: repositories, artifact store, signing keys and the three services, from
 * config and a database. The API, the worker and scripts all build it here.
 */
import type { Config } from '../config';
import { loadMasterKeyring, type MasterKeyring } from '../crypto/master-keys';
import type { Db } from '../db/db';
import type { Quotas } from '../quotas/quotas';
import { createArtifactKeysRepo } from './artifacts/artifact-keys.repo';
import { type ArtifactStore, createFsArtifactStore } from './artifacts/artifact-store';
import { createEncryptedArtifactStore } from './artifacts/encrypted-artifact-store';
import { type Attestation, createArtifactVerifier, type SignedPayload } from './attestation';
import { createDeployChecksRepo } from './deploy-checks.repo';
import { MANIFEST_CAPS, type ManifestCaps } from './manifest';
import { createModelsRepo } from './models.repo';
import { createModelsService, type ModelsService } from './models.service';
import { createPlansRepo } from './plans.repo';
import { createPlansService, type PlansService } from './plans.service';
import { type ArtifactKeyring, loadArtifactKeyring, type PublicSigningKey } from './signing/keyring';
import { createVersionsRepo } from './versions.repo';
import { createVersionsService, type DeployGate, type VersionsService } from './versions.service';

export { MANIFEST_CAPS };

export interface Registry {
  models: ModelsService;
  versions: VersionsService;
  plans: PlansService;
  keys: { list(): PublicSigningKey[] };
  keyring: ArtifactKeyring;
  store: ArtifactStore;
  /** Re-checks an artifact (bytes or file path) against its attestation; throws artifact_integrity_failed. */
  verifyArtifact(att: Attestation, data: Buffer | string): Promise<SignedPayload>;
}

export interface RegistryDeps {
  config: Pick<
    Config,
    | 'keysDir'
    | 'generateKeys'
    | 'artifactDir'
    | 'packageMaxBytes'
    | 'packageMaxUnpackedBytes'
    | 'packageMaxFiles'
  > &
    Partial<Pick<Config, 'masterKey' | 'masterKeyFile'>>;
  db: Db;
  clock: () => Date;
  /**
   * Lets `versions.deploy` run checks in this process (seerd publish, tests). Core has no
   * sandbox: the bubblewrap gate lives in apps/worker (createSandboxDeployGate) and the API gets none.
   */
  deployGate?: DeployGate;
  keyring?: ArtifactKeyring;
  store?: ArtifactStore;
  /** The master keys (default: from config; see crypto/master-keys.ts). null: none in this process. */
  masterKeys?: MasterKeyring | null;
  /** Per-user limits on models, drafts and uploads in flight (the API passes them). */
  quotas?: Quotas;
  caps?: ManifestCaps;
  tmpDir?: string;
}

export async function createRegistry(deps: RegistryDeps): Promise<Registry> {
  const { config, db, clock } = deps;
  const masterKeys =
    deps.masterKeys === null
      ? undefined
      : (deps.masterKeys ??
        (await loadMasterKeyring({
          masterKey: config.masterKey,
          masterKeyFile: config.masterKeyFile,
          keysDir: config.keysDir,
          generateKeys: config.generateKeys,
        })));
  const keyring =
    deps.keyring ??
    (await loadArtifactKeyring({
      keysDir: config.keysDir,
      generate: config.generateKeys,
      clock,
      masterKeys,
    }));
  // Packages are stored encrypted (AES-256-GCM, a data key per artifact wrapped by the master key).
  const store =
    deps.store ??
    createEncryptedArtifactStore({
      inner: createFsArtifactStore(config.artifactDir),
      keys: createArtifactKeysRepo(db),
      ring: masterKeys,
      ...(deps.tmpDir ? { tmpDir: deps.tmpDir } : {}),
    });
  const modelsRepo = createModelsRepo(db);
  const versionsRepo = createVersionsRepo(db);
  const plansRepo = createPlansRepo(db);
  const limits = {
    maxArchiveBytes: config.packageMaxBytes,
    maxUnpackedBytes: config.packageMaxUnpackedBytes,
    maxFiles: config.packageMaxFiles,
  };
  const versions: VersionsService = createVersionsService({
    db,
    modelsRepo,
    versionsRepo,
    store,
    keyring,
    limits,
    caps: deps.caps ?? MANIFEST_CAPS,
    clock,
    deployChecksRepo: createDeployChecksRepo(db),
    ...(deps.tmpDir ? { tmpDir: deps.tmpDir } : {}),
    ...(deps.deployGate ? { deployGate: deps.deployGate } : {}),
    ...(deps.quotas ? { quotas: deps.quotas } : {}),
  });
  return {
    models: createModelsService({
      modelsRepo,
      versionsRepo,
      plansRepo,
      clock,
      ...(deps.quotas ? { quotas: deps.quotas } : {}),
    }),
    versions,
    plans: createPlansService({ modelsRepo, plansRepo, clock }),
    keys: { list: () => keyring.publicKeys() },
    keyring,
    store,
    verifyArtifact: createArtifactVerifier(keyring),
  };
}
