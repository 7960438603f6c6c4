/**
 * The public interface of the crypto domain: other packages import `@seer/core/crypto`, never its
 * files. Other packages' imports are added by tools/codemods/core-public-imports.mjs; edit freely.
 */

export {
  createMasterKeyring,
  generateMasterKey,
  loadMasterKeyring,
  type MasterKeyring,
  masterKeyId,
  parseMasterKeys,
  readKeyFile,
} from './master-keys';
export { rotateAtRest } from './rotation';
