/** SQL for models and the public catalogue. */
import { type Insertable, type Selectable, sql, type Updateable } from 'kysely';
import type { Db, Executor } from '../db/db';
import { METRIC_SORT_KEYS, type MetricSort } from './registry.schemas';
import type { ModelsTable } from './registry.tables';

export type ModelRow = Selectable<ModelsTable> & { owner_display_name: string };
export type NewModel = Insertable<ModelsTable>;
export type ModelPatch = Pick<
  Updateable<ModelsTable>,
  'name' | 'description' | 'tags' | 'symbols' | 'updated_at'
>;

export type CatalogueSort = 'newest' | 'name' | 'recently_deployed' | MetricSort;

/**
 * A metric from the model's newest deployed version's live all-symbol snapshot, as text that
 * orders like the number (exact numeric, offset positive, fixed width), '' when there is none;
 * max_drawdown is negated so that descending order puts the smallest first.
 */
function metricSortKey(sort: MetricSort) {
  const field = METRIC_SORT_KEYS[sort];
  const sign = sort === 'max_drawdown' ? -1 : 1;
  return sql`coalesce((SELECT to_char(least(greatest(${sign} * (s.metrics->>${field})::float8, -900000000), 900000000)::numeric + 1000000000, 'FM0000000000.000000000000')
      FROM metric_snapshots s JOIN model_versions v ON v.id = s.version_id
     WHERE v.model_id = m.id AND v.status = 'deployed' AND s.mode = 'live' AND s.symbol = ''
     ORDER BY v.deployed_at DESC LIMIT 1), '')`;
}

export interface CatalogueQuery {
  q?: string | undefined;
  tag?: string | undefined;
  symbol?: string | undefined;
  interval?: string | undefined;
  target?: string | undefined;
  /** Only this owner's models, including those without a deployed version. */
  ownerId?: string | undefined;
  sort: CatalogueSort;
  /** Keyset position: the sort key and id of the last row of the previous page. */
  after?: { key: string; id: string } | undefined;
  limit: number;
}

export type CatalogueRow = ModelRow & { sort_key: string };

function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

export function createModelsRepo(db: Db) {
  const withOwner = (ex: Executor) =>
    ex
      .selectFrom('models as m')
      .innerJoin('users as u', 'u.id', 'm.owner_id')
      .selectAll('m')
      .select('u.display_name as owner_display_name');

  return {
    async findBySlug(slug: string, ex: Executor = db.kysely): Promise<ModelRow | undefined> {
      return withOwner(ex).where('m.slug', '=', slug).executeTakeFirst();
    },

    async findById(id: string, ex: Executor = db.kysely): Promise<ModelRow | undefined> {
      return withOwner(ex).where('m.id', '=', id).executeTakeFirst();
    },

    /** Inserts a model; undefined when the slug is taken. */
    async insert(values: NewModel, ex: Executor = db.kysely): Promise<{ id: string } | undefined> {
      return ex
        .insertInto('models')
        .values(values)
        .onConflict((oc) => oc.column('slug').doNothing())
        .returning('id')
        .executeTakeFirst();
    },

    async update(id: string, patch: ModelPatch, ex: Executor = db.kysely): Promise<void> {
      await ex.updateTable('models').set(patch).where('id', '=', id).execute();
    },

    /** Whether any version of the model was ever deployed (its history is public). */
    async hasPublicHistory(modelId: string, ex: Executor = db.kysely): Promise<boolean> {
      const row = await ex
        .selectFrom('model_versions')
        .select('id')
        .where('model_id', '=', modelId)
        .where('status', '!=', 'draft')
        .limit(1)
        .executeTakeFirst();
      return row !== undefined;
    },

    /**
     * The catalogue: models with a deployed version (or one owner's models), filtered, in a
     * stable keyset order. Returns up to limit + 1 rows so the caller knows whether more follow.
     */
    async catalogue(q: CatalogueQuery, ex: Executor = db.kysely): Promise<CatalogueRow[]> {
      const deployed = (extra?: ReturnType<typeof sql>) =>
        sql`EXISTS (SELECT 1 FROM model_versions v WHERE v.model_id = m.id AND v.status = 'deployed'${extra ?? sql``})`;
      const where = [q.ownerId !== undefined ? sql`m.owner_id = ${q.ownerId}` : deployed()];
      if (q.q) {
        const like = `%${escapeLike(q.q)}%`;
        where.push(
          sql`(m.name ILIKE ${like} OR m.slug ILIKE ${like} OR m.description ILIKE ${like} OR EXISTS (SELECT 1 FROM unnest(m.tags) t WHERE t ILIKE ${like}))`,
        );
      }
      if (q.tag) where.push(sql`${q.tag} = ANY (m.tags)`);
      if (q.symbol)
        where.push(
          sql`(${q.symbol} = ANY (m.symbols) OR ${deployed(sql` AND ${q.symbol} = ANY (v.symbols)`)})`,
        );
      if (q.interval) where.push(deployed(sql` AND v.interval = ${q.interval}`));
      if (q.target) where.push(deployed(sql` AND v.target = ${q.target}`));

      // Sort keys as text that orders like the value: ISO timestamps (ms, UTC) and lowercased names.
      const key =
        q.sort in METRIC_SORT_KEYS
          ? metricSortKey(q.sort as MetricSort)
          : q.sort === 'name'
            ? sql`lower(m.name)`
            : q.sort === 'newest'
              ? sql`to_char(m.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`
              : sql`coalesce(to_char((SELECT max(v.deployed_at) FROM model_versions v WHERE v.model_id = m.id AND v.status = 'deployed') AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), '')`;
      const asc = q.sort === 'name';
      const inner = sql`SELECT m.*, u.display_name AS owner_display_name, ${key} AS sort_key
        FROM models m JOIN users u ON u.id = m.owner_id
        WHERE ${sql.join(where, sql` AND `)}`;
      const after = q.after
        ? asc
          ? sql`WHERE (x.sort_key COLLATE "C", x.id) > (${q.after.key} COLLATE "C", ${q.after.id}::uuid)`
          : sql`WHERE (x.sort_key COLLATE "C", x.id) < (${q.after.key} COLLATE "C", ${q.after.id}::uuid)`
        : sql``;
      const order = asc
        ? sql`x.sort_key COLLATE "C" ASC, x.id ASC`
        : sql`x.sort_key COLLATE "C" DESC, x.id DESC`;
      const res =
        await sql<CatalogueRow>`SELECT * FROM (${inner}) x ${after} ORDER BY ${order} LIMIT ${q.limit + 1}`.execute(
          ex,
        );
      return res.rows;
    },
  };
}

export type ModelsRepo = ReturnType<typeof createModelsRepo>;
