/** SQL for plans: append-only rows, the current one is the latest effective at a given time. */
import type { Insertable, Selectable } from 'kysely';
import type { Db, Executor } from '../db/db';
import type { PlansTable } from './registry.tables';

export type PlanRow = Selectable<PlansTable>;
export type NewPlan = Insertable<PlansTable>;

export function createPlansRepo(db: Db) {
  return {
    async insert(values: NewPlan, ex: Executor = db.kysely): Promise<PlanRow> {
      return ex.insertInto('plans').values(values).returningAll().executeTakeFirstOrThrow();
    },

    async findById(id: string, ex: Executor = db.kysely): Promise<PlanRow | undefined> {
      return ex.selectFrom('plans').selectAll().where('id', '=', id).executeTakeFirst();
    },

    /** The plan in force at `at` (latest effective_from <= at), undefined when none. */
    async current(modelId: string, at: Date, ex: Executor = db.kysely): Promise<PlanRow | undefined> {
      return ex
        .selectFrom('plans')
        .selectAll()
        .where('model_id', '=', modelId)
        .where('effective_from', '<=', at)
        .orderBy('effective_from', 'desc')
        .orderBy('created_at', 'desc')
        .limit(1)
        .executeTakeFirst();
    },

    async currentForModels(
      modelIds: string[],
      at: Date,
      ex: Executor = db.kysely,
    ): Promise<Map<string, PlanRow>> {
      if (modelIds.length === 0) return new Map();
      const rows = await ex
        .selectFrom('plans')
        .selectAll()
        .where('model_id', 'in', modelIds)
        .where('effective_from', '<=', at)
        .orderBy('effective_from', 'asc')
        .orderBy('created_at', 'asc')
        .execute();
      // Ascending, so the last row per model wins.
      return new Map(rows.map((r) => [r.model_id, r]));
    },

    async history(modelId: string, ex: Executor = db.kysely): Promise<PlanRow[]> {
      return ex
        .selectFrom('plans')
        .selectAll()
        .where('model_id', '=', modelId)
        .orderBy('effective_from', 'desc')
        .orderBy('created_at', 'desc')
        .execute();
    },
  };
}

export type PlansRepo = ReturnType<typeof createPlansRepo>;
