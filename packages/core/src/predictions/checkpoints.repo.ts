/**
 * Storing and signing ledger checkpoints (the worker side) and reading them (the API side).
 * The worker signs a chain's head only if the head still extends the chain it last signed: the
 * entry at the previous checkpoint's seq must still carry the signed hash and every entry after it
 * must verify, so a rewrite done in the database is refused instead of being signed over.
 */
import type { Db } from '../db/db';
import type { RunMode } from '../runs/runs.tables';
import type { LedgerSigner, SignedCheckpoint } from './checkpoints';
import { createLedgerVerifier, GENESIS_HASH } from './ledger';
import { chainPage } from './predictions.repo';

/** The worker publishes its public key (idempotent). */
export async function registerLedgerKey(db: Db, signer: LedgerSigner): Promise<void> {
  await db.kysely
    .insertInto('ledger_signing_keys')
    .values({ key_id: signer.keyId, public_key_pem: signer.publicKeyPem })
    .onConflict((oc) => oc.column('key_id').doNothing())
    .execute();
}

export interface SignRoundResult {
  /** Checkpoints signed this round. */
  signed: number;
  /** Chains whose head did not extend their last checkpoint (never signed; see the log). */
  refused: Array<{ versionId: string; mode: RunMode; reason: string }>;
}

/** Signs a checkpoint of every chain head that moved since its last checkpoint. */
export async function signCheckpointRound(db: Db, signer: LedgerSigner, now: Date): Promise<SignRoundResult> {
  await registerLedgerKey(db, signer);
  const { rows } = await db.query<{
    version_id: string;
    mode: RunMode;
    seq: string;
    hash: string;
    cp_seq: string | null;
    cp_head: string | null;
  }>(
    `SELECT h.version_id, h.mode, h.seq::text AS seq, h.hash, c.seq::text AS cp_seq, c.head AS cp_head
       FROM ledger_heads h
       LEFT JOIN LATERAL (
         SELECT seq, head FROM ledger_checkpoints k
          WHERE k.version_id = h.version_id AND k.mode = h.mode
          ORDER BY id DESC LIMIT 1) c ON true
      WHERE h.seq > 0 AND (c.head IS NULL OR c.head <> h.hash OR c.seq <> h.seq)
      ORDER BY h.version_id, h.mode`,
  );
  const out: SignRoundResult = { signed: 0, refused: [] };
  for (const r of rows) {
    const start = { seq: r.cp_seq === null ? 0 : Number(r.cp_seq), hash: r.cp_head ?? GENESIS_HASH };
    const reason = await extendsCheckpoint(db, {
      versionId: r.version_id,
      mode: r.mode,
      start,
      head: { seq: Number(r.seq), hash: r.hash },
    });
    if (reason) {
      out.refused.push({ versionId: r.version_id, mode: r.mode, reason });
      continue;
    }
    const c = signer.sign({
      version_id: r.version_id,
      mode: r.mode,
      seq: Number(r.seq),
      head: r.hash,
      signed_at: now,
    });
    await insertCheckpoint(db, c);
    out.signed += 1;
  }
  return out;
}

async function extendsCheckpoint(
  db: Db,
  o: {
    versionId: string;
    mode: RunMode;
    start: { seq: number; hash: string };
    head: { seq: number; hash: string };
  },
): Promise<string | null> {
  if (o.head.seq < o.start.seq) return `the head went back from seq ${o.start.seq} to ${o.head.seq}`;
  if (o.start.seq > 0) {
    const at = await chainPage(db.kysely, {
      versionId: o.versionId,
      mode: o.mode,
      afterSeq: o.start.seq - 1,
      limit: 1,
    });
    if (at[0]?.hash !== o.start.hash || Number(at[0]?.seq) !== o.start.seq)
      return `the entry at seq ${o.start.seq} no longer carries the checkpointed hash`;
  }
  const v = createLedgerVerifier(o.start);
  let after = o.start.seq;
  for (;;) {
    const page = await chainPage(db.kysely, {
      versionId: o.versionId,
      mode: o.mode,
      afterSeq: after,
      limit: 2000,
    });
    if (page.length === 0) break;
    for (const p of page) if (!v.push(p)) break;
    const r = v.result();
    if (!r.valid) return `seq ${r.firstBreak?.seq}: ${r.firstBreak?.reason}`;
    after = Number(page[page.length - 1]?.seq);
  }
  const r = v.result();
  if (r.head !== o.head.hash || after !== o.head.seq) return 'the chain does not end at its recorded head';
  return null;
}

async function insertCheckpoint(db: Db, c: SignedCheckpoint): Promise<void> {
  await db.kysely
    .insertInto('ledger_checkpoints')
    .values({
      version_id: c.version_id,
      mode: c.mode,
      seq: c.seq,
      head: c.head,
      key_id: c.key_id,
      signed_at: new Date(c.signed_at),
      payload: c.payload,
      signature: c.signature,
    })
    .execute();
}

export interface CheckpointRow {
  id: number;
  version_id: string;
  mode: RunMode;
  seq: number;
  head: string;
  key_id: string;
  signed_at: string;
  payload: string;
  signature: string;
}

/** Public checkpoints (of versions that are not drafts), oldest first, keyset-paged on id. */
export async function listCheckpoints(
  db: Db,
  o: { versionIds?: readonly string[]; mode?: RunMode; afterId: number; limit: number },
): Promise<CheckpointRow[]> {
  const params: unknown[] = [o.afterId, o.limit];
  let where = 'c.id > $1';
  if (o.versionIds) {
    params.push(o.versionIds);
    where += ` AND c.version_id = ANY($${params.length}::uuid[])`;
  }
  if (o.mode) {
    params.push(o.mode);
    where += ` AND c.mode = $${params.length}`;
  }
  const { rows } = await db.query<CheckpointRow & { id: string; seq: string }>(
    `SELECT c.id::text AS id, c.version_id, c.mode, c.seq::text AS seq, c.head, c.key_id,
            to_char(c.signed_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS signed_at,
            c.payload, c.signature
       FROM ledger_checkpoints c JOIN model_versions v ON v.id = c.version_id
      WHERE ${where} AND v.status <> 'draft'
      ORDER BY c.id LIMIT $2`,
    params,
  );
  return rows.map((r) => ({ ...r, id: Number(r.id), seq: Number(r.seq) }));
}

export async function listLedgerKeys(
  db: Db,
): Promise<Array<{ key_id: string; public_key_pem: string; created_at: string }>> {
  const { rows } = await db.query<{ key_id: string; public_key_pem: string; created_at: string }>(
    `SELECT key_id, public_key_pem,
            to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS created_at
       FROM ledger_signing_keys ORDER BY created_at, key_id`,
  );
  return rows;
}
