/**
 * `seerd demo` (issue 9, item 5): binds to loopback unless HOST says otherwise, and its account
 * passwords are not strings in the source: generated at every start, or SEER_DEMO_PASSWORD.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { demoAccounts, loadDemoConfig } from './demo';

const source = readFileSync(new URL('./demo.ts', import.meta.url), 'utf8');

describe('seerd demo defaults', () => {
  it('binds 127.0.0.1 unless HOST is given', () => {
    const opts = { dataDir: '/tmp/seer-demo-x', start: '2000-01-03T00:00:00Z', msPerHour: '100' };
    expect(loadDemoConfig({}, opts).host).toBe('127.0.0.1');
    expect(loadDemoConfig({ HOST: '0.0.0.0' }, opts).host).toBe('0.0.0.0');
  });

  it('generates fresh passwords at every start, none of them in the source', () => {
    const a = demoAccounts(undefined);
    const b = demoAccounts(undefined);
    for (const role of ['developer', 'subscriber', 'admin'] as const) {
      expect(a[role].password.length).toBeGreaterThanOrEqual(16);
      expect(a[role].password).not.toBe(b[role].password);
      expect(source).not.toContain(a[role].password);
    }
    expect(new Set([a.developer.password, a.subscriber.password, a.admin.password]).size).toBe(3);
  });

  it('takes the password from SEER_DEMO_PASSWORD when set', () => {
    const a = demoAccounts('a demo password from the env');
    expect(a.admin.password).toBe('a demo password from the env');
  });
});
