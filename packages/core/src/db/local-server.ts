/**
 * The embedded default database: a private PostgreSQL server that seerd initialises under its
 * data folder and starts on demand, shared by every seerd process on the machine.
 *
 * Layout of <dataDir>/postgres (owned by the server's OS user):
 *   data/          the cluster (initdb; PostgreSQL's own WAL makes it crash-safe)
 *   run/           the Unix socket (0700; no TCP: listen_addresses is empty)
 *   server.log     the server's log
 *   lock           held while a process starts, stops or (de)registers with the server
 *   clients/<pid>  one file per seerd process using the server (pid + command + start time)
 *   keep-running   present after `seerd db start`: the server stays up until `seerd db stop`
 *
 * Policy: any seerd process that needs the database starts the server if it is not running (a
 * second process finds it running and only connects: one server per data folder, never two).
 * When a process ends, it stops the server if no other live seerd process is registered and
 * `seerd db start` did not ask to keep it running. A process killed with -9 leaves the server
 * running; the next seerd process adopts it. A postmaster killed with -9 leaves a stale
 * postmaster.pid, which PostgreSQL itself recognises as stale at the next start.
 *
 * Run as root, seerd runs every server binary as an unprivileged user (PostgreSQL refuses root),
 * `postgres` by default, which owns <dataDir>/postgres. Connections use trust authentication on
 * the socket; the socket folder's 0700 mode is what limits who can connect (that user and root).
 */
import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  chownSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import {
  acquireLock,
  currentHolder,
  isAlive,
  type Lock,
  LockedError,
  readHolder,
  sleepSync,
} from './dir-lock';

const DEBIAN_PG_ROOT = '/usr/lib/postgresql';
const DB_NAME = 'seer';
const DB_USER = 'seer';
/** Only names the socket file (.s.PGSQL.5432); nothing listens on TCP. */
const SOCKET_PORT = 5432;
/** sun_path is 108 bytes on Linux, including the terminating NUL. */
const MAX_SOCKET_PATH = 107;

export class LocalPostgresError extends Error {
  override name = 'LocalPostgresError';
}

export interface LocalPostgresOptions {
  /** SEER_DATA_DIR: the server lives in <dataDir>/postgres. */
  dataDir: string;
  /** Folder with initdb, pg_ctl and postgres; default: Debian's, matching an existing cluster. */
  binDir?: string | undefined;
  /** OS user that runs the server when this process is root. */
  runAsUser?: string;
  log?: (msg: string) => void;
}

export interface LocalPostgresLayout {
  root: string;
  pgdata: string;
  socketDir: string;
  logFile: string;
  lockFile: string;
  clientsDir: string;
  keepFile: string;
}

export function localPostgresLayout(dataDir: string): LocalPostgresLayout {
  const root = path.join(path.resolve(dataDir), 'postgres');
  return {
    root,
    pgdata: path.join(root, 'data'),
    socketDir: path.join(root, 'run'),
    logFile: path.join(root, 'server.log'),
    lockFile: path.join(root, 'lock'),
    clientsDir: path.join(root, 'clients'),
    keepFile: path.join(root, 'keep-running'),
  };
}

/** The node-postgres URL of the private server (host = the socket folder). */
export function localPostgresUrl(dataDir: string): string {
  const { socketDir } = localPostgresLayout(dataDir);
  return `postgresql://${DB_USER}@localhost:${SOCKET_PORT}/${DB_NAME}?host=${encodeURIComponent(socketDir)}`;
}

interface Identity {
  uid: number;
  gid: number;
  name: string;
}

interface Ctx {
  layout: LocalPostgresLayout;
  bin: string;
  /** Undefined: run binaries as this process's own user. */
  as: Identity | undefined;
  log: (msg: string) => void;
}

function lookupUser(name: string): Identity {
  // /etc/passwd first (no process to spawn), getent for users from elsewhere (LDAP...).
  let line: string | undefined;
  try {
    line = readFileSync('/etc/passwd', 'utf8')
      .split('\n')
      .find((l) => l.startsWith(`${name}:`));
  } catch {
    // no /etc/passwd: ask getent
  }
  if (!line) {
    const r = spawnSync('getent', ['passwd', name], { encoding: 'utf8' });
    line = r.status === 0 ? r.stdout.trim() : undefined;
  }
  const fields = line ? line.split(':') : [];
  if (fields.length < 4) {
    throw new LocalPostgresError(
      `seerd runs as root, and PostgreSQL refuses to: it runs the private database server as the user "${name}", which does not exist. Install Debian's postgresql package (scripts/setup.sh creates the "postgres" user), or create a system user and set SEER_POSTGRES_USER.`,
    );
  }
  return { name, uid: Number(fields[2]), gid: Number(fields[3]) };
}

