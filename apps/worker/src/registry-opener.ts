/**
 * The worker's PackageOpener over the registry: `openVersionPackage` re-verifies the artifact's
 * digest and Ed25519 signature before every run and extracts it; an integrity failure becomes
 * PackageIntegrityError so the run is recorded as failed (never retried into the same mismatch).
 */
import { isAppError } from '@seer/core/errors';
import type { Registry } from '@seer/core/registry';
import { PackageIntegrityError, type PackageOpener } from './package-opener';

export function registryPackageOpener(registry: Pick<Registry, 'versions'>): PackageOpener {
  return async (versionId) => {
    try {
      const pkg = await registry.versions.openVersionPackage(versionId);
      const m = pkg.manifest;
      return {
        dir: pkg.dir,
        manifest: {
          entrypoint: m.entrypoint,
          interval: m.interval,
          horizon: m.horizon,
          target: m.target,
          symbols: m.symbols,
          lookback: m.lookback,
          resources: m.resources,
          ...(m.params ? { params: m.params } : {}),
        },
        release: () => pkg.cleanup(),
      };
    } catch (err) {
      if (
        isAppError(err) &&
        (err.code === 'artifact_integrity_failed' ||
          err.code === 'artifact_missing' ||
          err.code === 'not_found')
      )
        throw new PackageIntegrityError(err.detail);
      throw err;
    }
  };
}
