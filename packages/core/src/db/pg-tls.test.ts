/**
 * PostgreSQL over TLS against a real, throwaway Debian PostgreSQL 15 cluster with a certificate
 * made here: verify-full with the right CA works (queries and COPY), a wrong CA and a plain-text
 * connection to a hostssl-only server are refused.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, makeCa, makeServerCert } from '../testing/tls-fixtures';
import { openDb } from './db';

const BIN = '/usr/lib/postgresql/15/bin';
const root = process.getuid?.() === 0;

describe.skipIf(!existsSync(`${BIN}/initdb`))('PostgreSQL over TLS', () => {
  let dir = '';
  let data = '';
  let port = 0;
  let ca = '';
  let wrongCa = '';
  let started = false;

  // As root, PostgreSQL must run as the postgres OS user.
  const asPg = (cmd: string, args: string[]) =>
    root
      ? execFileSync('runuser', ['-u', 'postgres', '--', cmd, ...args], { stdio: 'pipe' })
      : execFileSync(cmd, args, { stdio: 'pipe' });

  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'seer-pgtls-'));
    data = path.join(dir, 'data');
    const c = makeCa(dir, 'ca');
    ca = c.certFile;
    wrongCa = makeCa(dir, 'other-ca').certFile;
    const server = makeServerCert(dir, c, 'server');
    if (root) {
      const { uid, gid } = pgIds();
      chownSync(dir, uid, gid);
      for (const f of [server.certFile, server.keyFile]) chownSync(f, uid, gid);
    }
    chmodSync(server.keyFile, 0o600);
    port = await freePort();
    asPg(`${BIN}/initdb`, ['-D', data, '-U', 'postgres', '--auth=trust', '--no-sync', '-E', 'UTF8']);
    writeFileSync(
      path.join(data, 'postgresql.auto.conf'),
      [
        'ssl = on',
        `ssl_cert_file = '${server.certFile}'`,
        `ssl_key_file = '${server.keyFile}'`,
        `port = ${port}`,
        "listen_addresses = '127.0.0.1'",
        `unix_socket_directories = '${dir}'`,
        'fsync = off',
        'shared_buffers = 16MB',
      ].join('\n'),
    );
    // TCP only over TLS; no plain-text host line at all.
    writeFileSync(
      path.join(data, 'pg_hba.conf'),
      'local all all trust\nhostssl all all 127.0.0.1/32 trust\n',
    );
    asPg(`${BIN}/pg_ctl`, ['-D', data, '-l', path.join(dir, 'log'), '-w', '-t', '30', 'start']);
    started = true;
  }, 60_000);

  afterAll(() => {
    if (started) asPg(`${BIN}/pg_ctl`, ['-D', data, '-m', 'immediate', '-w', 'stop']);
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const url = (host: string, query: string) => `postgres://postgres@${host}:${port}/postgres?${query}`;

  it('verify-full with the right CA connects encrypted, for queries and COPY', async () => {
    for (const [databaseUrl, caFile] of [
      [url('localhost', 'sslmode=verify-full'), ca],
      [url('127.0.0.1', 'sslmode=verify-full'), ca],
      [url('localhost', `sslmode=verify-full&sslrootcert=${ca}`), undefined],
    ] as const) {
      const db = await openDb({ databaseUrl, caFile, poolMax: 2 });
      try {
        const { rows } = await db.query<{ ssl: boolean; version: string }>(
          'SELECT ssl, version FROM pg_stat_ssl WHERE pid = pg_backend_pid()',
        );
        expect(rows[0]?.ssl).toBe(true);
        expect(rows[0]?.version).toMatch(/^TLSv1\.[23]$/);
        const n = await db.withSession(async (s) => {
          await s.exec('CREATE TEMP TABLE t (a int, b text)');
          await s.copyFrom?.('COPY t (a, b) FROM STDIN (FORMAT csv)', ['1,one\n', '2,two\n', '3,three\n']);
          return (await s.query<{ n: number }>('SELECT count(*)::int AS n FROM t')).rows[0]?.n;
        });
        expect(n).toBe(3);
      } finally {
        await db.close();
      }
    }
  });

  it('refuses a server whose certificate another CA signed', async () => {
    const db = await openDb({
      databaseUrl: url('localhost', 'sslmode=verify-full'),
      caFile: wrongCa,
      poolMax: 1,
    });
    try {
      await expect(db.ping()).rejects.toThrow(
        /self[- ]signed certificate|unable to verify|unable to get local issuer/,
      );
    } finally {
      await db.close();
    }
    // verify-ca checks the chain too.
    const db2 = await openDb({
      databaseUrl: url('127.0.0.1', 'sslmode=verify-ca'),
      caFile: wrongCa,
      poolMax: 1,
    });
    try {
      await expect(db2.ping()).rejects.toThrow(/certificate|unable to/);
    } finally {
      await db2.close();
    }
  });

  it('is refused in plain text by a hostssl-only server', async () => {
    const db = await openDb({ databaseUrl: url('127.0.0.1', 'sslmode=disable'), poolMax: 1 });
    try {
      await expect(db.ping()).rejects.toThrow(/no pg_hba\.conf entry .* no encryption/);
    } finally {
      await db.close();
    }
  });
});

function pgIds(): { uid: number; gid: number } {
  const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres']).toString().trim());
  return { uid: id('-u'), gid: id('-g') };
}
