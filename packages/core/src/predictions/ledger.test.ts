import { describe, expect, it } from 'vitest';
import {
  canonicalEncoding,
  canonicalEncodingV2,
  chainEntries,
  chainEntriesV2,
  commitmentEncoding,
  commitmentOf,
  createLedgerVerifier,
  encodeFloat,
  entryHash,
  GENESIS_HASH,
  type HashedLedgerEntry,
  verifyLedger,
} from './ledger';

const base = {
  version_id: '7b0c3c56-0a7e-4d55-9a53-3f1f5a3b2c10',
  mode: 'live' as const,
  horizon: '1h',
  target: 'return',
  confidence: 0.5,
  created_at: new Date('2026-01-01T10:00:01.250Z'),
};

function chain(n: number): HashedLedgerEntry[] {
  return chainEntries(
    { seq: 0, hash: GENESIS_HASH },
    Array.from({ length: n }, (_, i) => ({
      ...base,
      symbol: i % 2 ? 'ETH-USD' : 'BTC-USD',
      as_of: new Date(Date.UTC(2026, 0, 1, 10 + Math.floor(i / 2))),
      value: 0.001 * (i + 1),
    })),
  );
}

describe('canonical encoding', () => {
  it('is the documented line format', () => {
    const text = canonicalEncoding(
      { ...base, seq: 1, symbol: 'BTC-USD', as_of: '2026-01-01T10:00:00Z', value: 0.1, confidence: null },
      GENESIS_HASH,
    );
    expect(text).toBe(
      [
        'seer-ledger-v1',
        'version_id=7b0c3c56-0a7e-4d55-9a53-3f1f5a3b2c10',
        'mode=live',
        'seq=1',
        'symbol=BTC-USD',
        'as_of=2026-01-01T10:00:00.000Z',
        'horizon=1h',
        'target=return',
        'value=3fb999999999999a',
        'confidence=',
        'created_at=2026-01-01T10:00:01.250Z',
        `prev_hash=${GENESIS_HASH}`,
        '',
      ].join('\n'),
    );
  });

  it('encodes floats by their exact bits and folds -0 into 0', () => {
    expect(encodeFloat(1)).toBe('3ff0000000000000');
    expect(encodeFloat(-2.5)).toBe('c004000000000000');
    expect(encodeFloat(-0)).toBe(encodeFloat(0));
    expect(encodeFloat(0.1)).not.toBe(encodeFloat(0.1 + Number.EPSILON / 8 + 1e-17));
    expect(() => encodeFloat(Number.NaN)).toThrow(RangeError);
    expect(() => encodeFloat(Number.POSITIVE_INFINITY)).toThrow(RangeError);
  });

  it('refuses line breaks that would make two rows encode alike', () => {
    expect(() =>
      canonicalEncoding({ ...base, seq: 1, symbol: 'A\nseq=2', as_of: new Date(0), value: 1 }, GENESIS_HASH),
    ).toThrow(RangeError);
  });

  it('changes the hash when any field or the previous hash changes', () => {
    const e = { ...base, seq: 1, symbol: 'BTC-USD', as_of: new Date(0), value: 1 };
    const h = entryHash(e, GENESIS_HASH);
    expect(h).toMatch(/^[0-9a-f]{64}$/);
    expect(entryHash({ ...e }, GENESIS_HASH)).toBe(h);
    for (const changed of [
      { ...e, value: 1.0000000000000002 },
      { ...e, confidence: null },
      { ...e, seq: 2 },
      { ...e, mode: 'backtest' as const },
      { ...e, as_of: new Date(1) },
      { ...e, symbol: 'ETH-USD' },
      { ...e, horizon: '4h' },
      { ...e, created_at: new Date(base.created_at.getTime() + 1) },
    ])
      expect(entryHash(changed, GENESIS_HASH)).not.toBe(h);
    expect(entryHash(e, 'f'.repeat(64))).not.toBe(h);
  });
});

