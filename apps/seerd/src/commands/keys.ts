/**
 * `seerd keys generate-master | rotate | encrypt-existing`: the master key that protects packages,
 * private keys and webhook signing secrets at rest (docs/OPERATIONS.md, "Master key"). rotate and
 * encrypt-existing run as the schema owner (MIGRATION_DATABASE_URL, else DATABASE_URL / the
 * embedded database): the runtime roles cannot rewrite wrapped keys they cannot read.
 */
import { loadMasterKeyring } from '@seer/core/crypto';
import { type Command, type CommandIo, UsageError } from '../cli';
import { loadConfigOrExit, openOwnerDatabase } from '../runtime';

export const keysGenerateMasterCommand: Command = {
  path: ['keys', 'generate-master'],
  summary: 'Print a new random master key (base64 of 32 bytes) for SEER_MASTER_KEY / SEER_MASTER_KEY_FILE.',
  usage: '',
  options: {},
  async run({ io }) {
    const { generateMasterKey, masterKeyId, parseMasterKeys } = await import('@seer/core/crypto');
    const key = generateMasterKey();
    io.stdout(`${key}\n`);
    io.stderr(`seerd: master key id ${masterKeyId(parseMasterKeys(key, 'new key')[0] as Buffer)}\n`);
    return 0;
  },
};

async function runAtRest(io: CommandIo, rewrap: boolean): Promise<number> {
  const config = loadConfigOrExit(io);
  // Never generate a key here: rotating to a key nobody else has would lose everything.
  const ring = await loadMasterKeyring({
    masterKey: config.masterKey,
    masterKeyFile: config.masterKeyFile,
    keysDir: config.keysDir,
    generateKeys: false,
  });
  if (!ring)
    throw new UsageError(
      'no master key: set SEER_MASTER_KEY or SEER_MASTER_KEY_FILE (new key first, then the old ones)',
    );
  const { rotateAtRest } = await import('@seer/core/crypto');
  const { createArtifactKeysRepo } = await import('@seer/core/registry');
  const { createFsArtifactStore } = await import('@seer/core/registry');
  const { createEncryptedArtifactStore } = await import('@seer/core/registry');
  const { createWebhooksRepo } = await import('@seer/core/webhooks');
  const db = await openOwnerDatabase(config);
  try {
    const { migrate } = await import('@seer/core/db');
    await migrate(db, { log: (s) => io.stderr(`seerd: ${s}\n`) });
    const keys = createArtifactKeysRepo(db);
    const report = await rotateAtRest({
      ring,
      keys,
      store: createEncryptedArtifactStore({ inner: createFsArtifactStore(config.artifactDir), keys, ring }),
      keysDir: config.keysDir,
      webhooks: createWebhooksRepo(db),
      webhooksLegacyKey: config.webhooksSecretKey,
      rewrap,
      log: (s) => io.stderr(`seerd: ${s}\n`),
    });
    io.stdout(`${JSON.stringify(report, null, 2)}\n`);
    if (report.failures.length > 0) {
      io.stderr(
        `seerd: ${report.failures.length} item(s) not done; keep the old master key configured and run again\n`,
      );
      return 1;
    }
    return 0;
  } finally {
    await db.close();
  }
}

export const keysRotateCommand: Command = {
  path: ['keys', 'rotate'],
  summary:
    'Rewrap every package data key, private key file and webhook signing secret under the FIRST configured master key (the old keys listed after it); encrypts plaintext left by earlier installs and reseals webhook secrets of the deprecated WEBHOOKS_SECRET_KEY.',
  usage: '',
  options: {},
  run: ({ io }) => runAtRest(io, true),
};

export const keysEncryptExistingCommand: Command = {
  path: ['keys', 'encrypt-existing'],
  summary:
    'Encrypt packages and seal private key files stored in plaintext by earlier installs, and reseal webhook signing secrets of the deprecated WEBHOOKS_SECRET_KEY under the master key (no rewrapping).',
  usage: '',
  options: {},
  run: ({ io }) => runAtRest(io, false),
};

export const keysCommands: Command[] = [
  keysGenerateMasterCommand,
  keysRotateCommand,
  keysEncryptExistingCommand,
];
