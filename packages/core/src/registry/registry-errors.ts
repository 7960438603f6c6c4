/**
 * Error codes owned by the registry. Registered once at import so the API maps them to the
 * right HTTP status; every module of the registry imports this file.
 */
import { registerErrorCodes } from '../errors';

export const REGISTRY_ERROR_STATUS = {
  model_slug_taken: 409,
  model_version_immutable: 409,
  invalid_status_transition: 409,
  version_exists: 409,
  package_too_large: 413,
  package_unpacked_too_large: 413,
  package_too_many_files: 422,
  package_unsafe_path: 422,
  package_symlink: 422,
  package_hardlink: 422,
  package_special_file: 422,
  package_invalid_archive: 422,
  package_manifest_missing: 422,
  manifest_invalid: 422,
  deploy_check_failed: 422,
  no_market_data: 409,
  sandbox_unavailable: 503,
  artifact_storage_full: 503,
  artifact_integrity_failed: 500,
  artifact_missing: 500,
  signing_key_unavailable: 500,
} as const;

export type RegistryErrorCode = keyof typeof REGISTRY_ERROR_STATUS;

registerErrorCodes(REGISTRY_ERROR_STATUS);
