/**
 * Webhook signing secrets at rest: AES-256-GCM under WEBHOOKS_SECRET_KEY, so a database dump alone
 * does not let anyone forge deliveries. Format: v1.<iv>.<tag>.<ciphertext> (base64url).
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

export interface SecretBox {
  seal(plain: string): string;
  open(sealed: string): string;
}

/** The key: 32 bytes as 64 hex chars or base64; any other string is hashed to 32 bytes (SHA-256). */
export function keyFrom(material: string): Buffer {
  if (/^[0-9a-f]{64}$/i.test(material)) return Buffer.from(material, 'hex');
  const b = Buffer.from(material, 'base64');
  if (b.length === 32 && /^[A-Za-z0-9+/_-]+=*$/.test(material)) return b;
  return createHash('sha256').update(material).digest();
}

export function createSecretBox(material: string): SecretBox {
  const key = keyFrom(material);
  return {
    seal(plain) {
      const iv = randomBytes(12);
      const c = createCipheriv('aes-256-gcm', key, iv);
      const ct = Buffer.concat([c.update(plain, 'utf8'), c.final()]);
      return ['v1', iv, c.getAuthTag(), ct]
        .map((x) => (typeof x === 'string' ? x : x.toString('base64url')))
        .join('.');
    },
    open(sealed) {
      const [v, iv, tag, ct] = sealed.split('.');
      if (v !== 'v1' || !iv || !tag || ct === undefined) throw new Error('unreadable webhook secret');
      const d = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
      d.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([d.update(Buffer.from(ct, 'base64url')), d.final()]).toString('utf8');
    },
  };
}
