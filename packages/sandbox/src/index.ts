// seer.toml has one definition, in core; re-exported for the sandbox's callers.
export { parseManifest, parseTomlSubset, readManifest } from '@seer/core/registry';
export {
  createDataBroker,
  type DataBroker,
  type DataBrokerOptions,
  type DataRequest,
} from './broker/data-broker';
export {
  createMemoryBarSource,
  createSqlBarSource,
  type QueryFn,
  READ_BARS_SQL,
} from './broker/sql-bar-source';
export {
  type BwrapSandboxOptions,
  createBwrapSandbox,
  DEFAULT_RUNTIME_DIR,
  type SandboxStrategy,
} from './bwrap-sandbox';
export {
  type SandboxRunArgs,
  type SandboxRunDeps,
  type SandboxRunOutput,
  sandboxRunCommand,
} from './cli/sandbox-run';
export { checkSandboxHost, formatHostCheck, type SandboxHostCheck } from './host/check';
export { type RunLimits, resolveLimits } from './limits';
export { readPackageFiles } from './package/read-package';
export { encodeFrame, FrameDecoder, PROTOCOL_VERSION } from './protocol/frames';
export * from './types';
export { validatePredictions } from './validate';