function pgVersionOf(pgdata: string): string | undefined {
  try {
    return readFileSync(path.join(pgdata, 'PG_VERSION'), 'utf8').trim();
  } catch {
    return undefined;
  }
}

/** Debian's binaries for an existing cluster's major version, else the newest installed. */
export function findPostgresBin(pgdata: string, configured?: string): string {
  const has = (dir: string) => existsSync(path.join(dir, 'initdb')) && existsSync(path.join(dir, 'pg_ctl'));
  if (configured) {
    if (!has(configured))
      throw new LocalPostgresError(`SEER_POSTGRES_BIN=${configured} holds no initdb and pg_ctl`);
    return configured;
  }
  const version = pgVersionOf(pgdata);
  let installed: string[] = [];
  try {
    installed = readdirSync(DEBIAN_PG_ROOT)
      .filter((v) => /^\d+$/.test(v) && has(path.join(DEBIAN_PG_ROOT, v, 'bin')))
      .sort((a, b) => Number(b) - Number(a));
  } catch {
    // no Debian PostgreSQL at all
  }
  if (version) {
    if (installed.includes(version)) return path.join(DEBIAN_PG_ROOT, version, 'bin');
    throw new LocalPostgresError(
      `the embedded database in ${pgdata} was made by PostgreSQL ${version}, whose server binaries are not installed (found: ${installed.join(', ') || 'none'}). Install postgresql-${version}, or set SEER_POSTGRES_BIN.`,
    );
  }
  const newest = installed[0];
  if (!newest) {
    throw new LocalPostgresError(
      `no PostgreSQL server binaries found in ${DEBIAN_PG_ROOT}/<version>/bin. Run scripts/setup.sh (installs Debian's postgresql package), set SEER_POSTGRES_BIN, set DATABASE_URL to a PostgreSQL server, or set SEER_EMBEDDED_DB=pglite for a single-process database.`,
    );
  }
  return path.join(DEBIAN_PG_ROOT, newest, 'bin');
}

function context(opts: LocalPostgresOptions): Ctx {
  const layout = localPostgresLayout(opts.dataDir);
  const socketPath = path.join(layout.socketDir, `.s.PGSQL.${SOCKET_PORT}.lock`);
  if (Buffer.byteLength(socketPath) > MAX_SOCKET_PATH) {
    throw new LocalPostgresError(
      `the database socket path ${socketPath} is longer than Unix sockets allow (${MAX_SOCKET_PATH} bytes): choose a shorter SEER_DATA_DIR`,
    );
  }
  const as = process.getuid?.() === 0 ? lookupUser(opts.runAsUser ?? 'postgres') : undefined;
  return {
    layout,
    bin: findPostgresBin(layout.pgdata, opts.binDir),
    as,
    log: opts.log ?? (() => {}),
  };
}

interface RunResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a server binary as the server's user (setpriv when root), without a shell. */
function runAs(ctx: Ctx, file: string, args: string[], timeoutMs = 120_000): RunResult {
  const [cmd, argv] = ctx.as
    ? [
        'setpriv',
        [
          `--reuid=${ctx.as.uid}`,
          `--regid=${ctx.as.gid}`,
          '--clear-groups',
          '--',
          path.join(ctx.bin, file),
          ...args,
        ],
      ]
    : [path.join(ctx.bin, file), args];
  const r = spawnSync(cmd as string, argv as string[], {
    encoding: 'utf8',
    timeout: timeoutMs,
    cwd: ctx.layout.root,
    // The server's children must not inherit our stdio: pg_ctl -l sends its output to the log.
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', LANG: 'C.UTF-8', LC_ALL: 'C.UTF-8', TZ: 'UTC' },
  });
  if (r.error) throw new LocalPostgresError(`could not run ${file}: ${r.error.message}`);
  return { status: r.status, stdout: r.stdout ?? '', stderr: r.stderr ?? '' };
}

function ensureFolder(ctx: Ctx, dir: string, mode: number): void {
  mkdirSync(dir, { recursive: true, mode });
  if (ctx.as) chownSync(dir, ctx.as.uid, ctx.as.gid);
}

