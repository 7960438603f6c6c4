import { describe, expect, it } from 'vitest';
import { AppError } from '../errors';
import { isImmutable, isPublic, nextStatus, transitionOrThrow } from './lifecycle';

describe('version lifecycle', () => {
  it('moves only draft -> deployed -> retired', () => {
    expect(nextStatus('draft', 'deploy')).toBe('deployed');
    expect(nextStatus('deployed', 'retire')).toBe('retired');
    expect(nextStatus('draft', 'retire')).toBeUndefined();
    expect(nextStatus('deployed', 'deploy')).toBeUndefined();
    expect(nextStatus('retired', 'deploy')).toBeUndefined();
    expect(nextStatus('retired', 'retire')).toBeUndefined();
  });

  it('throws invalid_status_transition (409) with the current state', () => {
    try {
      transitionOrThrow('retired', 'deploy', 'version 1.0.0');
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(AppError);
      expect((err as AppError).code).toBe('invalid_status_transition');
      expect((err as AppError).status).toBe(409);
      expect((err as AppError).detail).toMatch(/it is retired/);
    }
  });

  it('freezes and publishes everything but drafts', () => {
    expect([isImmutable('draft'), isImmutable('deployed'), isImmutable('retired')]).toEqual([
      false,
      true,
      true,
    ]);
    expect([isPublic('draft'), isPublic('deployed'), isPublic('retired')]).toEqual([false, true, true]);
  });
});
