import { describe, expect, it } from 'vitest';
import { isUnavailableError } from './unavailable';

describe('isUnavailableError', () => {
  it('recognises a database or Redis that is down, restarting or unreachable', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
    expect(isUnavailableError(refused)).toBe(true);
    expect(isUnavailableError(new AggregateError([refused], ''))).toBe(true);
    expect(isUnavailableError(new Error('Connection terminated unexpectedly'))).toBe(true);
    expect(
      isUnavailableError(
        Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' }),
      ),
    ).toBe(true);
    expect(
      isUnavailableError(Object.assign(new Error('the database system is starting up'), { code: '57P03' })),
    ).toBe(true);
    expect(isUnavailableError(new Error('wrapped', { cause: new Error('Connection is closed.') }))).toBe(
      true,
    );
  });
  it('leaves bugs and data errors alone: they stay 500s', () => {
    expect(isUnavailableError(new TypeError('x is undefined'))).toBe(false);
    expect(isUnavailableError(Object.assign(new Error('duplicate key'), { code: '23505' }))).toBe(false);
    expect(isUnavailableError(Object.assign(new Error('syntax error'), { code: '42601' }))).toBe(false);
    expect(isUnavailableError(undefined)).toBe(false);
    expect(isUnavailableError('Connection terminated')).toBe(false);
  });
});