function prepareFolders(ctx: Ctx): void {
  const { layout } = ctx;
  ensureFolder(ctx, layout.root, 0o700);
  ensureFolder(ctx, layout.clientsDir, 0o700);
  ensureFolder(ctx, layout.socketDir, 0o700);
  if (ctx.as) {
    // The server's user must pass through SEER_DATA_DIR to reach its own folder inside. A data
    // folder made by `mktemp -d` is 0700: let others traverse it (x, not r: its listing and the
    // other folders in it keep their own modes). Folders above it are not ours to change.
    const dataDir = path.dirname(layout.root);
    const st = statSync(dataDir);
    if (st.uid === process.getuid?.() && (st.mode & 0o001) === 0) {
      chmodSync(dataDir, (st.mode & 0o7777) | 0o001);
      ctx.log(`made ${dataDir} traversable for the database server's user (${ctx.as.name})`);
    }
    // A checkout in a 0700 home would still not let it through. Mode bits first (no process
    // to spawn); when they say no, ask the system as that user (ACLs may still grant passage).
    if (!traversableByModes(layout.root, ctx.as)) {
      const reach = spawnSync(
        'setpriv',
        [`--reuid=${ctx.as.uid}`, `--regid=${ctx.as.gid}`, '--clear-groups', '--', 'test', '-w', layout.root],
        { stdio: 'ignore' },
      );
      if (reach.status !== 0) {
        throw new LocalPostgresError(
          `the database server runs as the user "${ctx.as.name}", who cannot reach ${layout.root} (a parent folder is closed to other users, e.g. a 0700 home). Choose a SEER_DATA_DIR outside it (e.g. /var/lib/seer), grant passage with "setfacl -m u:${ctx.as.name}:x <folder>", or set DATABASE_URL.`,
        );
      }
    }
  }
}

/** Every folder from / down to `dir` lets `who` pass (x) by its mode bits alone. */
function traversableByModes(dir: string, who: Identity): boolean {
  let d = path.resolve(dir);
  for (;;) {
    const st = statSync(d);
    const bit = st.uid === who.uid ? 0o100 : st.gid === who.gid ? 0o010 : 0o001;
    if ((st.mode & bit) === 0) return false;
    const parent = path.dirname(d);
    if (parent === d) return true;
    d = parent;
  }
}

/** Settings written before every start, so the data folder can move. */
function writeSettings(ctx: Ctx): void {
  const file = path.join(ctx.layout.pgdata, 'seer.conf');
  writeFileSync(
    file,
    [
      '# Written by seerd before every start; edit postgresql.conf for your own settings.',
      "listen_addresses = ''",
      `unix_socket_directories = '${ctx.layout.socketDir.replaceAll("'", "''")}'`,
      'unix_socket_permissions = 0700',
      `port = ${SOCKET_PORT}`,
      '',
    ].join('\n'),
  );
  if (ctx.as) chownSync(file, ctx.as.uid, ctx.as.gid);
}

function initCluster(ctx: Ctx): void {
  const { pgdata } = ctx.layout;
  ctx.log(`initialising the embedded PostgreSQL database in ${pgdata}`);
  rmSync(pgdata, { recursive: true, force: true }); // a half-made cluster from an interrupted init
  const r = runAs(ctx, 'initdb', [
    '-D',
    pgdata,
    '-U',
    DB_USER,
    '--auth=trust',
    '-E',
    'UTF8',
    '--locale=C.UTF-8',
  ]);
  if (r.status !== 0) throw new LocalPostgresError(`initdb failed: ${(r.stderr || r.stdout).trim()}`);
  const conf = path.join(pgdata, 'postgresql.conf');
  writeFileSync(
    conf,
    `${readFileSync(conf, 'utf8')}\n# Seer: socket settings\ninclude_if_exists = 'seer.conf'\n`,
  );
}

/**
 * The running postmaster's pid, read from postmaster.pid and checked as pg_ctl status does
 * (the process exists), plus that it is a postgres process (a recycled pid is not). No process
 * is spawned: this runs on every start and at the end of every command.
 */
function postmasterPid(ctx: Ctx): number | undefined {
  let pid: number;
  try {
    pid = Number(readFileSync(path.join(ctx.layout.pgdata, 'postmaster.pid'), 'utf8').split('\n')[0]);
  } catch {
    return undefined;
  }
  if (!Number.isInteger(pid) || pid <= 0) return undefined;
  try {
    process.kill(pid, 0);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EPERM') return undefined;
  }
  try {
    if (!readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('postgres')) return undefined;
  } catch {
    return undefined;
  }
  return pid;
}

function isRunning(ctx: Ctx): boolean {
  return postmasterPid(ctx) !== undefined;
}

