import { createTestDb, type TestDb } from '@seer/core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runSeerdInProcess } from './run-in-process';

// The command is a thin shell over the accounts service (tested on both drivers); one driver suffices.
describe('seerd users create', () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb('pg');
  }, 60_000);
  afterAll(async () => {
    await t?.cleanup();
  });

  async function seerd(args: string[], stdin = '') {
    return runSeerdInProcess(
      args,
      {
        NODE_ENV: 'test',
        DATABASE_URL: t.url as string,
        ARGON2_MEMORY_KIB: '256',
        ARGON2_TIME_COST: '1',
      },
      stdin,
    );
  }

  it('creates an admin from a piped password and prints its id', async () => {
    const res = await seerd(
      ['users', 'create', '--email', ' Root@Example.com ', '--roles', 'admin,developer', '--password-stdin'],
      'a long operator password\n',
    );
    expect(res.stderr).toContain('created root@example.com');
    expect(res.code).toBe(0);
    const id = res.stdout.trim();
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    const row = await t.db.query<{ email: string; roles: string[]; password_hash: string }>(
      'SELECT email, roles, password_hash FROM users WHERE id = $1',
      [id],
    );
    expect(row.rows[0]).toMatchObject({ email: 'root@example.com', roles: ['developer', 'admin'] });
    expect(row.rows[0]?.password_hash).toMatch(/^\$argon2id\$/);
    const { verify } = await import('@node-rs/argon2');
    // Only the one trailing newline was stripped.
    expect(await verify(row.rows[0]?.password_hash as string, 'a long operator password')).toBe(true);
    const audit = await t.db.query<{ event: string; user_agent: string }>(
      'SELECT event, user_agent FROM audit_log WHERE subject_user_id = $1',
      [id],
    );
    expect(audit.rows).toEqual([{ event: 'user.created', user_agent: 'seerd users create' }]);
  });

  it('applies the password policy and refuses duplicates, exiting 1', async () => {
    const weak = await seerd(
      ['users', 'create', '--email', 'weak@example.com', '--roles', 'admin', '--password-stdin'],
      'short\n',
    );
    expect(weak.code).toBe(1);
    expect(weak.stderr).toContain('weak_password');
    expect(weak.stderr).toContain('password: must be at least 12 characters');
    expect(weak.stdout).toBe('');
    const args = [
      'users',
      'create',
      '--email',
      'twice@example.com',
      '--roles',
      'subscriber',
      '--password-stdin',
    ];
    expect((await seerd(args, 'a long enough password')).code).toBe(0);
    const dup = await seerd(args, 'a long enough password');
    expect(dup.code).toBe(1);
    expect(dup.stderr).toContain('email_taken');
  });

  it('usage errors exit 2 without touching the database', async () => {
    const noStdinFlag = await seerd(
      ['users', 'create', '--email', 'x@example.com', '--roles', 'admin'],
      'a long enough password',
    );
    expect(noStdinFlag.code).toBe(2);
    expect(noStdinFlag.stderr).toContain('--password-stdin is required');
    const badRole = await seerd(
      ['users', 'create', '--email', 'x@example.com', '--roles', 'root', '--password-stdin'],
      'pw pw pw pw pw',
    );
    expect(badRole.code).toBe(2);
    expect(badRole.stderr).toContain('unknown: root');
    const noEmail = await seerd(
      ['users', 'create', '--roles', 'admin', '--password-stdin'],
      'pw pw pw pw pw',
    );
    expect(noEmail.code).toBe(2);
    const empty = await seerd(
      ['users', 'create', '--email', 'x@example.com', '--roles', 'admin', '--password-stdin'],
      '',
    );
    expect(empty.code).toBe(2);
    const argvPassword = await seerd([
      'users',
      'create',
      '--email',
      'x@example.com',
      '--roles',
      'admin',
      '--password',
      'secret',
    ]);
    expect(argvPassword.code).toBe(2);
    const n = await t.db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM users WHERE email = 'x@example.com'",
    );
    expect(n.rows[0]?.n).toBe(0);
  });
});
