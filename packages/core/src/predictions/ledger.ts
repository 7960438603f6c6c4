/**
 * The prediction ledger's hash chain: canonical encoding, hashing and verification. Pure (no I/O),
 * so clients can run the same verification on exported predictions. docs/RUNS.md (v1) and
 * docs/VERIFYING.md (v2) document the encodings byte for byte; change nothing here without a new
 * format name and a doc update.
 *
 * v2 (`seer-ledger-v2`, every entry stored since it shipped) splits an entry in two: the public
 * part (who, when, which run, input and package) and a salted commitment to the values
 * (`commitment = sha256(value, confidence, salt)`). The chain hash covers the public part and the
 * commitment, so the chain can be published and checked link by link the moment an entry is
 * stored, while the values stay hidden until they are revealed (value, confidence and salt), when
 * anyone can recompute the commitment. v1 entries (`seer-ledger-v1`) hash the values directly.
 * A chain may hold v1 entries followed by v2 entries; each entry names its own format.
 */
import { createHash } from 'node:crypto';

export const LEDGER_FORMAT_V1 = 'seer-ledger-v1';
export const LEDGER_FORMAT_V2 = 'seer-ledger-v2';
/** The format new entries are written in. */
export const LEDGER_FORMAT = LEDGER_FORMAT_V2;
export type LedgerFormat = typeof LEDGER_FORMAT_V1 | typeof LEDGER_FORMAT_V2;
const COMMITMENT_TAG = 'seer-ledger-v2-commitment';
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

/** The v2 fields: present (non-null) on every v2 entry. */
export interface LedgerV2Fields {
  run_id: string;
  /** SHA-256 hex of the input the run saw (null only if the sandbox reported none). */
  input_digest: string | null;
  /** SHA-256 hex of the version's canonical package (its attestation digest). */
  package_digest: string;
  /** 32 random bytes, 64 lowercase hex digits. */
  salt: string;
}

export interface HashedLedgerEntry extends LedgerEntry {
  prev_hash: string;
  hash: string;
  /** Absent or seer-ledger-v1 for v1 entries. */
  ledger_format?: string | null;
  run_id?: string | null;
  input_digest?: string | null;
  package_digest?: string | null;
  salt?: string | null;
  commitment?: string | null;
}

