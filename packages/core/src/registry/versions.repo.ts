/** SQL for model versions. Content columns are written once; the database refuses later changes. */
import type { Insertable, Selectable } from 'kysely';
import type { Db, Executor } from '../db/db';
import type { ModelVersionsTable, VersionStatus } from './registry.tables';

export type VersionRow = Selectable<ModelVersionsTable>;
export type NewVersion = Insertable<ModelVersionsTable>;

export function createVersionsRepo(db: Db) {
  return {
    async find(modelId: string, version: string, ex: Executor = db.kysely): Promise<VersionRow | undefined> {
      return ex
        .selectFrom('model_versions')
        .selectAll()
        .where('model_id', '=', modelId)
        .where('version', '=', version)
        .executeTakeFirst();
    },

    async findById(id: string, ex: Executor = db.kysely): Promise<VersionRow | undefined> {
      return ex.selectFrom('model_versions').selectAll().where('id', '=', id).executeTakeFirst();
    },

    async listByModel(modelId: string, ex: Executor = db.kysely): Promise<VersionRow[]> {
      return ex.selectFrom('model_versions').selectAll().where('model_id', '=', modelId).execute();
    },

    async listByModels(modelIds: string[], ex: Executor = db.kysely): Promise<VersionRow[]> {
      if (modelIds.length === 0) return [];
      return ex.selectFrom('model_versions').selectAll().where('model_id', 'in', modelIds).execute();
    },

    /** Every version number of a model, any status. */
    async versionNumbers(modelId: string, ex: Executor = db.kysely): Promise<string[]> {
      const rows = await ex
        .selectFrom('model_versions')
        .select('version')
        .where('model_id', '=', modelId)
        .execute();
      return rows.map((r) => r.version);
    },

    /** Inserts a draft; undefined when the version number exists (a concurrent publish won). */
    async insert(values: NewVersion, ex: Executor = db.kysely): Promise<VersionRow | undefined> {
      return ex
        .insertInto('model_versions')
        .values(values)
        .onConflict((oc) => oc.columns(['model_id', 'version']).doNothing())
        .returningAll()
        .executeTakeFirst();
    },

    /** Moves the status when it is still `from`; undefined when another request moved it first. */
    async transition(
      id: string,
      from: VersionStatus,
      set: { status: VersionStatus; deployed_at?: Date; retired_at?: Date; deploy_check?: string },
      ex: Executor = db.kysely,
    ): Promise<VersionRow | undefined> {
      return ex
        .updateTable('model_versions')
        .set(set)
        .where('id', '=', id)
        .where('status', '=', from)
        .returningAll()
        .executeTakeFirst();
    },

    /** Records a failed trial run on a draft (drafts only: the trigger freezes the rest). */
    async recordDeployCheck(id: string, check: string, ex: Executor = db.kysely): Promise<void> {
      await ex
        .updateTable('model_versions')
        .set({ deploy_check: check })
        .where('id', '=', id)
        .where('status', '=', 'draft')
        .execute();
    },

    async deleteDraft(id: string, ex: Executor = db.kysely): Promise<boolean> {
      const res = await ex
        .deleteFrom('model_versions')
        .where('id', '=', id)
        .where('status', '=', 'draft')
        .executeTakeFirst();
      return Number(res.numDeletedRows) > 0;
    },

    /** Symbols of the instruments table, restricted to the given ones. */
    async knownSymbols(symbols: string[], ex: Executor = db.kysely): Promise<Set<string>> {
      if (symbols.length === 0) return new Set();
      const rows = await ex
        .selectFrom('instruments')
        .select('symbol')
        .where('symbol', 'in', symbols)
        .execute();
      return new Set(rows.map((r) => r.symbol));
    },

    /** Open time of the newest bar per symbol at an interval (symbols without bars are absent). */
    async latestBars(
      symbols: string[],
      interval: string,
      ex: Executor = db.kysely,
    ): Promise<Map<string, Date>> {
      if (symbols.length === 0) return new Map();
      const rows = await ex
        .selectFrom('bars as b')
        .innerJoin('instruments as i', 'i.id', 'b.instrument_id')
        .select(['i.symbol', (eb) => eb.fn.max('b.ts').as('ts')])
        .where('i.symbol', 'in', symbols)
        .where('b.interval', '=', interval as '1h')
        .groupBy('i.symbol')
        .execute();
      return new Map(rows.map((r) => [r.symbol, new Date(r.ts as unknown as string)]));
    },
  };
}

export type VersionsRepo = ReturnType<typeof createVersionsRepo>;
