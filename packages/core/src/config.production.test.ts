/**
 * Production defaults (issue 9, item 5): no generated keys, no plain-http public URL or CORS
 * origins unless explicitly allowed, loopback bind unless HOST says otherwise.
 */
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config';

const PROD = {
  NODE_ENV: 'production',
  DATABASE_URL: 'postgres://db/seer?sslmode=verify-full',
  PUBLIC_URL: 'https://seer.example.com',
  BILLING_MOCK_WEBHOOK_SECRET: 'a-secret-only-this-install-knows',
  SEER_MASTER_KEY_FILE: '/run/secrets/seer-master-key',
};

function problems(env: Record<string, string>): string[] {
  try {
    loadConfig(env, '/srv/seer');
    return [];
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as ConfigError).problems;
  }
}

describe('production defaults', () => {
  it('refuses to start without a master key, and rejects a malformed one without echoing it', () => {
    const { SEER_MASTER_KEY_FILE: _file, ...noKey } = PROD;
    expect(problems(noKey)).toEqual([
      expect.stringMatching(/^SEER_MASTER_KEY or SEER_MASTER_KEY_FILE is required when NODE_ENV=production/),
    ]);
    const key = Buffer.alloc(32, 7).toString('base64');
    expect(problems({ ...noKey, SEER_MASTER_KEY: key })).toEqual([]);
    expect(loadConfig({ ...noKey, SEER_MASTER_KEY: key }).masterKey).toBe(key);
    const bad = problems({ ...noKey, SEER_MASTER_KEY: 'c2hvcnQtc2VjcmV0' });
    expect(bad).toEqual([
      expect.stringMatching(/SEER_MASTER_KEY: master key #1 is not base64 of exactly 32 bytes/),
    ]);
    expect(bad.join()).not.toContain('c2hvcnQtc2VjcmV0');
    expect(loadConfig(PROD, '/srv/seer').masterKeyFile).toBe('/run/secrets/seer-master-key');
  });

  it('accepts a sound production configuration', () => {
    expect(problems(PROD)).toEqual([]);
  });

  it('needs no WEBHOOKS_SECRET_KEY (secrets are under the master key), but still reads the deprecated one', () => {
    expect(loadConfig(PROD, '/srv/seer').webhooksSecretKey).toBeUndefined();
    expect(loadConfig({ ...PROD, WEBHOOKS_SECRET_KEY: 'the-old-key' }, '/srv/seer').webhooksSecretKey).toBe(
      'the-old-key',
    );
  });

  it('refuses the mock payment provider with its public default webhook secret', () => {
    const { BILLING_MOCK_WEBHOOK_SECRET: _omit, ...noSecret } = PROD;
    expect(problems(noSecret).join('\n')).toMatch(/BILLING_MOCK_WEBHOOK_SECRET must be set/);
  });

  it('refuses SEER_GENERATE_KEYS=true', () => {
    expect(problems({ ...PROD, SEER_GENERATE_KEYS: 'true' }).join('\n')).toMatch(/SEER_GENERATE_KEYS/);
  });

  it('refuses a plain-http PUBLIC_URL (and the http default) unless ALLOW_PLAIN_HTTP=true', () => {
    expect(problems({ ...PROD, PUBLIC_URL: 'http://seer.example.com' }).join('\n')).toMatch(
      /PUBLIC_URL.*https/,
    );
    const { PUBLIC_URL: _omit, ...noUrl } = PROD;
    expect(problems(noUrl).join('\n')).toMatch(/PUBLIC_URL/);
    expect(problems({ ...PROD, PUBLIC_URL: 'http://seer.internal', ALLOW_PLAIN_HTTP: 'true' })).toEqual([]);
  });

  it('refuses plain-http CORS origins unless ALLOW_PLAIN_HTTP=true', () => {
    expect(problems({ ...PROD, CORS_ORIGINS: 'https://a.example, http://b.example' }).join('\n')).toMatch(
      /CORS_ORIGINS.*http:\/\/b\.example/,
    );
    expect(problems({ ...PROD, CORS_ORIGINS: 'http://b.example', ALLOW_PLAIN_HTTP: 'true' })).toEqual([]);
    // Outside production, local http origins stay fine.
    expect(loadConfig({ CORS_ORIGINS: 'http://localhost:5173' }).corsOrigins).toEqual([
      'http://localhost:5173',
    ]);
  });

  it('binds to loopback unless HOST is set', () => {
    expect(loadConfig({}).host).toBe('127.0.0.1');
    expect(loadConfig(PROD).host).toBe('127.0.0.1');
    expect(loadConfig({ ...PROD, HOST: '0.0.0.0' }).host).toBe('0.0.0.0');
  });

  it('takes a metrics token of at least 32 characters', () => {
    expect(loadConfig({}).metricsToken).toBeUndefined();
    expect(problems({ METRICS_TOKEN: 'short' }).join('\n')).toMatch(/METRICS_TOKEN/);
    expect(loadConfig({ METRICS_TOKEN: 'x'.repeat(32) }).metricsToken).toBe('x'.repeat(32));
  });
});
