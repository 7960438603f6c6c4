/**
 * The browser's check of a model's public record (docs/VERIFYING.md): the chain of hashes (v1 and
 * v2 encodings, as packages/core/src/predictions/ledger.ts), revealed values against their
 * commitments, and a signed checkpoint (Ed25519 via WebCrypto) against the chain. No I/O.
 */
import type { Ok } from '../../api/types';

export type ChainEntry = Ok<'getLedgerChain'>['items'][number];
export type Checkpoint = Ok<'listLedgerCheckpoints'>['items'][number];

const GENESIS = '0'.repeat(64);

const hex = (b: ArrayBuffer) => [...new Uint8Array(b)].map((x) => x.toString(16).padStart(2, '0')).join('');
const sha256 = async (text: string | Uint8Array) =>
  hex(
    await crypto.subtle.digest(
      'SHA-256',
      typeof text === 'string' ? new TextEncoder().encode(text) : (text as Uint8Array<ArrayBuffer>),
    ),
  );

function encodeFloat(v: number): string {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, v === 0 ? 0 : v);
  return hex(view.buffer);
}

function encodeInstant(t: string): string {
  return new Date(t).toISOString();
}

/** The chain hash of one entry (ledger.ts); null when a v1 entry's values are not revealed. */
async function entryHash(e: ChainEntry, prev: string): Promise<string | null> {
  const conf = e.confidence === null ? '' : encodeFloat(e.confidence);
  if (e.ledger_format === 'seer-ledger-v1') {
    if (e.value === null) return null;
    const v1 = [
      'seer-ledger-v1',
      `version_id=${e.version_id.toLowerCase()}`,
      `mode=${e.mode}`,
      `seq=${e.seq}`,
      `symbol=${e.symbol}`,
      `as_of=${encodeInstant(e.as_of)}`,
      `horizon=${e.horizon}`,
      `target=${e.target}`,
      `value=${encodeFloat(e.value)}`,
      `confidence=${conf}`,
      `created_at=${encodeInstant(e.created_at)}`,
      `prev_hash=${prev}`,
    ];
    return sha256(`${v1.join('\n')}\n`);
  }
  const v2 = [
    'seer-ledger-v2',
    `version_id=${e.version_id.toLowerCase()}`,
    `mode=${e.mode}`,
    `seq=${e.seq}`,
    `run_id=${e.run_id.toLowerCase()}`,
    `input_digest=${e.input_digest ?? ''}`,
    `package_digest=${e.package_digest}`,
    `symbol=${e.symbol}`,
    `as_of=${encodeInstant(e.as_of)}`,
    `horizon=${e.horizon}`,
    `target=${e.target}`,
    `created_at=${encodeInstant(e.created_at)}`,
    `commitment=${e.commitment}`,
    `prev_hash=${prev}`,
  ];
  return sha256(`${v2.join('\n')}\n`);
}

async function commitmentOf(e: ChainEntry): Promise<string> {
  const conf = e.confidence === null ? '' : encodeFloat(e.confidence);
  return sha256(
    `seer-ledger-v2-commitment\nvalue=${encodeFloat(e.value as number)}\nconfidence=${conf}\nsalt=${e.salt}\n`,
  );
}

function pemToDer(pem: string): Uint8Array<ArrayBuffer> {
  const b64 = pem.replace(/-----[^-]+-----/g, '').replace(/\s+/g, '');
  return Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
}

export interface RecordCheck {
  ok: boolean;
  lines: string[];
}

/** Checks the checkpoint's signature and the chain up to it; every failure is one line. */
export async function checkPublicRecord(o: {
  entries: ChainEntry[];
  checkpoint: Checkpoint | undefined;
  keys: { keyId: string; publicKeyPem: string }[];
}): Promise<RecordCheck> {
  const lines: string[] = [];
  let prev = GENESIS;
  let revealed = 0;
  const hashes = new Map<number, string>([[0, GENESIS]]);
  for (const [i, e] of o.entries.entries()) {
    if (e.seq !== i + 1)
      return { ok: false, lines: [`Entry #${e.seq} is out of order (expected #${i + 1}).`] };
    if (e.prev_hash !== prev)
      return { ok: false, lines: [`Entry #${e.seq} does not link to the one before it.`] };
    if (e.ledger_format === 'seer-ledger-v2' && e.revealed && e.value !== null && e.salt) {
      if ((await commitmentOf(e)) !== e.commitment)
        return { ok: false, lines: [`Entry #${e.seq}: the revealed value does not match its commitment.`] };
      revealed += 1;
    }
    const h = await entryHash(e, prev);
    if (h !== null && h !== e.hash)
      return { ok: false, lines: [`Entry #${e.seq}: its hash does not match.`] };
    prev = e.hash;
    hashes.set(e.seq, e.hash);
  }
  lines.push(
    `Chain intact: ${o.entries.length} entries linked, ${revealed} revealed values match their commitments.`,
  );
  const c = o.checkpoint;
  if (!c) return { ok: true, lines: [...lines, 'No signed checkpoint yet (workers sign at least hourly).'] };
  const key = o.keys.find((k) => k.keyId === c.key_id);
  if (!key) return { ok: false, lines: [...lines, `Checkpoint key ${c.key_id} is not published.`] };
  const der = pemToDer(key.publicKeyPem);
  if ((await sha256(der)).slice(0, 16) !== c.key_id)
    return { ok: false, lines: [...lines, 'The published key does not match its key id.'] };
  const payload = `${[
    'seer-ledger-checkpoint-v1',
    `key_id=${c.key_id}`,
    `version_id=${c.version_id}`,
    `mode=${c.mode}`,
    `seq=${c.seq}`,
    `head=${c.head}`,
    `signed_at=${encodeInstant(c.signed_at)}`,
  ].join('\n')}\n`;
  if (payload !== c.payload)
    return { ok: false, lines: [...lines, 'The checkpoint text does not match its fields.'] };
  let valid = false;
  try {
    const k = await crypto.subtle.importKey('spki', der, { name: 'Ed25519' }, false, ['verify']);
    valid = await crypto.subtle.verify(
      { name: 'Ed25519' },
      k,
      Uint8Array.from(atob(c.signature), (ch) => ch.charCodeAt(0)),
      new TextEncoder().encode(c.payload),
    );
  } catch (err) {
    return {
      ok: false,
      lines: [...lines, `This browser cannot check Ed25519 signatures (${(err as Error).message}).`],
    };
  }
  if (!valid) return { ok: false, lines: [...lines, 'The checkpoint signature does not verify.'] };
  const have = hashes.get(c.seq);
  if (have === undefined)
    return { ok: false, lines: [...lines, `The chain ends before the checkpoint's entry #${c.seq}.`] };
  if (have !== c.head)
    return {
      ok: false,
      lines: [...lines, `Entry #${c.seq} no longer has the hash signed at ${c.signed_at}: rewritten.`],
    };
  return {
    ok: true,
    lines: [...lines, `Signed checkpoint of entry #${c.seq} (${c.signed_at}) verifies and matches.`],
  };
}