/** An entry of the public chain: v2 entries carry the commitment instead of the values. */
export interface PublicChainEntry {
  ledger_format: string;
  version_id: string;
  mode: 'live' | 'backtest';
  seq: number;
  run_id: string | null;
  input_digest: string | null;
  package_digest: string | null;
  symbol: string;
  as_of: Date | string;
  horizon: string;
  target: string;
  created_at: Date | string;
  commitment: string | null;
  prev_hash: string;
  hash: string;
  /** Revealed values (entitled callers at once, everyone after the public delay). */
  value?: number | null;
  confidence?: number | null;
  salt?: string | null;
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

/** The exact bytes (UTF-8) that are hashed for one v1 entry. */
export function canonicalEncoding(e: LedgerEntry, prevHash: string): string {
  const lines = [
    LEDGER_FORMAT_V1,
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

const HEX64 = /^[0-9a-f]{64}$/;

function hex64(name: string, v: string | null | undefined): string {
  if (typeof v !== 'string' || !HEX64.test(v))
    throw new RangeError(`ledger field ${name} must be 64 lowercase hex digits`);
  return v;
}

function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** The exact bytes (UTF-8) of a v2 commitment to an entry's values. */
export function commitmentEncoding(e: { value: number; confidence: number | null; salt: string }): string {
  return `${[
    COMMITMENT_TAG,
    `value=${encodeFloat(e.value)}`,
    `confidence=${e.confidence === null ? '' : encodeFloat(e.confidence)}`,
    `salt=${hex64('salt', e.salt)}`,
  ].join('\n')}\n`;
}

export function commitmentOf(e: { value: number; confidence: number | null; salt: string }): string {
  return sha256Hex(commitmentEncoding(e));
}

/** The exact bytes (UTF-8) that are hashed for one v2 entry: public fields and the commitment. */
export function canonicalEncodingV2(
  e: Omit<PublicChainEntry, 'ledger_format' | 'prev_hash' | 'hash' | 'value' | 'confidence' | 'salt'>,
  prevHash: string,
): string {
  const lines = [
    LEDGER_FORMAT_V2,
    `version_id=${plainText('version_id', e.version_id.toLowerCase())}`,
    `mode=${plainText('mode', e.mode)}`,
    `seq=${String(e.seq)}`,
    `run_id=${plainText('run_id', (e.run_id ?? '').toLowerCase())}`,
    `input_digest=${e.input_digest === null ? '' : hex64('input_digest', e.input_digest)}`,
    `package_digest=${hex64('package_digest', e.package_digest)}`,
    `symbol=${plainText('symbol', e.symbol)}`,
    `as_of=${encodeInstant(e.as_of)}`,
    `horizon=${plainText('horizon', e.horizon)}`,
    `target=${plainText('target', e.target)}`,
    `created_at=${encodeInstant(e.created_at)}`,
    `commitment=${hex64('commitment', e.commitment)}`,
    `prev_hash=${prevHash}`,
  ];
  return `${lines.join('\n')}\n`;
}

/** The chain hash of an entry in its own format (v1 needs the values; v2 only the commitment). */
export function entryHash(e: LedgerEntry | HashedLedgerEntry | PublicChainEntry, prevHash: string): string {
  const format = (e as HashedLedgerEntry).ledger_format ?? LEDGER_FORMAT_V1;
  if (format === LEDGER_FORMAT_V1) return sha256Hex(canonicalEncoding(e as LedgerEntry, prevHash));
  if (format !== LEDGER_FORMAT_V2) throw new RangeError(`unknown ledger format ${format}`);
  return sha256Hex(canonicalEncodingV2(e as PublicChainEntry, prevHash));
}

/** Chains new v1 entries onto a head (GENESIS_HASH and seq 0 for an empty chain). Kept for tests and tools. */
export function chainEntries<E extends Omit<LedgerEntry, 'seq'>>(
  head: { seq: number; hash: string },
  entries: readonly E[],
): Array<E & { seq: number; prev_hash: string; hash: string }> {
  let prev = head.hash;
  let seq = head.seq;
  return entries.map((e) => {
    seq += 1;
    const withSeq = { ...e, seq };
    const hash = sha256Hex(canonicalEncoding(withSeq, prev));
    const out = { ...withSeq, prev_hash: prev, hash };
    prev = hash;
    return out;
  });
}

/** Chains new v2 entries onto a head: each gets its commitment, prev_hash and hash. */
export function chainEntriesV2<E extends Omit<LedgerEntry, 'seq'> & LedgerV2Fields>(
  head: { seq: number; hash: string },
  entries: readonly E[],
): Array<
  E & {
    seq: number;
    ledger_format: typeof LEDGER_FORMAT_V2;
    commitment: string;
    prev_hash: string;
    hash: string;
  }
> {
  let prev = head.hash;
  let seq = head.seq;
  return entries.map((e) => {
    seq += 1;
    const commitment = commitmentOf(e);
    const full = { ...e, seq, ledger_format: LEDGER_FORMAT_V2 as typeof LEDGER_FORMAT_V2, commitment };
    const hash = sha256Hex(canonicalEncodingV2(full, prev));
    const out = { ...full, prev_hash: prev, hash };
    prev = hash;
    return out;
  });
}

export type LedgerBreakReason =
  | 'seq_gap'
  | 'prev_hash_mismatch'
  | 'hash_mismatch'
  | 'chain_mismatch'
  // A revealed v2 entry whose value, confidence and salt do not hash to its commitment.
  | 'commitment_mismatch'
  // An entry in a format this verifier does not know, or missing the fields its format needs.
  | 'malformed'
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
  /** Of those, v2 entries whose revealed values were checked against their commitment. */
  revealed?: number;
  /** Of those, v1 entries served without values: linked by prev_hash, their own hash not recomputable. */
  unverifiable?: number;
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
  let revealed = 0;
  let unverifiable = 0;
  return {
    push(e: HashedLedgerEntry | PublicChainEntry): boolean {
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
      const format = e.ledger_format ?? LEDGER_FORMAT_V1;
      let recomputed: string;
      try {
        if (format === LEDGER_FORMAT_V2) {
          const r = e as PublicChainEntry;
          const hasValue = r.value !== undefined && r.value !== null;
          if (hasValue && r.salt) {
            const c = commitmentOf({
              value: r.value as number,
              confidence: r.confidence ?? null,
              salt: r.salt,
            });
            if (c !== r.commitment) return fail('commitment_mismatch', c, String(r.commitment));
            revealed += 1;
          }
        } else if (format === LEDGER_FORMAT_V1 && (e as HashedLedgerEntry).value == null) {
          // A v1 entry hashes its values: without them only the link (prev_hash) can be checked.
          prev = e.hash;
          expectedSeq += 1;
          checked += 1;
          unverifiable += 1;
          return true;
        }
        recomputed = entryHash(e, e.prev_hash);
      } catch (err) {
        return fail('malformed', format, (err as Error).message);
      }
      if (recomputed !== e.hash) return fail('hash_mismatch', recomputed, e.hash);
      prev = e.hash;
      expectedSeq += 1;
      checked += 1;
      return true;
    },
    result(): LedgerVerification {
      return {
        valid: broken === null,
        checked,
        head: prev,
        firstBreak: broken,
        ...(revealed > 0 ? { revealed } : {}),
        ...(unverifiable > 0 ? { unverifiable } : {}),
      };
    },
  };
}

/** Verifies a whole chain given in seq order, starting at genesis. */
export function verifyLedger(entries: Iterable<HashedLedgerEntry | PublicChainEntry>): LedgerVerification {
  const v = createLedgerVerifier();
  for (const e of entries) if (!v.push(e)) break;
  return v.result();
}