describe('verifyLedger', () => {
  it('accepts an intact chain and reports its head', () => {
    const c = chain(6);
    const r = verifyLedger(c);
    expect(r).toEqual({ valid: true, checked: 6, head: c[5]?.hash, firstBreak: null });
    expect(verifyLedger([])).toEqual({ valid: true, checked: 0, head: GENESIS_HASH, firstBreak: null });
  });

  it('finds a tampered value at its own link', () => {
    const c = chain(6);
    c[3] = { ...(c[3] as HashedLedgerEntry), value: 0.9 };
    const r = verifyLedger(c);
    expect(r.valid).toBe(false);
    expect(r.checked).toBe(3);
    expect(r.firstBreak).toMatchObject({ seq: 4, reason: 'hash_mismatch', actual: c[3]?.hash });
  });

  it('finds a recomputed (forged) hash at the next link', () => {
    const c = chain(6);
    const forged = { ...(c[2] as HashedLedgerEntry), value: 0.9 };
    forged.hash = entryHash(forged, forged.prev_hash);
    c[2] = forged;
    const r = verifyLedger(c);
    expect(r.firstBreak).toMatchObject({ seq: 4, reason: 'prev_hash_mismatch' });
  });

  it('finds deleted and reordered entries', () => {
    const c = chain(5);
    expect(verifyLedger([...c.slice(0, 2), ...c.slice(3)]).firstBreak).toMatchObject({
      seq: 4,
      reason: 'seq_gap',
      expected: '3',
    });
    const swapped = [c[0], c[2], c[1]] as HashedLedgerEntry[];
    expect(verifyLedger(swapped).firstBreak?.reason).toBe('seq_gap');
  });

  it('refuses an entry of another chain', () => {
    const c = chain(3);
    c[1] = { ...(c[1] as HashedLedgerEntry), mode: 'backtest' };
    expect(verifyLedger(c).firstBreak).toMatchObject({ seq: 2, reason: 'chain_mismatch' });
  });

  it('verifies a page of a chain from a known starting point', () => {
    const c = chain(6);
    const v = createLedgerVerifier({ seq: 3, hash: c[2]?.hash as string });
    for (const e of c.slice(3)) expect(v.push(e)).toBe(true);
    expect(v.result()).toMatchObject({ valid: true, checked: 3, head: c[5]?.hash });
  });
});

