/**
 * Garbage collection of stored packages: an artifact that no model version references (a deleted
 * draft's, or an upload refused after it was stored) is deleted once it is older than the grace
 * period. Never deleted: anything a version row references, and anything stored or re-stored
 * within the grace (an upload in progress stores its artifact before it inserts its version row,
 * and stores it again after the insert, so even a sweep racing it cannot leave a dangling row).
 * Temporary files of copies that never finished (a process killed mid-copy) go after the same
 * grace, counted from their last write.
 */
import { sql } from 'kysely';
import type { Db } from '../../db/db';
import type { ArtifactStore } from './artifact-store';

export interface ArtifactSweepReport {
  scanned: number;
  deleted: string[];
  /** Stale temporary files removed (names). */
  tempDeleted: string[];
}

export async function sweepArtifacts(o: {
  db: Db;
  store: Pick<ArtifactStore, 'list' | 'storedAt' | 'delete' | 'sweepTemp'>;
  graceMs: number;
  now?: () => Date;
}): Promise<ArtifactSweepReport> {
  const now = o.now ?? (() => new Date());
  const old = (d: Date) => now().getTime() - d.getTime() >= o.graceMs;
  const report: ArtifactSweepReport = { scanned: 0, deleted: [], tempDeleted: [] };
  let batch: string[] = [];
  const flush = async () => {
    if (batch.length === 0) return;
    const { rows } = await sql<{ digest: string }>`
      SELECT DISTINCT digest FROM model_versions WHERE digest = ANY(${batch}::text[])`.execute(o.db.kysely);
    const referenced = new Set(rows.map((r) => r.digest));
    for (const digest of batch) {
      if (referenced.has(digest)) continue;
      // Re-read: a put since the listing renewed it.
      const at = await o.store.storedAt(digest);
      if (!at || !old(at)) continue;
      await o.store.delete(digest);
      report.deleted.push(digest);
    }
    batch = [];
  };
  for await (const a of o.store.list()) {
    report.scanned++;
    if (!old(a.storedAt)) continue;
    batch.push(a.digest);
    if (batch.length >= 500) await flush();
  }
  await flush();
  if (o.store.sweepTemp) report.tempDeleted = await o.store.sweepTemp(new Date(now().getTime() - o.graceMs));
  return report;
}
