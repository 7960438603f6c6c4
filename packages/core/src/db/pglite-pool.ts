/**
 * Adapts one embedded PGlite instance to the pool interface Kysely's PostgresDialect expects.
 * PGlite is a single connection, so the "pool" is a mutex: a transaction holds the connection
 * until it is released, and every other caller waits its turn. That keeps transactions
 * isolated from each other exactly as separate server connections would.
 */
import type { PGlite } from '@electric-sql/pglite';
import type { PostgresPool, PostgresPoolClient, PostgresQueryResult } from 'kysely';

type Command = PostgresQueryResult<unknown>['command'];

export class PGlitePool implements PostgresPool {
  private tail: Promise<void> = Promise.resolve();
  private ended = false;

  constructor(readonly pglite: PGlite) {}

  async connect(): Promise<PostgresPoolClient> {
    if (this.ended) throw new Error('database is closed');
    let release!: () => void;
    const turn = new Promise<void>((resolve) => {
      release = resolve;
    });
    const previous = this.tail;
    this.tail = previous.then(() => turn);
    await previous;
    let released = false;
    const pglite = this.pglite;
    const client = {
      async query<R>(sql: string, parameters: ReadonlyArray<unknown>): Promise<PostgresQueryResult<R>> {
        const res = (await pglite.query<R>(sql, parameters as unknown[])) as Awaited<
          ReturnType<typeof pglite.query<R>>
        > & {
          command?: string;
        };
        const command = (res.command ?? /^\s*(\w+)/.exec(sql)?.[1]?.toUpperCase() ?? 'SELECT') as Command;
        return { command, rowCount: res.affectedRows ?? res.rows.length, rows: res.rows };
      },
      release(): void {
        if (released) return;
        released = true;
        release();
      },
    };
    return client as unknown as PostgresPoolClient;
  }

  async end(): Promise<void> {
    if (this.ended) return;
    this.ended = true;
    await this.tail;
    // PostgreSQL arms timers (e.g. the 10 s idle statistics flush) through emscripten's
    // setitimer, i.e. Node timers, and PGlite's close() leaves them armed: the process then
    // lingered 10 s after its work (or, after a crash recovery, forever). Disarm them first.
    (this.pglite as unknown as { mod?: { _clear_setitimer?: () => void } }).mod?._clear_setitimer?.();
    await this.pglite.close();
  }
}
