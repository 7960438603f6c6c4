import { describe, expect, it } from 'vitest';
import { isLocalHost, pgConnectionOptions, redisTlsOptions } from './transport-security';

describe('transport security', () => {
  it('tells local hosts from the network', () => {
    for (const h of ['localhost', '127.0.0.1', '127.9.9.9', '::1', '[::1]', '/var/run/postgresql', ''])
      expect(isLocalHost(h), h).toBe(true);
    for (const h of ['db', '10.0.0.5', '128.0.0.1', 'localhost.evil.com', '::2', '0.0.0.0'])
      expect(isLocalHost(h), h).toBe(false);
  });

  it('turns sslmode into node-postgres TLS options the URL cannot override', () => {
    const full = pgConnectionOptions('postgres://u:p@db:5432/seer?sslmode=verify-full&application_name=x');
    expect(full.ssl).toEqual({ rejectUnauthorized: true });
    expect(full.connectionString).toBe('postgres://u:p@db:5432/seer?application_name=x');
    expect(pgConnectionOptions('postgres://db/seer').ssl).toBe(false);
    expect(pgConnectionOptions('postgres://db/seer?sslmode=disable').ssl).toBe(false);
    expect(pgConnectionOptions('postgres://db/seer?sslmode=require').ssl).toEqual({
      rejectUnauthorized: false,
    });
    expect(() => pgConnectionOptions('postgres://db/seer?sslmode=verify-ca')).toThrow(/needs a CA/);
    expect(() =>
      pgConnectionOptions('postgres://db/seer?sslmode=verify-full', '/nonexistent/ca.pem'),
    ).toThrow(/DATABASE_CA_FILE: cannot read the CA file \/nonexistent\/ca.pem: ENOENT/);
    const ca = pgConnectionOptions(`postgres://db/seer?sslmode=verify-ca&sslrootcert=${__filename}`);
    expect(ca.ssl).toMatchObject({ rejectUnauthorized: true, checkServerIdentity: expect.any(Function) });
    expect(ca.connectionString).toBe('postgres://db/seer');
  });

  it('gives ioredis a verifying TLS option for rediss:// only', () => {
    expect(redisTlsOptions('redis://:pw@cache:6379')).toEqual({});
    expect(redisTlsOptions('rediss://u:pw@cache:6380')).toEqual({ tls: { rejectUnauthorized: true } });
    expect(redisTlsOptions('rediss://cache', __filename).tls?.ca).toContain('gives ioredis');
  });
});
