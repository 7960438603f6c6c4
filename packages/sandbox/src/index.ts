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
export { type BwrapSandboxOptions, createBwrapSandbox, type SandboxStrategy } from './bwrap-sandbox';
export { checkSandboxHost, formatHostCheck, type SandboxHostCheck } from './host/check';
export { type RunLimits, resolveLimits } from './limits';
export { encodeFrame, FrameDecoder, PROTOCOL_VERSION } from './protocol/frames';
export * from './types';
export { validatePredictions } from './validate';
