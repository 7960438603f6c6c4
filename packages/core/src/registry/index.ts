/**
 * The public interface of the registry domain: other packages import `@seer/core/registry`, never its
 * files. Other packages' imports are added by tools/codemods/core-public-imports.mjs; edit freely.
 */

export { sweepArtifacts } from './artifacts/artifact-gc';
export { createArtifactKeysRepo } from './artifacts/artifact-keys.repo';
export { createFsArtifactStore } from './artifacts/artifact-store';
export { createEncryptedArtifactStore } from './artifacts/encrypted-artifact-store';
export { signedPayloadText } from './attestation';
export { createDeployChecksRepo } from './deploy-checks.repo';
export type { RegistryManifest, RunManifest, Target } from './manifest';
export { INTERVAL_HOURS, MANIFEST_CAPS, parseManifest } from './manifest';
export { readManifest } from './manifest-file';
export type { ExtractLimits } from './package/safe-extract';
export { extractPackage } from './package/safe-extract';
export { packageTgz } from './package/test-archives';
export { packDirectory, publishPackageDir, waitForDeployCheck } from './publish-dir';
export type { Registry } from './registry';
export { createRegistry } from './registry';
export {
  AttestationSchema,
  CatalogueQuerySchema,
  CreateModelSchema,
  DeployCheckJobSchema,
  DeployCheckParamsSchema,
  ModelPageSchema,
  ModelSchema,
  PlanSchema,
  SetPlanSchema,
  SigningKeyListSchema,
  SlugParamsSchema,
  UpdateModelSchema,
  VersionListSchema,
  VersionParamsSchema,
  VersionSchema,
} from './registry.schemas';
export { parseTomlSubset } from './toml';
export type { VersionsRepo } from './versions.repo';
export { createVersionsRepo } from './versions.repo';
export type { DeployCandidate, DeployGate, OpenedPackage, VersionsService } from './versions.service';
export type { Actor } from './views';