/** The postmaster's own status line in postmaster.pid: ready, starting, stopping or standby. */
function pmStatus(ctx: Ctx): string | undefined {
  try {
    return readFileSync(path.join(ctx.layout.pgdata, 'postmaster.pid'), 'utf8').split('\n')[7]?.trim();
  } catch {
    return undefined;
  }
}

/** Waits (bounded) for a server that was told to stop (by a process that did not wait) to go. */
function waitWhileStopping(ctx: Ctx): void {
  const deadline = Date.now() + 60_000;
  while (pmStatus(ctx) === 'stopping' && isRunning(ctx) && Date.now() < deadline) sleepSync(50);
}

function logTail(ctx: Ctx, lines = 8): string {
  try {
    return readFileSync(ctx.layout.logFile, 'utf8').trim().split('\n').slice(-lines).join('\n');
  } catch {
    return '';
  }
}

function startServer(ctx: Ctx): void {
  writeSettings(ctx);
  const deadline = Date.now() + 30_000;
  for (;;) {
    const r = runAs(ctx, 'pg_ctl', [
      'start',
      '-D',
      ctx.layout.pgdata,
      '-l',
      ctx.layout.logFile,
      '-w',
      '-t',
      '60',
      '-s',
    ]);
    if (r.status === 0) return;
    const tail = logTail(ctx);
    // After kill -9 of the postmaster its backends notice and exit within moments; until then
    // their shared memory is still attached and a new postmaster (rightly) refuses to start.
    if (
      /shared memory block is still in use|lock file .* already exists/i.test(tail) &&
      Date.now() < deadline
    ) {
      sleepSync(200);
      if (isRunning(ctx)) return;
      continue;
    }
    throw new LocalPostgresError(
      `the embedded PostgreSQL server did not start: ${(r.stderr || r.stdout).trim()}\n${tail}`,
    );
  }
}

/** Holds the server's lock, waiting (bounded) while another seerd process starts or stops it. */
function withServerLock<T>(ctx: Ctx, fn: () => T): T {
  ensureFolder(ctx, ctx.layout.root, 0o700);
  const deadline = Date.now() + 60_000;
  let lock: Lock | undefined;
  while (!lock) {
    try {
      lock = acquireLock(ctx.layout.lockFile, `the embedded PostgreSQL server in ${ctx.layout.root}`);
    } catch (err) {
      if (!(err instanceof LockedError) || Date.now() > deadline) throw err;
      sleepSync(50);
    }
  }
  try {
    return fn();
  } finally {
    lock.release();
  }
}

function clientFile(ctx: Ctx, pid = process.pid): string {
  return path.join(ctx.layout.clientsDir, String(pid));
}

/** Live seerd processes registered as users of the server, other than this one. */
function otherClients(ctx: Ctx): number[] {
  const live: number[] = [];
  let names: string[] = [];
  try {
    names = readdirSync(ctx.layout.clientsDir);
  } catch {
    return live;
  }
  for (const name of names) {
    if (name === String(process.pid)) continue;
    const file = path.join(ctx.layout.clientsDir, name);
    const h = readHolder(file);
    if (h && isAlive(h)) live.push(h.pid);
    else {
      // A crashed process (kill -9) cannot deregister; its record goes now.
      try {
        const age = Date.now() - statSync(file).mtimeMs;
        if (h || age > 2000) unlinkSync(file);
      } catch {
        // gone already
      }
    }
  }
  return live;
}

/**
 * Stops the server (fast: open sessions are cut, everything committed is kept). Without `wait`
 * the shutdown completes after we return, so a command that ends does not linger for it; a
 * process starting meanwhile sees the postmaster "stopping" and waits for it before starting.
 */
function stopServer(ctx: Ctx, { wait }: { wait: boolean }): boolean {
  const pid = postmasterPid(ctx);
  if (pid === undefined) return false;
  if (!wait) {
    // What `pg_ctl stop -m fast -W` does, without spawning it: SIGINT is PostgreSQL's fast
    // shutdown (sessions cut, everything committed kept).
    process.kill(pid, 'SIGINT');
    return true;
  }
  const r = runAs(ctx, 'pg_ctl', ['stop', '-D', ctx.layout.pgdata, '-m', 'fast', '-w', '-t', '60', '-s']);
  if (r.status !== 0 && isRunning(ctx)) {
    throw new LocalPostgresError(
      `could not stop the embedded PostgreSQL server: ${(r.stderr || r.stdout).trim()}`,
    );
  }
  return true;
}

