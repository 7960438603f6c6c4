/**
 * The browser's record check agrees with the platform's own encodings and signer: chains and
 * checkpoints made by packages/core verify here, and a rewrite or a forged signature does not.
 */
import { generateKeyPairSync } from 'node:crypto';
import { chainEntriesV2, createLedgerSigner, GENESIS_HASH } from '@seer/core/predictions';
import { describe, expect, it } from 'vitest';
import { type ChainEntry, checkPublicRecord } from './publicRecordCheck';

const signer = createLedgerSigner(generateKeyPairSync('ed25519').privateKey);
const keys = [{ keyId: signer.keyId, publicKeyPem: signer.publicKeyPem }];

function record(n: number, revealed: boolean, rewriteSecond = false) {
  const chained = chainEntriesV2(
    { seq: 0, hash: GENESIS_HASH },
    Array.from({ length: n }, (_, i) => ({
      version_id: '7b0c3c56-0a7e-4d55-9a53-3f1f5a3b2c10',
      mode: 'live' as const,
      run_id: '11111111-2222-4333-8444-555555555555',
      input_digest: i === 0 ? null : 'a'.repeat(64),
      package_digest: 'b'.repeat(64),
      symbol: 'BTC-USD',
      as_of: new Date(Date.UTC(2026, 0, 1, i)),
      horizon: '1h',
      target: 'return',
      value: rewriteSecond && i === 1 ? 0.9 : 0.001 * (i + 1),
      confidence: i % 2 ? 0.5 : null,
      created_at: new Date(Date.UTC(2026, 0, 1, i, 0, 1, 250)),
      salt: (i + 1).toString(16).padStart(2, '0').repeat(32),
    })),
  );
  const entries: ChainEntry[] = chained.map((e) => ({
    ...e,
    as_of: (e.as_of as Date).toISOString(),
    created_at: (e.created_at as Date).toISOString(),
    revealed,
    ...(revealed ? {} : { value: null, confidence: null, salt: null }),
  }));
  const last = chained[n - 1] as (typeof chained)[number];
  const cp = signer.sign({
    version_id: last.version_id,
    mode: 'live',
    seq: n,
    head: last.hash,
    signed_at: new Date(),
  });
  return { entries, checkpoint: { ...cp, id: 1, signed_at: new Date(cp.signed_at).toISOString() } };
}

describe('the browser check of the public record', () => {
  it('accepts a chain (hidden or revealed) and its signed checkpoint', async () => {
    for (const revealed of [false, true]) {
      const r = await checkPublicRecord({ ...record(4, revealed), keys });
      expect(r.ok, r.lines.join(' ')).toBe(true);
      expect(r.lines.join(' ')).toMatch(/Signed checkpoint of entry #4/);
    }
  });

  it('reports a rewrite, a lie about a value and a forged signature', async () => {
    const { entries, checkpoint } = record(4, true);
    const lied = entries.map((e) => (e.seq === 2 ? { ...e, value: 0.9 } : e));
    expect((await checkPublicRecord({ entries: lied, checkpoint, keys })).lines.join(' ')).toMatch(
      /commitment/,
    );
    // Entry 2 rewritten with every later hash recomputed, checked against the earlier checkpoint.
    const rewritten = await checkPublicRecord({ entries: record(4, true, true).entries, checkpoint, keys });
    expect(rewritten.ok).toBe(false);
    expect(rewritten.lines.join(' ')).toMatch(/Entry #4 no longer has the hash signed .*rewritten/);
    // A checkpoint whose head was changed no longer verifies under its signature.
    const forged = { ...checkpoint, head: 'f'.repeat(64) };
    forged.payload = forged.payload.replace(checkpoint.head, forged.head);
    expect((await checkPublicRecord({ entries, checkpoint: forged, keys })).lines.join(' ')).toMatch(
      /signature does not verify/,
    );
    expect((await checkPublicRecord({ entries, checkpoint, keys: [] })).ok).toBe(false);
    const tamperedHash = entries.map((e) => (e.seq === 3 ? { ...e, hash: 'e'.repeat(64) } : e));
    expect((await checkPublicRecord({ entries: tamperedHash, checkpoint, keys })).ok).toBe(false);
  });
});
