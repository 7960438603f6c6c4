/**
 * How the worker gets a runnable package for a version: an extracted directory whose digest and
 * platform signature were verified, and its manifest. The registry provides the real one
 * (openVersionPackage); this interface keeps the worker independent of how artifacts are stored.
 */
import type { ModelManifest } from '@seer/sandbox';

export interface OpenedPackage {
  dir: string;
  manifest: ModelManifest;
  /** Called when the run no longer needs the directory. */
  release?: () => Promise<void>;
}

/** Throws PackageIntegrityError when the artifact does not match its digest or signature. */
export type PackageOpener = (versionId: string) => Promise<OpenedPackage>;

export class PackageIntegrityError extends Error {
  override name = 'PackageIntegrityError';
}