export interface LocalPostgresHandle {
  url: string;
  /** True when this process started the server (false: it was running already). */
  started: boolean;
  /**
   * Deregisters this process; stops the server when no other seerd process uses it and
   * `seerd db start` did not ask to keep it. Idempotent; also runs at process exit.
   */
  release(): void;
}

/**
 * Makes sure the private server runs (initialising and starting it when needed) and registers
 * this process as one of its users. Synchronous: it runs once, at start-up.
 */
export function ensureLocalPostgres(opts: LocalPostgresOptions): LocalPostgresHandle {
  const ctx = context(opts);
  const { layout } = ctx;
  let started = false;
  withServerLock(ctx, () => {
    prepareFolders(ctx);
    if (!pgVersionOf(layout.pgdata)) initCluster(ctx);
    waitWhileStopping(ctx);
    if (!isRunning(ctx)) {
      const t0 = Date.now();
      startServer(ctx);
      started = true;
      ctx.log(
        `started the embedded PostgreSQL server (${Date.now() - t0} ms; socket in ${layout.socketDir})`,
      );
    }
    writeFileSync(clientFile(ctx), `${JSON.stringify(currentHolder())}\n`);
  });
  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    process.off('exit', release);
    withServerLock(ctx, () => {
      try {
        unlinkSync(clientFile(ctx));
      } catch {
        // already gone
      }
      if (existsSync(layout.keepFile) || otherClients(ctx).length > 0) return;
      stopServer(ctx, { wait: false });
    });
  };
  // process.exit() (start-up failures, a signal while starting) still leaves no server behind.
  process.on('exit', release);
  return { url: localPostgresUrl(opts.dataDir), started, release };
}

/**
 * Creates the `seer` database when it is missing (right after initdb, or when a process died
 * between initdb and this step). Two processes racing here are harmless.
 */
export async function createLocalDatabaseIfMissing(dataDir: string): Promise<void> {
  const client = new pg.Client({
    connectionString: localPostgresUrl(dataDir).replace(`/${DB_NAME}?`, '/postgres?'),
  });
  await client.connect();
  try {
    const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [DB_NAME]);
    if (exists.rowCount === 0) {
      await client.query(`CREATE DATABASE ${DB_NAME}`).catch((err: { code?: string }) => {
        if (err.code !== '42P04') throw err; // duplicate_database: another process was quicker
      });
    }
  } finally {
    await client.end();
  }
}

export const LOCAL_DB_NAME = DB_NAME;

export interface LocalPostgresStatus {
  root: string;
  initialised: boolean;
  running: boolean;
  keepRunning: boolean;
  clients: number[];
  version: string | undefined;
  bin: string;
  socketDir: string;
}

export function localPostgresStatus(opts: LocalPostgresOptions): LocalPostgresStatus {
  const ctx = context(opts);
  const initialised = pgVersionOf(ctx.layout.pgdata) !== undefined;
  // The last seerd process to end asks for a fast shutdown without waiting for it: a server in
  // that shutdown is going, not running; report it once it is gone (bounded).
  if (initialised) waitWhileStopping(ctx);
  return {
    root: ctx.layout.root,
    initialised,
    running: initialised && isRunning(ctx),
    keepRunning: existsSync(ctx.layout.keepFile),
    clients: initialised ? otherClients(ctx) : [],
    version: pgVersionOf(ctx.layout.pgdata),
    bin: ctx.bin,
    socketDir: ctx.layout.socketDir,
  };
}

/** `seerd db start`: start (initialising if needed) and keep running until `seerd db stop`. */
export function keepLocalPostgresRunning(opts: LocalPostgresOptions): LocalPostgresHandle {
  const handle = ensureLocalPostgres(opts);
  const ctx = context(opts);
  writeFileSync(ctx.layout.keepFile, `${JSON.stringify(currentHolder())}\n`);
  return handle;
}

/**
 * `seerd db stop`: stops the server. Refuses while other seerd processes use it unless forced
 * (their connections would be cut).
 */
export function stopLocalPostgres(
  opts: LocalPostgresOptions,
  { force = false }: { force?: boolean } = {},
): { stopped: boolean; clients: number[] } {
  const ctx = context(opts);
  if (!pgVersionOf(ctx.layout.pgdata)) return { stopped: false, clients: [] };
  return withServerLock(ctx, () => {
    const clients = otherClients(ctx);
    if (clients.length > 0 && !force) return { stopped: false, clients };
    rmSync(ctx.layout.keepFile, { force: true });
    return { stopped: stopServer(ctx, { wait: true }), clients };
  });
}
