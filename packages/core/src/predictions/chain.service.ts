/**
 * The public record (ledger v2, docs/VERIFYING.md): a version's chain of hashes for anyone, the
 * moment each entry is stored; the values and salts revealed to entitled callers at once and to
 * everyone once the outcome is known and the model's public delay has passed. Plus the signed
 * checkpoints and the public keys that sign them.
 */
import type { Principal } from '../accounts/principal';
import type { Db } from '../db/db';
import { notFound } from '../errors';
import type { RunMode } from '../runs/runs.tables';
import type { PredictionAccess } from './access';
import type { ChainEntry } from './chain.schemas';
import { type CheckpointRow, listCheckpoints, listLedgerKeys } from './checkpoints.repo';
import { GENESIS_HASH } from './ledger';
import { chainHead } from './predictions.repo';
import { findModelForRead, type ReadModel } from './read.repo';

export interface ChainPage {
  model: string;
  version: string;
  versionId: string;
  mode: RunMode;
  /** full: every value revealed; public: values revealed up to publicUntil (outcome known). */
  access: 'full' | 'public';
  publicUntil: string | null;
  head: { seq: number; hash: string };
  items: ChainEntry[];
  nextCursor: string | null;
}

export interface ChainServiceDeps {
  db: Db;
  /** Market time: the public delay is measured against it (as the prediction routes do). */
  clock: () => Date;
  access: PredictionAccess;
}

const ISO = `'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'`;

export function createChainService(deps: ChainServiceDeps) {
  const { db, clock, access } = deps;

  function visibleVersions(principal: Principal | null, model: ReadModel) {
    const mayManage =
      principal !== null && (principal.roles.includes('admin') || principal.userId === model.ownerId);
    const versions = model.versions.filter((v) => mayManage || v.status !== 'draft');
    if (versions.length === 0 && !mayManage) throw notFound('model');
    return versions;
  }

  async function openModel(principal: Principal | null, slug: string) {
    const model = await findModelForRead(db, slug);
    if (!model) throw notFound('model');
    return { model, versions: visibleVersions(principal, model) };
  }

  return {
    async chain(o: {
      principal: Principal | null;
      slug: string;
      version: string;
      mode: RunMode;
      cursor?: string;
      limit: number;
    }): Promise<ChainPage> {
      const { model, versions } = await openModel(o.principal, o.slug);
      const v = versions.find((x) => x.version === o.version);
      if (!v) throw notFound('model version');
      const level = await access.level(o.principal, model);
      const publicUntil =
        level === 'public' ? new Date(clock().getTime() - model.publicDelaySeconds * 1000) : null;
      const after = o.cursor ? Number(o.cursor) : 0;
      // The head is read first: entries appended meanwhile only make the page reach past it, so a
      // verifier finds the head inside the chain it downloaded (docs/VERIFYING.md).
      const head = (await chainHead(db.kysely, { versionId: v.id, mode: o.mode })) ?? {
        seq: 0,
        hash: GENESIS_HASH,
      };
      const { rows } = await db.query<{
        ledger_format: string;
        seq: string;
        run_id: string;
        input_digest: string | null;
        package_digest: string | null;
        symbol: string;
        as_of: string;
        horizon: string;
        target: string;
        created_at: string;
        commitment: string | null;
        prev_hash: string;
        hash: string;
        value: number;
        confidence: number | null;
        salt: string | null;
        revealed: boolean;
      }>(
        `SELECT p.ledger_format, p.seq::text AS seq, p.run_id, p.input_digest, p.package_digest, p.symbol,
                to_char(p.as_of AT TIME ZONE 'UTC', ${ISO}) AS as_of, p.horizon, p.target,
                to_char(p.created_at AT TIME ZONE 'UTC', ${ISO}) AS created_at,
                p.commitment, p.prev_hash, p.hash, p.value, p.confidence, p.salt,
                ($4::timestamptz IS NULL OR (p.as_of <= $4::timestamptz AND o.prediction_id IS NOT NULL)) AS revealed
           FROM predictions p LEFT JOIN outcomes o ON o.prediction_id = p.id
          WHERE p.version_id = $1 AND p.mode = $2 AND p.seq > $3
          ORDER BY p.seq LIMIT $5`,
        [v.id, o.mode, after, publicUntil, o.limit + 1],
      );
      const page = rows.slice(0, o.limit);
      const items = page.map((r) => {
        const base = {
          ledger_format: r.ledger_format,
          version_id: v.id,
          mode: o.mode,
          seq: Number(r.seq),
          run_id: r.run_id,
          input_digest: r.input_digest,
          package_digest: r.package_digest,
          symbol: r.symbol,
          as_of: r.as_of,
          horizon: r.horizon,
          target: r.target,
          created_at: r.created_at,
          commitment: r.commitment,
          prev_hash: r.prev_hash,
          hash: r.hash,
          revealed: r.revealed,
        };
        return r.revealed
          ? { ...base, value: r.value, confidence: r.confidence, salt: r.salt }
          : { ...base, value: null, confidence: null, salt: null };
      }) satisfies ChainPage['items'];
      return {
        model: model.slug,
        version: v.version,
        versionId: v.id,
        mode: o.mode,
        access: level,
        publicUntil: publicUntil?.toISOString() ?? null,
        head,
        items,
        nextCursor: rows.length > o.limit ? String(items[items.length - 1]?.seq) : null,
      };
    },

    /** Checkpoints, oldest first; filtered to one model (and version) when given. */
    async checkpoints(o: {
      principal: Principal | null;
      model?: string;
      version?: string;
      mode?: RunMode;
      cursor?: string;
      limit: number;
    }): Promise<{ items: CheckpointRow[]; nextCursor: string | null }> {
      let versionIds: string[] | undefined;
      if (o.model) {
        const { versions } = await openModel(o.principal, o.model);
        const chosen = o.version ? versions.filter((x) => x.version === o.version) : versions;
        if (o.version && chosen.length === 0) throw notFound('model version');
        versionIds = chosen.map((x) => x.id);
      } else if (o.version) {
        versionIds = [];
      }
      const rows = await listCheckpoints(db, {
        ...(versionIds ? { versionIds } : {}),
        ...(o.mode ? { mode: o.mode } : {}),
        afterId: o.cursor ? Number(o.cursor) : 0,
        limit: o.limit + 1,
      });
      const items = rows.slice(0, o.limit);
      return { items, nextCursor: rows.length > o.limit ? String(items[items.length - 1]?.id) : null };
    },

    async keys() {
      return (await listLedgerKeys(db)).map((k) => ({
        keyId: k.key_id,
        algorithm: 'Ed25519' as const,
        publicKeyPem: k.public_key_pem,
        createdAt: k.created_at,
      }));
    },
  };
}

export type ChainService = ReturnType<typeof createChainService>;
