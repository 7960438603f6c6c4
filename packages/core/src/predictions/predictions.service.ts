/**
 * Reading and verifying a version's prediction ledger. Who may read is decided in one place,
 * billing/entitlements.ts: the owner, admins, and entitled subscribers (and their API keys).
 */
import type { EntitlementPrincipal, Entitlements } from '../billing/entitlements';
import type { Db } from '../db/db';
import { AppError, notFound, registerErrorCodes } from '../errors';
import type { VersionParams } from '../runs/runs.schemas';
import { isOwnerOrAdmin } from '../runs/runs.service';
import type { RunMode } from '../runs/runs.tables';
import { findVersionBySlug, type RunnableVersion } from '../runs/versions.repo';
import { createLedgerVerifier, LEDGER_FORMAT } from './ledger';
import { chainHead, chainPage, listPredictions, type PredictionWithOutcome } from './predictions.repo';
import type { LedgerVerificationView, PredictionList, PredictionListQuery } from './predictions.schemas';
import { toPredictionView } from './views';

registerErrorCodes({ subscription_required: 403 });

export function createPredictionsService(deps: { db: Db; entitlements: Entitlements }) {
  const { db, entitlements } = deps;

  /** The version, if the caller may read its predictions: 404 for drafts of others, 403 without entitlement. */
  async function readableVersion(caller: EntitlementPrincipal, p: VersionParams): Promise<RunnableVersion> {
    const v = await findVersionBySlug(db.kysely, p);
    // A draft is private: to anyone else it does not exist.
    if (!v || (v.status === 'draft' && !isOwnerOrAdmin(caller, v))) throw notFound('model version');
    if (!(await entitlements.canReadPredictions(caller, { id: v.modelId, ownerId: v.ownerId })))
      throw new AppError('subscription_required', {
        detail: `Reading predictions of ${v.slug} needs a subscription (POST /v1/subscriptions).`,
      });
    return v;
  }

  return {
    async list(o: {
      caller: EntitlementPrincipal;
      params: VersionParams;
      query: PredictionListQuery;
    }): Promise<PredictionList> {
      const v = await readableVersion(o.caller, o.params);
      const limit = o.query.limit ?? 100;
      const mode = o.query.mode ?? 'live';
      const rows = await listPredictions(db.kysely, {
        versionId: v.id,
        mode,
        afterSeq: o.query.cursor ? Number(o.query.cursor) : 0,
        limit: limit + 1,
        ...(o.query.from ? { from: new Date(o.query.from) } : {}),
        ...(o.query.to ? { to: new Date(o.query.to) } : {}),
      });
      const page = rows.slice(0, limit);
      return {
        versionId: v.id,
        mode,
        items: page.map(toPredictionView),
        nextCursor: rows.length > limit ? String((page[page.length - 1] as PredictionWithOutcome).seq) : null,
      };
    },

    /** Recomputes the whole chain from genesis, page by page, and checks it ends at the recorded head. */
    async verify(o: {
      caller: EntitlementPrincipal;
      params: VersionParams;
      mode: RunMode;
    }): Promise<LedgerVerificationView> {
      const v = await readableVersion(o.caller, o.params);
      const head = (await chainHead(db.kysely, { versionId: v.id, mode: o.mode })) ?? {
        seq: 0,
        hash: '0'.repeat(64),
      };
      const verifier = createLedgerVerifier();
      let after = 0;
      let lastSeq = 0;
      for (;;) {
        const page = await chainPage(db.kysely, {
          versionId: v.id,
          mode: o.mode,
          afterSeq: after,
          limit: 2000,
        });
        if (page.length === 0) break;
        let ok = true;
        for (const p of page) {
          if (!verifier.push(p)) {
            ok = false;
            break;
          }
          lastSeq = Number(p.seq);
        }
        if (!ok) break;
        after = Number((page[page.length - 1] as (typeof page)[number]).seq);
      }
      const r = verifier.result();
      let firstBreak = r.firstBreak;
      // A chain cut short (rows deleted from its end) is intact link by link: the head tells.
      if (!firstBreak && (lastSeq !== head.seq || r.head !== head.hash))
        firstBreak = {
          seq: lastSeq + 1,
          reason: 'head_mismatch',
          expected: `${head.seq}:${head.hash}`,
          actual: `${lastSeq}:${r.head}`,
        };
      return {
        versionId: v.id,
        mode: o.mode,
        format: LEDGER_FORMAT,
        valid: firstBreak === null,
        checked: r.checked,
        head,
        firstBreak,
      };
    },
  };
}

export type PredictionsService = ReturnType<typeof createPredictionsService>;
