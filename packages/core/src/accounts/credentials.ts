/**
 * Pure rules about credentials: email normalization and the password policy. No I/O.
 */
import type { FieldError } from '../errors';

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 256;

/** Emails are compared and stored trimmed and lowercased, so Alice@X.com and alice@x.com are one account. */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

// Deliberately loose: the only real proof of an address is a delivered email; this only rejects
// values that cannot be one.
const EMAIL = /^[^\s@]{1,64}@[^\s@]+\.[^\s@]+$/;

export function isPlausibleEmail(normalized: string): boolean {
  return normalized.length <= 254 && EMAIL.test(normalized);
}

/**
 * Returns the reasons the password is unacceptable (empty when it is fine). Length is counted in
 * code points so a password of emoji is measured the way a person counts it.
 */
export function passwordProblems(password: string, email: string): FieldError[] {
  const problems: FieldError[] = [];
  const add = (message: string) => problems.push({ field: '/password', message });
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH) add(`must be at least ${PASSWORD_MIN_LENGTH} characters`);
  if (length > PASSWORD_MAX_LENGTH) add(`must be at most ${PASSWORD_MAX_LENGTH} characters`);
  if (length > 0 && new Set(password).size === 1) add('must not be one character repeated');
  const lower = password.toLowerCase();
  const normalized = normalizeEmail(email);
  const local = normalized.split('@')[0] ?? '';
  // A local part of one or two letters would forbid half the dictionary; only longer ones count.
  if (normalized.length > 0 && lower.includes(normalized)) add('must not contain your email address');
  else if (local.length >= 3 && lower.includes(local)) add('must not contain the name part of your email');
  return problems;
}
