/**
 * The public interface of the transport domain: other packages import `@seer/core/transport`, never its
 * files. Other packages' imports are added by tools/codemods/core-public-imports.mjs; edit freely.
 */

export { redisTlsOptions } from './transport-security';
