/**
 * The public interface of the testing domain: other packages import `@seer/core/testing`, never its
 * files. Other packages' imports are added by tools/codemods/core-public-imports.mjs; edit freely.
 */

export { countingDb, deafListener, eventually } from './count-statements';
export type { TestDb } from './test-db';
export { createTestDb, TEST_DRIVERS, TEST_PG_ADMIN_URL } from './test-db';
