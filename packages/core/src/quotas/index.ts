/**
 * The public interface of the quotas domain: other packages import `@seer/core/quotas`, never its
 * files. Other packages' imports are added by tools/codemods/core-public-imports.mjs; edit freely.
 */

export { createQuotas, quotaLimitsFromConfig } from './quotas';
