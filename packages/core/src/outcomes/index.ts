/**
 * The public interface of the outcomes domain: other packages import `@seer/core/outcomes`, never its
 * files. Other packages' imports are added by tools/codemods/core-public-imports.mjs; edit freely.
 */

export { computeOutcomes } from './outcomes.repo';
