/**
 * Webhook signing secrets at rest, so a database dump alone does not let anyone forge deliveries.
 * Each secret is sealed under the master-key envelope (crypto/master-keys.ts: a fresh data key,
 * wrapped under the active master key and bound to the endpoint id), and the row records the
 * master key id, so `seerd keys rotate` rewraps it like every other sealed thing and the one
 * root secret an operator holds is the master key.
 *
 * Rows of earlier releases are `v1.<iv>.<tag>.<ciphertext>` (base64url): AES-256-GCM under
 * WEBHOOKS_SECRET_KEY, deprecated. That key is kept for one release to open them only; new
 * secrets never use it, and `seerd keys encrypt-existing` reseals such rows under the master key.
 */
import { createDecipheriv, createHash } from 'node:crypto';
import { isSealed, type MasterKeyring, rewrapSealed, sealText, unsealText } from '../crypto/master-keys';

/** The public development key: secrets sealed with it were only as safe as the database. */
export const DEV_WEBHOOKS_SECRET_KEY = 'seer-development-webhooks-key-not-for-production';

/** Additional data of the seal: a secret copied into another endpoint's row does not open. */
export const webhookSecretContext = (endpointId: string) => `seer-webhook-secret:${endpointId}`;

export interface SealedWebhookSecret {
  secretBox: string;
  masterKid: string;
}

/** A stored secret: `masterKid` null for a row sealed under the legacy WEBHOOKS_SECRET_KEY. */
export interface StoredWebhookSecret {
  id: string;
  secretBox: string;
  masterKid: string | null;
}

export interface WebhookSecretKeys {
  /** The master keys of this process (undefined: none configured). */
  ring: MasterKeyring | undefined;
  /** WEBHOOKS_SECRET_KEY, deprecated: opens legacy rows only (the development key when undefined). */
  legacyKey: string | undefined;
}

export class WebhookSecretError extends Error {
  override name = 'WebhookSecretError';
}

/** The legacy key: 32 bytes as 64 hex chars or base64; any other string is hashed to 32 bytes (SHA-256). */
export function keyFrom(material: string): Buffer {
  if (/^[0-9a-f]{64}$/i.test(material)) return Buffer.from(material, 'hex');
  const b = Buffer.from(material, 'base64');
  if (b.length === 32 && /^[A-Za-z0-9+/_-]+=*$/.test(material)) return b;
  return createHash('sha256').update(material).digest();
}

const isLegacyBox = (box: string) => box.startsWith('v1.');

function openLegacy(endpointId: string, sealed: string, legacyKey: string | undefined): string {
  const [v, iv, tag, ct] = sealed.split('.');
  try {
    if (v !== 'v1' || !iv || !tag || ct === undefined) throw new Error('malformed');
    const d = createDecipheriv(
      'aes-256-gcm',
      keyFrom(legacyKey ?? DEV_WEBHOOKS_SECRET_KEY),
      Buffer.from(iv, 'base64url'),
    );
    d.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([d.update(Buffer.from(ct, 'base64url')), d.final()]).toString('utf8');
  } catch {
    // Never the key or the box: which key is missing is what an operator needs.
    throw new WebhookSecretError(
      `the signing secret of webhook endpoint ${endpointId} is sealed under the deprecated WEBHOOKS_SECRET_KEY and does not open with the one configured${legacyKey === undefined ? ' (none: the development key)' : ''}; configure the key it was sealed under, then run \`seerd keys encrypt-existing\``,
    );
  }
}

function requireRing(endpointId: string, ring: MasterKeyring | undefined): MasterKeyring {
  if (!ring)
    throw new WebhookSecretError(
      `the signing secret of webhook endpoint ${endpointId} is sealed under a master key; configure SEER_MASTER_KEY or SEER_MASTER_KEY_FILE`,
    );
  return ring;
}

/** Seals a new secret under the active master key (never the legacy key). */
export function sealWebhookSecret(
  endpointId: string,
  plain: string,
  ring: MasterKeyring | undefined,
): SealedWebhookSecret {
  const r = requireRing(endpointId, ring);
  return {
    secretBox: sealText(plain, r, webhookSecretContext(endpointId)).trimEnd(),
    masterKid: r.activeKid,
  };
}

/**
 * The plaintext secret of a stored row. Throws MasterKeyError (unknown master key id, does not
 * authenticate) or WebhookSecretError (no master key, legacy key missing or wrong).
 */
export function openWebhookSecret(row: StoredWebhookSecret, keys: WebhookSecretKeys): string {
  if (isLegacyBox(row.secretBox)) return openLegacy(row.id, row.secretBox, keys.legacyKey);
  return unsealText(row.secretBox, requireRing(row.id, keys.ring), webhookSecretContext(row.id));
}

/**
 * The row resealed under the active master key: a legacy row is opened with the legacy key and
 * sealed afresh; a row under an older master key has only its data key rewrapped.
 */
export function resealWebhookSecret(row: StoredWebhookSecret, keys: WebhookSecretKeys): SealedWebhookSecret {
  const ring = requireRing(row.id, keys.ring);
  if (isLegacyBox(row.secretBox)) return sealWebhookSecret(row.id, openWebhookSecret(row, keys), ring);
  if (!isSealed(row.secretBox))
    throw new WebhookSecretError(`the signing secret of webhook endpoint ${row.id} is in no known format`);
  return {
    secretBox: rewrapSealed(row.secretBox, ring, webhookSecretContext(row.id)).trimEnd(),
    masterKid: ring.activeKid,
  };
}
