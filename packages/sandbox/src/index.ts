export * from './types.ts';
export { createDataBroker, type DataBroker, type DataBrokerOptions, type DataRequest } from './broker/data-broker.ts';
export { createMemoryBarSource, createSqlBarSource, type QueryFn, READ_BARS_SQL } from './broker/sql-bar-source.ts';
export { checkSandboxHost, formatHostCheck, type SandboxHostCheck } from './host/check.ts';
export { createBwrapSandbox, type BwrapSandboxOptions, type SandboxStrategy } from './bwrap-sandbox.ts';
export { resolveLimits, type RunLimits } from './limits.ts';
export { encodeFrame, FrameDecoder, PROTOCOL_VERSION } from './protocol/frames.ts';
export { validatePredictions } from './validate.ts';