describe('ledger v2 (commitments)', () => {
  const v2base = {
    ...base,
    run_id: '11111111-2222-4333-8444-555555555555',
    input_digest: 'a'.repeat(64),
    package_digest: 'b'.repeat(64),
  };
  const salt = (i: number) => i.toString(16).padStart(2, '0').repeat(32);
  function chain2(n: number, head = { seq: 0, hash: GENESIS_HASH }) {
    return chainEntriesV2(
      head,
      Array.from({ length: n }, (_, i) => ({
        ...v2base,
        symbol: i % 2 ? 'ETH-USD' : 'BTC-USD',
        as_of: new Date(Date.UTC(2026, 0, 1, 10 + Math.floor(i / 2))),
        value: 0.001 * (i + 1),
        salt: salt(i + 1),
      })),
    );
  }
  /** What the public chain shows before the values are revealed. */
  const hidden = (e: ReturnType<typeof chain2>[number]) => ({
    ...e,
    value: null,
    confidence: null,
    salt: null,
  });

  it('is the documented line format, commitment included', () => {
    const e = {
      ...v2base,
      seq: 1,
      symbol: 'BTC-USD',
      as_of: '2026-01-01T10:00:00Z',
      value: 0.1,
      confidence: null,
      salt: salt(1),
    };
    expect(commitmentEncoding(e)).toBe(
      ['seer-ledger-v2-commitment', 'value=3fb999999999999a', 'confidence=', `salt=${salt(1)}`, ''].join(
        '\n',
      ),
    );
    const commitment = commitmentOf(e);
    expect(canonicalEncodingV2({ ...e, commitment }, GENESIS_HASH)).toBe(
      [
        'seer-ledger-v2',
        'version_id=7b0c3c56-0a7e-4d55-9a53-3f1f5a3b2c10',
        'mode=live',
        'seq=1',
        'run_id=11111111-2222-4333-8444-555555555555',
        `input_digest=${'a'.repeat(64)}`,
        `package_digest=${'b'.repeat(64)}`,
        'symbol=BTC-USD',
        'as_of=2026-01-01T10:00:00.000Z',
        'horizon=1h',
        'target=return',
        'created_at=2026-01-01T10:00:01.250Z',
        `commitment=${commitment}`,
        `prev_hash=${GENESIS_HASH}`,
        '',
      ].join('\n'),
    );
  });

  it('commits to run, input, package and salt', () => {
    const [e] = chain2(1) as [ReturnType<typeof chain2>[number]];
    for (const changed of [
      { ...e, run_id: '11111111-2222-4333-8444-555555555556' },
      { ...e, input_digest: 'c'.repeat(64) },
      { ...e, input_digest: null },
      { ...e, package_digest: 'c'.repeat(64) },
    ])
      expect(entryHash(changed, GENESIS_HASH)).not.toBe(e.hash);
    expect(commitmentOf({ ...e, salt: salt(9) })).not.toBe(e.commitment);
    expect(() => commitmentOf({ ...e, salt: 'short' })).toThrow(RangeError);
  });

  it('verifies the public chain without values, and revealed entries against their commitments', () => {
    const c = chain2(6);
    expect(verifyLedger(c.map(hidden))).toMatchObject({ valid: true, checked: 6, head: c[5]?.hash });
    const r = verifyLedger(c);
    expect(r).toMatchObject({ valid: true, checked: 6, revealed: 6 });
    // A revealed value that differs from the committed one is caught even though the chain holds.
    const lied = [...c];
    lied[2] = { ...(c[2] as (typeof c)[number]), value: 0.5 };
    expect(verifyLedger(lied).firstBreak).toMatchObject({ seq: 3, reason: 'commitment_mismatch' });
  });

  it('finds a rewritten commitment, and a forged hash at the next link', () => {
    const c = chain2(4);
    const tampered = [...c];
    tampered[1] = { ...(c[1] as (typeof c)[number]), commitment: 'f'.repeat(64) };
    expect(verifyLedger(tampered.map(hidden)).firstBreak).toMatchObject({ seq: 2, reason: 'hash_mismatch' });
    const forged = { ...(c[1] as (typeof c)[number]), commitment: 'f'.repeat(64) };
    forged.hash = entryHash(forged, forged.prev_hash);
    tampered[1] = forged;
    expect(verifyLedger(tampered.map(hidden)).firstBreak).toMatchObject({
      seq: 3,
      reason: 'prev_hash_mismatch',
    });
  });

  it('continues a v1 chain in v2, and both verify together', () => {
    const v1 = chain(3);
    const last = v1[2] as HashedLedgerEntry;
    const v2 = chain2(2, { seq: 3, hash: last.hash });
    expect(verifyLedger([...v1, ...v2])).toMatchObject({ valid: true, checked: 5, head: v2[1]?.hash });
    // v1 entries without values can only be linked, not recomputed: said so, not hidden.
    const r = verifyLedger([
      ...v1.map((e) => ({ ...e, value: null as unknown as number })),
      ...v2.map(hidden),
    ]);
    expect(r).toMatchObject({ valid: true, checked: 5, unverifiable: 3 });
  });

  it('refuses an unknown format', () => {
    const [e] = chain2(1);
    expect(
      verifyLedger([{ ...(e as HashedLedgerEntry), ledger_format: 'seer-ledger-v9' }]).firstBreak,
    ).toMatchObject({
      reason: 'malformed',
    });
  });
});
