import { describe, expect, it } from 'vitest';
import { securityHeaders } from './security-headers';

describe('securityHeaders', () => {
  it("is helmet's header set with our CSP, computed once", () => {
    const h = securityHeaders({
      contentSecurityPolicy: { directives: { defaultSrc: ["'self'"], frameAncestors: ["'none'"] } },
      hsts: false,
    });
    expect(h['content-security-policy']).toContain("default-src 'self'");
    expect(h['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(h['x-content-type-options']).toBe('nosniff');
    expect(h['x-frame-options']).toBe('SAMEORIGIN');
    expect(h['referrer-policy']).toBe('no-referrer');
    expect(h['cross-origin-opener-policy']).toBe('same-origin');
    expect(h['strict-transport-security']).toBeUndefined();
    expect(Object.isFrozen(h)).toBe(true);
  });

  it('sends HSTS only when asked', () => {
    const h = securityHeaders({ hsts: { maxAge: 31536000, includeSubDomains: true } });
    expect(h['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
  });

  it('refuses a bad CSP at start-up, not per request', () => {
    expect(() =>
      securityHeaders({ contentSecurityPolicy: { directives: { defaultSrc: ["'self'; script-src *"] } } }),
    ).toThrow();
  });
});
