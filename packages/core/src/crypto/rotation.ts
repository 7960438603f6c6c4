/**
 * `seerd keys rotate` / `seerd keys encrypt-existing`: bring everything at rest under the active
 * master key. Rotation rewraps the 32-byte data keys (artifact_keys rows, sealed key files,
 * webhook signing secrets); the encrypted packages themselves are never rewritten. Plaintext left
 * by earlier installs (packages, PEM key files) is encrypted on the way, and webhook secrets
 * sealed under the deprecated WEBHOOKS_SECRET_KEY are resealed under the master key. Every step
 * is idempotent: a run that stops half-way is finished by running it again (rows are rewrapped
 * only while still as they were read; files are replaced atomically).
 */
import { randomBytes } from 'node:crypto';
import { readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { ArtifactKeysRepo } from '../registry/artifacts/artifact-keys.repo';
import { artifactContext, type EncryptedArtifactStore } from '../registry/artifacts/encrypted-artifact-store';
import { resealWebhookSecret } from '../webhooks/secret-box';
import type { WebhooksRepo } from '../webhooks/webhooks.repo';
import { isSealed, type MasterKeyring, rewrapSealed, sealedMasterKid, sealText } from './master-keys';

/** Private key files in SEER_KEYS_DIR (public `.pub.pem` files are not secret and stay plain). */
const PRIVATE_KEY_FILE = /^(jwt|artifact-signing)-[A-Za-z0-9_-]{1,64}\.pem$/;

export interface RotationReport {
  activeKid: string;
  /** Plaintext packages of earlier installs now encrypted. */
  packagesEncrypted: number;
  /** Data keys rewrapped under the active master key. */
  keysRewrapped: number;
  /** Data keys already under the active master key. */
  keysCurrent: number;
  /** Plain PEM private key files sealed. */
  keyFilesSealed: number;
  /** Sealed key files rewrapped under the active master key. */
  keyFilesRewrapped: number;
  /** Webhook signing secrets moved from the deprecated WEBHOOKS_SECRET_KEY to the active master key. */
  webhookSecretsSealed: number;
  /** Webhook signing secrets rewrapped from an older master key. */
  webhookSecretsRewrapped: number;
  /** Webhook signing secrets already under the active master key. */
  webhookSecretsCurrent: number;
  /** Problems that stopped an item (e.g. a key wrapped under a master key this run does not hold). */
  failures: string[];
}

async function replaceFile(file: string, content: string): Promise<void> {
  const tmp = `${file}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    await writeFile(tmp, content, { mode: 0o600, flag: 'wx' });
    await rename(tmp, file);
  } finally {
    await rm(tmp, { force: true });
  }
}

export async function rotateAtRest(deps: {
  ring: MasterKeyring;
  keys: ArtifactKeysRepo;
  store: EncryptedArtifactStore;
  keysDir: string;
  webhooks: Pick<WebhooksRepo, 'secretsByKid' | 'resealSecret'>;
  /** WEBHOOKS_SECRET_KEY, deprecated: opens the webhook secrets earlier releases sealed under it. */
  webhooksLegacyKey: string | undefined;
  /**
   * encrypt-existing: only encrypt plaintext and move legacy webhook secrets, leave what is under
   * an older master key as it is.
   */
  rewrap: boolean;
  log?: (msg: string) => void;
}): Promise<RotationReport> {
  const { ring, keys, store } = deps;
  const log = deps.log ?? (() => {});
  const report: RotationReport = {
    activeKid: ring.activeKid,
    packagesEncrypted: 0,
    keysRewrapped: 0,
    keysCurrent: 0,
    keyFilesSealed: 0,
    keyFilesRewrapped: 0,
    webhookSecretsSealed: 0,
    webhookSecretsRewrapped: 0,
    webhookSecretsCurrent: 0,
    failures: [],
  };

  for await (const { digest } of store.list()) {
    try {
      if (await store.encryptExisting(digest)) {
        report.packagesEncrypted++;
        log(`encrypted plaintext package ${digest}`);
      }
    } catch (err) {
      report.failures.push(`package ${digest}: ${(err as Error).message}`);
    }
  }

  for (const { digest, masterKid } of await keys.listKids()) {
    if (masterKid === ring.activeKid) {
      report.keysCurrent++;
      continue;
    }
    if (!deps.rewrap) continue;
    try {
      const row = await keys.find(digest);
      if (!row) continue; // collected meanwhile
      const dataKey = ring.unwrap(row, artifactContext(digest));
      if (await keys.rewrap({ digest, ...ring.wrap(dataKey, artifactContext(digest)) }, row.masterKid))
        report.keysRewrapped++;
    } catch (err) {
      report.failures.push(`data key of ${digest}: ${(err as Error).message}`);
    }
  }

  const secrets = await deps.webhooks.secretsByKid(ring.activeKid);
  report.webhookSecretsCurrent = secrets.current;
  for (const row of secrets.others) {
    if (row.masterKid !== null && !deps.rewrap) continue;
    try {
      const next = resealWebhookSecret(row, { ring, legacyKey: deps.webhooksLegacyKey });
      // false: the row changed since it was read (another run resealed it); nothing to count.
      if (!(await deps.webhooks.resealSecret(row, next))) continue;
      if (row.masterKid === null) {
        report.webhookSecretsSealed++;
        log(`sealed the signing secret of webhook endpoint ${row.id} under ${ring.activeKid}`);
      } else report.webhookSecretsRewrapped++;
    } catch (err) {
      report.failures.push(`webhook endpoint ${row.id}: ${(err as Error).message}`);
    }
  }

  let names: string[] = [];
  try {
    names = await readdir(deps.keysDir);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  for (const name of names.sort()) {
    if (!PRIVATE_KEY_FILE.test(name)) continue;
    const file = path.join(deps.keysDir, name);
    try {
      const text = await readFile(file, 'utf8');
      if (!isSealed(text)) {
        await replaceFile(file, sealText(text, ring, name));
        report.keyFilesSealed++;
        log(`sealed ${name}`);
      } else if (deps.rewrap && sealedMasterKid(text) !== ring.activeKid) {
        await replaceFile(file, rewrapSealed(text, ring, name));
        report.keyFilesRewrapped++;
      }
    } catch (err) {
      report.failures.push(`${name}: ${(err as Error).message}`);
    }
  }
  return report;
}
