/**
 * `seerd db create-login`: makes the PostgreSQL login the API, scheduler and workers connect as.
 * It is a member of seer_app (created by the migrations: row access only, no UPDATE/DELETE on
 * the append-only tables) and owns nothing, so it cannot disable a trigger. Runs as the schema
 * owner (MIGRATION_DATABASE_URL, else DATABASE_URL), applying pending migrations first. The
 * password comes from stdin only.
 */
import pg from 'pg';
import { type Command, UsageError } from '../cli';
import { loadConfigOrExit, openOwnerDatabase } from '../runtime';
import { readPassword } from './users';

const LOGIN_NAME = /^[a-z_][a-z0-9_]{0,62}$/;
const RESERVED = new Set(['seer_app', 'seer_model_reader', 'seer_package_opener', 'postgres', 'public']);

export const dbCreateLoginCommand: Command = {
  path: ['db', 'create-login'],
  summary:
    'Create (or update the password of) the runtime PostgreSQL login: a member of seer_app that owns nothing. Password from stdin.',
  usage: '--name <login> --password-stdin [--worker]',
  options: {
    name: { type: 'string' },
    'password-stdin': { type: 'boolean' },
    // Workers also read the wrapped package keys (seer_package_opener); the API's login never does.
    worker: { type: 'boolean' },
  },
  async run({ values, io }) {
    const name = values.name;
    if (typeof name !== 'string' || !LOGIN_NAME.test(name) || RESERVED.has(name)) {
      throw new UsageError(
        '--name must be a new role name: lowercase letters, digits and _, e.g. seer_runtime',
      );
    }
    if (values['password-stdin'] !== true) {
      throw new UsageError(
        '--password-stdin is required: pipe the password in, never put it on the command line',
      );
    }
    const password = await readPassword(io.stdin);
    if (password.length < 16) throw new UsageError('use a password of at least 16 characters');
    const config = loadConfigOrExit(io);
    if (!config.databaseUrl) {
      throw new UsageError('the embedded database has no logins; this is for PostgreSQL (DATABASE_URL)');
    }
    const db = await openOwnerDatabase(config);
    try {
      const { migrate } = await import('@seer/core/db');
      await migrate(db, { log: (s) => io.stderr(`seerd: ${s}\n`) });
      // CREATE/ALTER ROLE take no parameters: quote the identifier and the literal.
      const ident = pg.Client.prototype.escapeIdentifier(name);
      const literal = pg.Client.prototype.escapeLiteral(password);
      const exists = await db.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM pg_roles WHERE rolname = $1',
        [name],
      );
      if (exists.rows[0]?.n) {
        const owns = await db.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM pg_class c JOIN pg_roles r ON r.oid = c.relowner WHERE r.rolname = $1`,
          [name],
        );
        if (owns.rows[0]?.n) throw new UsageError(`${name} owns tables; the runtime login must own nothing`);
        await db.exec(
          `ALTER ROLE ${ident} WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS PASSWORD ${literal}`,
        );
        await db.exec(`GRANT seer_app TO ${ident}`);
        io.stderr(`seerd: updated ${name}\n`);
      } else {
        await db.exec(
          `CREATE ROLE ${ident} WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS INHERIT PASSWORD ${literal} IN ROLE seer_app`,
        );
        io.stderr(`seerd: created ${name}\n`);
      }
      if (values.worker === true) await db.exec(`GRANT seer_package_opener TO ${ident}`);
      else await db.exec(`REVOKE seer_package_opener FROM ${ident}`);
      const url = new URL(config.migrationDatabaseUrl ?? config.databaseUrl);
      url.username = name;
      url.password = '';
      io.stdout(
        `Runtime login ${name} is ready. Run every seerd process with\n  DATABASE_URL=${url.toString().replace(`${name}@`, `${name}:<password>@`)}\n  MIGRATION_DATABASE_URL=<the owner's URL, for migrations only>\n`,
      );
      return 0;
    } finally {
      await db.close();
    }
  },
};
