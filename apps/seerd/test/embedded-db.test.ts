/**
 * The embedded default database with several processes: an admin command run beside a running
 * server keeps its write (the private PostgreSQL server is shared), and PGlite, where still used
 * on a folder, refuses a second process at once, naming the holder, and reopens quickly after
 * kill -9.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { login, runSeerd, startServer } from './seerd-process';

const dirs: string[] = [];
function dataDir(name: string): string {
  // mkdtemp makes a 0700 folder, as a new user's would be: the server's user must still get in.
  const d = mkdtempSync(path.join(tmpdir(), `seerd-${name}-`));
  dirs.push(d);
  return d;
}
afterAll(async () => {
  for (const d of dirs) {
    await runSeerd(['db', 'stop', '--force'], { SEER_DATA_DIR: d });
    rmSync(d, { recursive: true, force: true });
  }
});

const PASSWORD = 'a-long-admin-password-1';

describe('embedded database, several processes', () => {
  it('an admin created by `seerd users create` beside a running `seerd all` can log in, also after a restart', async () => {
    const env = { SEER_DATA_DIR: dataDir('admin') };
    const server = await startServer(['all'], env);
    try {
      const created = await runSeerd(
        ['users', 'create', '--email', 'root@example.test', '--roles', 'admin', '--password-stdin'],
        env,
        { input: `${PASSWORD}\n` },
      );
      expect(created.stderr).toContain('created root@example.test');
      expect(created.code).toBe(0);
      // The running server sees the write at once: same database server, not a second copy.
      expect(await login(server.url, 'root@example.test', PASSWORD)).toBe(200);
      const status = await runSeerd(['db', 'status'], env);
      expect(JSON.parse(status.stdout)).toMatchObject({ running: true, clients: [server.proc.pid] });
    } finally {
      server.proc.kill('SIGTERM');
    }
    expect(await server.exited).toBe(0);
    // The last seerd process to end stopped the server.
    const after = await runSeerd(['db', 'status'], env);
    expect(after.code).toBe(3);
    expect(JSON.parse(after.stdout)).toMatchObject({ running: false, initialised: true });

    const again = await startServer(['all'], env);
    try {
      expect(await login(again.url, 'root@example.test', PASSWORD)).toBe(200);
      expect(await login(again.url, 'root@example.test', 'not-the-password')).toBe(401);
    } finally {
      again.proc.kill('SIGTERM');
    }
    expect(await again.exited).toBe(0);
  }, 600_000);

  it('`seerd db start` keeps the server up for other tools until `seerd db stop`', async () => {
    const env = { SEER_DATA_DIR: dataDir('keep') };
    const start = await runSeerd(['db', 'start'], env);
    expect(start.code).toBe(0);
    expect(start.stdout).toMatch(/^postgresql:\/\/seer@localhost:5432\/seer\?host=/);
    expect((await runSeerd(['migrate'], env)).code).toBe(0);
    expect((await runSeerd(['db', 'status'], env)).code).toBe(0); // still running after migrate
    const stop = await runSeerd(['db', 'stop'], env);
    expect(stop.stdout).toBe('stopped\n');
    expect((await runSeerd(['db', 'status'], env)).code).toBe(3);
  }, 300_000);

  it('PGlite on a folder: a second process fails at once naming the holder; after kill -9 the next open is quick', async () => {
    const env = { SEER_DATA_DIR: dataDir('pglite'), SEER_EMBEDDED_DB: 'pglite' };
    // `seerd api` does not migrate. A fresh PGlite runs initdb in WebAssembly: slow on a busy machine.
    expect((await runSeerd(['migrate'], env, { timeoutMs: 300_000 })).code).toBe(0);
    const api = await startServer(['api'], env);
    const second = await runSeerd(
      ['users', 'create', '--email', 'x@example.test', '--roles', 'admin', '--password-stdin'],
      env,
      { input: PASSWORD },
    );
    expect(second.code).toBe(1);
    expect(second.stderr).toMatch(
      new RegExp(
        `the embedded database .*pglite is in use by process ${api.proc.pid} \\(node .*main\\.mjs api\\)`,
      ),
    );
    expect(second.ms).toBeLessThan(30_000);

    api.proc.kill('SIGKILL');
    await api.exited;
    // Before the fix this printed "up to date" and never exited (PostgreSQL's timers in PGlite).
    const migrate = await runSeerd(['migrate'], env, { timeoutMs: 60_000 });
    expect(migrate.code).toBe(0);
    expect(migrate.stdout).toContain('is up to date');
    expect(migrate.lingerMs).toBeLessThan(1000);
  }, 600_000);
});
