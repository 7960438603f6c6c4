/**
 * `seerd db start|stop|status`: the private PostgreSQL server of the embedded default
 * (no DATABASE_URL). Every seerd command starts it on demand and the last one to end stops it;
 * `seerd db start` keeps it running for other tools (psql, backups) until `seerd db stop`.
 */
import type { Config } from '@seer/core/config';
import { type Command, type CommandIo, UsageError } from '../cli';
import { loadConfigOrExit } from '../runtime';

function embeddedConfig(io: CommandIo, name: string): Readonly<Config> | undefined {
  const config = loadConfigOrExit(io);
  if (config.databaseUrl || config.embeddedDb !== 'postgres') {
    io.stderr(
      `seerd db ${name}: the private PostgreSQL server is used only without DATABASE_URL and with SEER_EMBEDDED_DB=postgres (the default)\n`,
    );
    return undefined;
  }
  return config;
}

function serverOptions(config: Readonly<Config>, io: CommandIo) {
  return {
    dataDir: config.dataDir,
    binDir: config.postgresBinDir,
    runAsUser: config.postgresUser,
    log: (s: string) => io.stderr(`seerd: ${s}\n`),
  };
}

export const dbStartCommand: Command = {
  path: ['db', 'start'],
  summary:
    'Start the embedded PostgreSQL server (initialising it if needed) and keep it running until "seerd db stop".',
  usage: '',
  options: {},
  async run({ io }) {
    const config = embeddedConfig(io, 'start');
    if (!config) return 78;
    const local = await import('@seer/core/db');
    const server = local.keepLocalPostgresRunning(serverOptions(config, io));
    await local.createLocalDatabaseIfMissing(config.dataDir);
    server.release(); // deregisters this process; the keep-running mark holds the server up
    io.stdout(`${server.url}\n`);
    return 0;
  },
};

export const dbStopCommand: Command = {
  path: ['db', 'stop'],
  summary:
    'Stop the embedded PostgreSQL server (refused while another seerd process uses it, unless --force).',
  usage: '[--force]',
  options: { force: { type: 'boolean' } },
  async run({ values, io }) {
    const config = embeddedConfig(io, 'stop');
    if (!config) return 78;
    const local = await import('@seer/core/db');
    const r = local.stopLocalPostgres(serverOptions(config, io), { force: values.force === true });
    if (!r.stopped && r.clients.length > 0) {
      io.stderr(
        `seerd db stop: in use by seerd process(es) ${r.clients.join(', ')}; stop them first or use --force\n`,
      );
      return 1;
    }
    io.stdout(r.stopped ? 'stopped\n' : 'not running\n');
    return 0;
  },
};

export const dbStatusCommand: Command = {
  path: ['db', 'status'],
  summary: 'Show the embedded PostgreSQL server: folder, version, running or not, seerd processes using it.',
  usage: '',
  options: {},
  async run({ positionals, io }) {
    if (positionals.length > 0) throw new UsageError('no arguments expected');
    const config = embeddedConfig(io, 'status');
    if (!config) return 78;
    const local = await import('@seer/core/db');
    const s = local.localPostgresStatus(serverOptions(config, io));
    io.stdout(`${JSON.stringify({ ...s, url: local.localPostgresUrl(config.dataDir) }, null, 2)}\n`);
    return s.running ? 0 : 3;
  },
};

export const dbCommands: Command[] = [dbStartCommand, dbStopCommand, dbStatusCommand];
