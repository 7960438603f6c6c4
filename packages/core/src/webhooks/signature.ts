/**
 * Webhook signatures, Stripe-style: header `Seer-Signature: t=<unix seconds>,v1=<hex>` where
 * v1 = HMAC-SHA256(secret, `${t}.${body}`) over the exact body bytes sent. Receivers recompute it
 * and compare in constant time, and reject timestamps outside their tolerance (replays).
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export const SIGNATURE_HEADER = 'seer-signature';

export function newWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString('base64url')}`;
}

export function sign(secret: string, timestampSeconds: number, body: string): string {
  return createHmac('sha256', secret).update(`${timestampSeconds}.${body}`).digest('hex');
}

export function signatureHeader(secret: string, timestampSeconds: number, body: string): string {
  return `t=${timestampSeconds},v1=${sign(secret, timestampSeconds, body)}`;
}

/** What a receiver does; exported for tests and as the reference for docs/API.md. */
export function verifySignature(
  secret: string,
  header: string,
  body: string,
  opts: { nowSeconds: number; toleranceSeconds?: number },
): boolean {
  const parts = new Map<string, string[]>();
  for (const kv of header.split(',')) {
    const i = kv.indexOf('=');
    if (i < 0) continue;
    const k = kv.slice(0, i).trim();
    parts.set(k, [...(parts.get(k) ?? []), kv.slice(i + 1).trim()]);
  }
  const t = Number(parts.get('t')?.[0]);
  if (!Number.isInteger(t)) return false;
  if (Math.abs(opts.nowSeconds - t) > (opts.toleranceSeconds ?? 300)) return false;
  const expected = Buffer.from(sign(secret, t, body), 'hex');
  return (parts.get('v1') ?? []).some((v) => {
    const got = Buffer.from(v, 'hex');
    return got.length === expected.length && timingSafeEqual(got, expected);
  });
}
