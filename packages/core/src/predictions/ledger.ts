/**
 * The prediction ledger's hash chain: canonical encoding, hashing and verification. Pure (no I/O),
 * so clients can run the same verification on exported predictions. docs/RUNS.md documents the
 * encoding byte for byte; change nothing here without a new `LEDGER_FORMAT` and a doc update.
 */
import { createHash } from 'node:crypto';

export const LEDGER_FORMAT = 'seer-ledger-v1';
/** prev_hash of the first entry of every chain. */
export const GENESIS_HASH = '0'.repeat(64);

export interface LedgerEntry {
  version_id: string;
  mode: 'live' | 'backtest';
  /** 1-based position in the chain (version_id, mode). */
  seq: number;
  symbol: string;
  as_of: Date | string;
  horizon: string;
  target: string;
  value: number;
  confidence: number | null;
  created_at: Date | string;
}

export interface HashedLedgerEntry extends LedgerEntry {
  prev_hash: string;
  hash: string;
}

/** Exact IEEE 754 binary64 bits, big-endian, as 16 lowercase hex digits: no float-printing ambiguity. */
export function encodeFloat(v: number): string {
  if (!Number.isFinite(v)) throw new RangeError(`ledger values must be finite, got ${v}`);
  const buf = Buffer.alloc(8);
  // -0 and 0 are the same prediction; one encoding for both.
  buf.writeDoubleBE(v === 0 ? 0 : v);
  return buf.toString('hex');
}

/** ISO 8601 UTC with milliseconds, e.g. 2026-01-02T03:00:00.000Z. */
export function encodeInstant(t: Date | string): string {
  const d = t instanceof Date ? t : new Date(t);
  if (Number.isNaN(d.getTime())) throw new RangeError(`invalid instant: ${String(t)}`);
  return d.toISOString();
}

function plainText(name: string, v: string): string {
  if (/[\n\r]/.test(v)) throw new RangeError(`ledger field ${name} must not contain line breaks`);
  return v;
}

/** The exact bytes (UTF-8) that are hashed for one entry. */
export function canonicalEncoding(e: LedgerEntry, prevHash: string): string {
  const lines = [
    LEDGER_FORMAT,
    `version_id=${plainText('version_id', e.version_id.toLowerCase())}`,
    `mode=${plainText('mode', e.mode)}`,
    `seq=${String(e.seq)}`,
    `symbol=${plainText('symbol', e.symbol)}`,
    `as_of=${encodeInstant(e.as_of)}`,
    `horizon=${plainText('horizon', e.horizon)}`,
    `target=${plainText('target', e.target)}`,
    `value=${encodeFloat(e.value)}`,
    `confidence=${e.confidence === null ? '' : encodeFloat(e.confidence)}`,
    `created_at=${encodeInstant(e.created_at)}`,
    `prev_hash=${prevHash}`,
  ];
  return `${lines.join('\n')}\n`;
}

export function entryHash(e: LedgerEntry, prevHash: string): string {
  return createHash('sha256').update(canonicalEncoding(e, prevHash), 'utf8').digest('hex');
}

/** Chains new entries onto a head (GENESIS_HASH and seq 0 for an empty chain). */
export function chainEntries<E extends Omit<LedgerEntry, 'seq'>>(
  head: { seq: number; hash: string },
  entries: readonly E[],
): Array<E & { seq: number; prev_hash: string; hash: string }> {
  let prev = head.hash;
  let seq = head.seq;
  return entries.map((e) => {
    seq += 1;
    const withSeq = { ...e, seq };
    const hash = entryHash(withSeq, prev);
    const out = { ...withSeq, prev_hash: prev, hash };
    prev = hash;
    return out;
  });
}

export type LedgerBreakReason =
  | 'seq_gap'
  | 'prev_hash_mismatch'
  | 'hash_mismatch'
  | 'chain_mismatch'
  // The chain is intact link by link but does not end at the recorded head (entries cut off its end).
  | 'head_mismatch';

export interface LedgerBreak {
  seq: number;
  reason: LedgerBreakReason;
  expected: string;
  actual: string;
}

export interface LedgerVerification {
  valid: boolean;
  /** Entries checked before stopping (all of them when valid). */
  checked: number;
  /** Hash of the last entry checked in good order (the head when valid). */
  head: string;
  firstBreak: LedgerBreak | null;
}

export interface VerifyState {
  seq: number;
  hash: string;
  checked: number;
}

/**
 * Incremental verifier: feed entries in seq order (e.g. page by page from the database) and read
 * the result at the end. Stops at the first broken link.
 */
export function createLedgerVerifier(start: { seq: number; hash: string } = { seq: 0, hash: GENESIS_HASH }) {
  let expectedSeq = start.seq + 1;
  let prev = start.hash;
  let checked = 0;
  let chain: { version_id: string; mode: string } | undefined;
  let broken: LedgerBreak | null = null;
  return {
    push(e: HashedLedgerEntry): boolean {
      if (broken) return false;
      const fail = (reason: LedgerBreakReason, expected: string, actual: string) => {
        broken = { seq: e.seq, reason, expected, actual };
        return false;
      };
      chain ??= { version_id: e.version_id.toLowerCase(), mode: e.mode };
      if (e.version_id.toLowerCase() !== chain.version_id || e.mode !== chain.mode)
        return fail('chain_mismatch', `${chain.version_id}/${chain.mode}`, `${e.version_id}/${e.mode}`);
      if (Number(e.seq) !== expectedSeq) return fail('seq_gap', String(expectedSeq), String(e.seq));
      if (e.prev_hash !== prev) return fail('prev_hash_mismatch', prev, e.prev_hash);
      const recomputed = entryHash(e, e.prev_hash);
      if (recomputed !== e.hash) return fail('hash_mismatch', recomputed, e.hash);
      prev = e.hash;
      expectedSeq += 1;
      checked += 1;
      return true;
    },
    result(): LedgerVerification {
      return { valid: broken === null, checked, head: prev, firstBreak: broken };
    },
  };
}

/** Verifies a whole chain given in seq order, starting at genesis. */
export function verifyLedger(entries: Iterable<HashedLedgerEntry>): LedgerVerification {
  const v = createLedgerVerifier();
  for (const e of entries) if (!v.push(e)) break;
  return v.result();
}
