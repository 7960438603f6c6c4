import { describe, expect, it } from 'vitest';
import { isPlausibleEmail, normalizeEmail, passwordProblems } from './credentials';
import { normalizeRoles, SCOPES, scopesForRoles } from './roles';

describe('normalizeEmail', () => {
  it('trims and lowercases', () => {
    expect(normalizeEmail('  Alice.Smith@Example.COM \n')).toBe('alice.smith@example.com');
  });
  it('accepts plausible and rejects impossible addresses', () => {
    expect(isPlausibleEmail('a@b.co')).toBe(true);
    expect(isPlausibleEmail('no-at-sign.example.com')).toBe(false);
    expect(isPlausibleEmail('a b@c.de')).toBe(false);
    expect(isPlausibleEmail('a@nodot')).toBe(false);
    expect(isPlausibleEmail(`${'x'.repeat(65)}@example.com`)).toBe(false);
  });
});

describe('passwordProblems', () => {
  const email = 'trader.joe@example.com';
  it('accepts a reasonable password', () => {
    expect(passwordProblems('correct horse battery', email)).toEqual([]);
  });
  it('enforces the length bounds, counting code points', () => {
    expect(passwordProblems('short-pass1', email)[0]?.message).toMatch(/at least 12/);
    expect(passwordProblems('x1'.repeat(129), email)[0]?.message).toMatch(/at most 256/);
    expect(passwordProblems(`${'y'.repeat(11)}z`, email)).toEqual([]);
    // 11 emoji are 22 UTF-16 units but 11 characters.
    expect(passwordProblems('😀🙂😀🙂😀🙂😀🙂😀🙂😀', email)[0]?.message).toMatch(/at least 12/);
  });
  it('rejects one repeated character', () => {
    expect(passwordProblems('aaaaaaaaaaaaaaaa', email).map((p) => p.message)).toContain(
      'must not be one character repeated',
    );
  });
  it('rejects the email or its local part, case-insensitively', () => {
    expect(passwordProblems('my TRADER.JOE@example.com!', email)[0]?.message).toMatch(/email address/);
    expect(passwordProblems('xxTrader.Joe2026!!', email)[0]?.message).toMatch(/name part/);
    // Very short local parts are not held against the user.
    expect(passwordProblems('a long enough password', 'al@example.com')).toEqual([]);
  });
  it('reports every problem on the /password field', () => {
    const problems = passwordProblems('aaa', 'aaa@x.io');
    expect(problems.length).toBeGreaterThanOrEqual(2);
    expect(new Set(problems.map((p) => p.field))).toEqual(new Set(['/password']));
  });
});

describe('roles and scopes', () => {
  it('maps roles to scopes', () => {
    expect(scopesForRoles(['subscriber'])).not.toContain('models:write');
    expect(scopesForRoles(['developer'])).toContain('models:write');
    expect(scopesForRoles(['admin'])).toEqual([...SCOPES]);
    expect(scopesForRoles([])).toEqual([]);
  });
  it('normalizes roles to canonical order without duplicates or unknowns', () => {
    expect(normalizeRoles(['subscriber', 'root', 'developer', 'subscriber'])).toEqual([
      'developer',
      'subscriber',
    ]);
  });
});
