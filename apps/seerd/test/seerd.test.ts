import { spawn } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const SEERD = path.resolve(__dirname, '../../../bin/seerd');
const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function run(args: string[], env: Record<string, string> = {}, input?: string) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    const p = spawn(SEERD, args, { env: { PATH: process.env.PATH ?? '', ...env } });
    let stdout = '';
    let stderr = '';
    p.stdout.on('data', (d) => {
      stdout += d;
    });
    p.stderr.on('data', (d) => {
      stderr += d;
    });
    if (input !== undefined) p.stdin.end(input);
    p.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('seerd', () => {
  it('prints help and rejects unknown commands', async () => {
    const help = await run(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/Commands:[\s\S]*migrate/);
    const bad = await run(['frobnicate']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/unknown command "frobnicate"/);
  });

  it('stops with a message naming a bad variable', async () => {
    const res = await run(['migrate'], { PORT: 'eighty', SEER_DATA_DIR: '/nonexistent' });
    expect(res.code).toBe(78);
    expect(res.stderr).toMatch(/PORT must be an integer/);
  });

  it('`seerd api` refuses to start without its artifact signing key when generation is off', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'seerd-keys-'));
    dirs.push(dataDir);
    mkdirSync(path.join(dataDir, 'keys'));
    const { privateKey } = generateKeyPairSync('ed25519');
    writeFileSync(
      path.join(dataDir, 'keys', 'jwt-test.pem'),
      privateKey.export({ format: 'pem', type: 'pkcs8' }),
    );
    const env = { SEER_DATA_DIR: dataDir, SEER_GENERATE_KEYS: 'false', LOG_LEVEL: 'warn' };
    expect((await run(['migrate'], env)).code).toBe(0);
    const res = await run(['api'], { ...env, PORT: '0' });
    expect(res.code).toBe(1);
    expect(res.stderr).toMatch(/no artifact signing key in .*artifact-signing-<kid>\.pem/);
    expect(res.stderr).not.toMatch(/\n\s+at /); // one line, no stack trace
  }, 90_000);

  it('a SIGTERM during start-up ends the process at once', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'seerd-early-'));
    dirs.push(dataDir);
    const p = spawn(SEERD, ['all'], {
      env: { PATH: process.env.PATH ?? '', SEER_DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'warn' },
    });
    let stderr = '';
    const exited = new Promise<number | null>((resolve) => p.on('close', resolve));
    // The first migration line means main.ts runs and start-up is under way.
    await new Promise<void>((resolve) => {
      p.stderr.on('data', (d) => {
        stderr += d;
        if (stderr.includes('applying')) resolve();
      });
    });
    p.kill('SIGTERM');
    expect(await exited).toBe(143);
    expect(stderr).toContain('SIGTERM received while starting, exiting');
  }, 90_000);

  it('`seerd all` serves on the embedded database and shuts down cleanly on SIGTERM', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'seerd-all-'));
    dirs.push(dataDir);
    const port = 20000 + Math.floor(Math.random() * 20000);
    const p = spawn(SEERD, ['all'], {
      env: {
        PATH: process.env.PATH ?? '',
        SEER_DATA_DIR: dataDir,
        PORT: String(port),
        HOST: '127.0.0.1',
        LOG_LEVEL: 'warn',
      },
    });
    let stderr = '';
    p.stderr.on('data', (d) => {
      stderr += d;
    });
    const exited = new Promise<number | null>((resolve) => p.on('close', resolve));
    let health: unknown;
    for (let i = 0; i < 120 && health === undefined; i++) {
      await new Promise((r) => setTimeout(r, 500));
      try {
        const res = await fetch(`http://127.0.0.1:${port}/readyz`);
        if (res.status === 200) health = await res.json();
      } catch {
        // not listening yet
      }
    }
    expect(health).toMatchObject({ status: 'ready' });
    p.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(stderr).toMatch(/SIGTERM received, shutting down/);
  }, 90_000);
});
