import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, VARIABLES } from './config';

function problems(env: Record<string, string>): string[] {
  try {
    loadConfig(env, '/srv/seer');
    return [];
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as ConfigError).problems;
  }
}

describe('loadConfig', () => {
  it('gives the embedded defaults on an empty environment', () => {
    const c = loadConfig({}, '/srv/seer');
    expect(c.port).toBe(8080);
    expect(c.databaseUrl).toBeUndefined();
    expect(c.dataDir).toBe('/srv/seer/data');
    expect(c.artifactDir).toBe('/srv/seer/data/artifacts');
    expect(c.accessTokenTtlSeconds).toBe(900);
    expect(c.publicUrl).toBe('http://localhost:8080');
    expect(c.generateKeys).toBe(true);
    expect(Object.isFrozen(c)).toBe(true);
  });

  it('names every bad variable at once', () => {
    const p = problems({ PORT: '80a', DATABASE_URL: 'mysql://x', LOG_LEVEL: 'loud', TRUST_PROXY: 'maybe' });
    expect(p.join('\n')).toMatch(/PORT must be an integer/);
    expect(p.join('\n')).toMatch(/DATABASE_URL must use postgres:/);
    expect(p.join('\n')).toMatch(/LOG_LEVEL must be one of/);
    expect(p.join('\n')).toMatch(/TRUST_PROXY entry "maybe" must be an IP address or CIDR/);
    expect(p).toHaveLength(4);
  });

  it('rejects out-of-range numbers and never echoes URLs that may hold passwords', () => {
    expect(problems({ PORT: '70000' })).toEqual(['PORT must be between 0 and 65535, got 70000']);
    const p = problems({ DATABASE_URL: 'postgres://user:s3cret@[bad' });
    expect(p).toEqual(['DATABASE_URL is not a valid URL']);
    expect(p.join()).not.toContain('s3cret');
  });

  it('refuses unsafe production settings', () => {
    const p = problems({ NODE_ENV: 'production', SEER_DEMO: 'true' });
    expect(p.some((x) => x.startsWith('SEER_DEMO cannot be enabled'))).toBe(true);
    expect(p.some((x) => x.startsWith('DATABASE_URL is required'))).toBe(true);
    const prod = loadConfig({
      NODE_ENV: 'production',
      DATABASE_URL: 'postgres://db/seer?sslmode=verify-full',
      PUBLIC_URL: 'https://seer.example.com',
      BILLING_MOCK_WEBHOOK_SECRET: 'a-secret-only-this-install-knows',
      SEER_MASTER_KEY_FILE: '/run/secrets/seer-master-key',
    });
    expect(prod.generateKeys).toBe(false);
    expect(prod.demo).toBe(false);
  });

  it('refuses plain-text PostgreSQL and Redis to a non-local host in production unless allowed by name', () => {
    const prod = {
      NODE_ENV: 'production',
      PUBLIC_URL: 'https://seer.example.com',
      BILLING_MOCK_WEBHOOK_SECRET: 'a-secret-only-this-install-knows',
      SEER_MASTER_KEY_FILE: '/run/secrets/seer-master-key',
    };
    const p = problems({
      ...prod,
      DATABASE_URL: 'postgres://u:s3cret@db.internal/seer',
      REDIS_URL: 'redis://:pw@cache:6379',
    });
    expect(p.join('\n')).toMatch(
      /DATABASE_URL connects to a non-local host without TLS.*DATABASE_ALLOW_PLAINTEXT=true/,
    );
    expect(p.join('\n')).toMatch(
      /REDIS_URL connects to a non-local host without TLS.*REDIS_ALLOW_PLAINTEXT=true/,
    );
    expect(p.join()).not.toContain('s3cret');
    expect(
      problems({
        ...prod,
        DATABASE_URL: 'postgres://db/seer',
        MODEL_READER_DATABASE_URL: 'postgres://r@db/seer?sslmode=require',
      }),
    ).toEqual([expect.stringMatching(/^DATABASE_URL connects/)]);
    // TLS, local hosts and sockets, and the named opt-outs are accepted.
    for (const env of <Record<string, string>[]>[
      { DATABASE_URL: 'postgres://db/seer?sslmode=verify-full', REDIS_URL: 'rediss://u:p@cache:6380' },
      { DATABASE_URL: 'postgres://127.0.0.2/seer', REDIS_URL: 'redis://localhost:6379' },
      { DATABASE_URL: 'postgres://[::1]/seer', REDIS_URL: 'redis://127.0.0.1' },
      { DATABASE_URL: 'postgres:///seer?host=/var/run/postgresql' },
      {
        DATABASE_URL: 'postgres://db/seer',
        DATABASE_ALLOW_PLAINTEXT: 'true',
        REDIS_URL: 'redis://cache',
        REDIS_ALLOW_PLAINTEXT: 'true',
      },
    ])
      expect(problems({ ...prod, ...env })).toEqual([]);
    // Outside production plain text is fine; a mode that may fall back to plain text never is.
    expect(problems({ DATABASE_URL: 'postgres://db/seer' })).toEqual([]);
    expect(problems({ DATABASE_URL: 'postgres://db/seer?sslmode=prefer' })[0]).toMatch(
      /sslmode=prefer is not supported/,
    );
    const c = loadConfig({
      DATABASE_CA_FILE: '/etc/seer/pg-ca.pem',
      REDIS_CA_FILE: '/etc/seer/redis-ca.pem',
    });
    expect([c.databaseCaFile, c.redisCaFile, c.databaseAllowPlaintext, c.redisAllowPlaintext]).toEqual([
      '/etc/seer/pg-ca.pem',
      '/etc/seer/redis-ca.pem',
      false,
      false,
    ]);
  });

  it('reads the sandbox pre-import list and rejects what is not a module name', () => {
    expect(loadConfig({ SANDBOX_PREIMPORT: 'scipy.stats, sklearn' }).sandboxPreimport).toEqual([
      'scipy.stats',
      'sklearn',
    ]);
    expect(loadConfig({ SANDBOX_PREIMPORT: '' }).sandboxPreimport).toEqual([]);
    expect(problems({ SANDBOX_PREIMPORT: 'os;rm -rf /' })[0]).toMatch(/not a Python module name/);
  });

  it('reads the sandbox uid range and the no-cgroups opt-out', () => {
    const d = loadConfig({});
    expect(d.sandboxUidRange).toEqual({ first: 2_000_000_000, count: 4096 });
    expect(d.sandboxAllowNoCgroups).toBe(false);
    const c = loadConfig({ SANDBOX_UID_RANGE: '300000-300009', SANDBOX_ALLOW_NO_CGROUPS: 'true' });
    expect(c.sandboxUidRange).toEqual({ first: 300000, count: 10 });
    expect(c.sandboxAllowNoCgroups).toBe(true);
    expect(() => loadConfig({ SANDBOX_UID_RANGE: '10-5' })).toThrow(/SANDBOX_UID_RANGE/);
    expect(() => loadConfig({ SANDBOX_UID_RANGE: 'nobody' })).toThrow(/SANDBOX_UID_RANGE/);
    expect(() => loadConfig({ SANDBOX_UID_RANGE: '300000-300001', WORKER_CONCURRENCY: '4' })).toThrow(
      /at least WORKER_CONCURRENCY \+ 1 = 5/,
    );
  });

  it('reads a secret from <NAME>_FILE (Docker and Kubernetes secrets), and names an unreadable one', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'seer-config-'));
    try {
      writeFileSync(path.join(dir, 'database_url'), 'postgres://app:s3cret@db/seer?sslmode=verify-full\n');
      writeFileSync(path.join(dir, 'redis_url'), 'rediss://redis:6380\n');
      writeFileSync(path.join(dir, 'webhooks'), 'a-webhook-sealing-key\n');
      const c = loadConfig({
        DATABASE_URL_FILE: path.join(dir, 'database_url'),
        REDIS_URL_FILE: path.join(dir, 'redis_url'),
        WEBHOOKS_SECRET_KEY_FILE: path.join(dir, 'webhooks'),
      });
      expect(c.databaseUrl).toBe('postgres://app:s3cret@db/seer?sslmode=verify-full');
      expect(c.redisUrl).toBe('rediss://redis:6380');
      expect(c.webhooksSecretKey).toBe('a-webhook-sealing-key');
      // The variable itself wins over its file.
      expect(
        loadConfig({
          DATABASE_URL: 'postgres://direct/seer',
          DATABASE_URL_FILE: path.join(dir, 'database_url'),
        }).databaseUrl,
      ).toBe('postgres://direct/seer');
      const p = problems({ DATABASE_URL_FILE: path.join(dir, 'missing') });
      expect(p).toEqual([expect.stringMatching(/^DATABASE_URL_FILE cannot be read \(.*missing\): ENOENT$/)]);
      writeFileSync(path.join(dir, 'empty'), '\n');
      expect(problems({ METRICS_TOKEN_FILE: path.join(dir, 'empty') })).toEqual([
        expect.stringMatching(/^METRICS_TOKEN_FILE names an empty file/),
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('requires explicit CORS origins', () => {
    expect(problems({ CORS_ORIGINS: '*' })[0]).toMatch(/"\*" is not allowed/);
    expect(problems({ CORS_ORIGINS: 'https://a.example, ftp://b' })[0]).toMatch(/ftp:\/\/b/);
    expect(loadConfig({ CORS_ORIGINS: 'https://a.example, http://localhost:5173' }).corsOrigins).toEqual([
      'https://a.example',
      'http://localhost:5173',
    ]);
  });

  it('docs/CONFIGURATION.md lists every variable', () => {
    const doc = readFileSync(path.resolve(__dirname, '../../../docs/CONFIGURATION.md'), 'utf8');
    const missing = VARIABLES.filter((v) => !doc.includes(`\`${v.name}\``)).map((v) => v.name);
    expect(missing).toEqual([]);
  });
});
