/**
 * SQL for the wrapped data keys of stored packages (table artifact_keys, one row per artifact
 * digest). The runtime role seer_app may add, replace and delete rows and read digest and
 * master_kid only; reading wrapped_key needs seer_package_opener (workers) or the owner (seerd).
 */

import type { WrappedKey } from '../../crypto/master-keys';
import type { Db } from '../../db/db';

export interface ArtifactKeyRow extends WrappedKey {
  digest: string;
}

const toBuffer = (v: unknown): Buffer => Buffer.from(v as Uint8Array);

export function createArtifactKeysRepo(db: Pick<Db, 'query'>) {
  return {
    /** The wrapped key of an artifact; throws PostgreSQL 42501 for a role without the privilege. */
    async find(digest: string): Promise<ArtifactKeyRow | undefined> {
      const { rows } = await db.query<{
        digest: string;
        master_kid: string;
        nonce: unknown;
        wrapped_key: unknown;
      }>('SELECT digest, master_kid, nonce, wrapped_key FROM artifact_keys WHERE digest = $1', [digest]);
      const r = rows[0];
      return r
        ? {
            digest: r.digest,
            masterKid: r.master_kid,
            nonce: toBuffer(r.nonce),
            wrapped: toBuffer(r.wrapped_key),
          }
        : undefined;
    },

    /** Inserts or replaces (a re-upload after a lost file) the key of an artifact. */
    async put(row: ArtifactKeyRow): Promise<void> {
      await db.query(
        `INSERT INTO artifact_keys (digest, master_kid, nonce, wrapped_key) VALUES ($1, $2, $3, $4)
         ON CONFLICT (digest) DO UPDATE SET master_kid = EXCLUDED.master_kid, nonce = EXCLUDED.nonce,
           wrapped_key = EXCLUDED.wrapped_key, rewrapped_at = now()`,
        [row.digest, row.masterKid, row.nonce, row.wrapped],
      );
    },

    /** Rewraps in place (rotation); only when the row is still under `fromKid`. */
    async rewrap(row: ArtifactKeyRow, fromKid: string): Promise<boolean> {
      const res = await db.query(
        `UPDATE artifact_keys SET master_kid = $2, nonce = $3, wrapped_key = $4, rewrapped_at = now()
         WHERE digest = $1 AND master_kid = $5 RETURNING digest`,
        [row.digest, row.masterKid, row.nonce, row.wrapped, fromKid],
      );
      return res.rows.length > 0;
    },

    /** Digests and master key ids of every row (no key material). */
    async listKids(): Promise<Array<{ digest: string; masterKid: string }>> {
      const { rows } = await db.query<{ digest: string; master_kid: string }>(
        'SELECT digest, master_kid FROM artifact_keys ORDER BY digest',
      );
      return rows.map((r) => ({ digest: r.digest, masterKid: r.master_kid }));
    },

    async delete(digest: string): Promise<void> {
      await db.query('DELETE FROM artifact_keys WHERE digest = $1', [digest]);
    },
  };
}

export type ArtifactKeysRepo = ReturnType<typeof createArtifactKeysRepo>;
