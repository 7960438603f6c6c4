/**
 * A Db whose query builder records the kind of every statement it sends (SelectQueryNode,
 * UpdateQueryNode, …): for tests that prove how many round trips a request costs. Raw `query`
 * calls are not seen, so code under such a test must use the builder (the services do).
 */
import type {
  KyselyPlugin,
  PluginTransformQueryArgs,
  PluginTransformResultArgs,
  QueryResult,
  RootOperationNode,
  UnknownRow,
} from 'kysely';
import type { Db } from '../db/db';

export function countingDb(db: Db): { db: Db; seen: string[] } {
  const seen: string[] = [];
  const plugin: KyselyPlugin = {
    transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
      seen.push(args.node.kind);
      return args.node;
    },
    async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
      return args.result;
    },
  };
  const counted = Object.assign(Object.create(Object.getPrototypeOf(db)), db, {
    kysely: db.kysely.withPlugin(plugin),
  }) as Db;
  return { db: counted, seen };
}

/** Polls `probe` until it returns true or `timeoutMs` passes (a notification on its way). */
export async function eventually(probe: () => Promise<boolean>, timeoutMs = 2_000): Promise<boolean> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    if (await probe()) return true;
    if (Date.now() >= until) return false;
    await new Promise((r) => setTimeout(r, 20));
  }
}

/**
 * A listener that is up at once and never hears a notification: a cache on it learns only of the
 * changes its own process announces (`invalidate`), which is what a test of those needs.
 */
export const deafListener: Pick<Db, 'listen'> = {
  listen: (_channel, handlers) => {
    handlers.onState(true);
    return { close: async () => {} };
  },
};
