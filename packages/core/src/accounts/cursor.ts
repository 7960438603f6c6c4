/** Opaque keyset cursors: base64url JSON that clients pass back unchanged. */
import { AppError } from '../errors';

export function encodeCursor(value: Record<string, unknown>): string {
  return Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');
}

/** Decodes and checks a cursor; a tampered or foreign cursor is a 400 on the `cursor` parameter. */
export function decodeCursor<T>(cursor: string, check: (v: Record<string, unknown>) => T | undefined): T {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    parsed = undefined;
  }
  const value =
    parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)
      ? check(parsed as Record<string, unknown>)
      : undefined;
  if (value === undefined) {
    throw new AppError('validation_failed', {
      detail: 'The cursor is not valid; pass back the nextCursor of a previous page.',
      errors: [{ field: 'querystring:/cursor', message: 'is not a valid cursor' }],
    });
  }
  return value;
}
