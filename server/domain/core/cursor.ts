// Opaque keyset cursors: the position of the last item of a page, base64url-encoded JSON.
import { z } from 'zod';
import { KeptError } from './errors.ts';

export function encodeCursor(position: unknown): string {
  return Buffer.from(JSON.stringify(position)).toString('base64url');
}

export function decodeCursor<T>(cursor: string, schema: z.ZodType<T>): T {
  try {
    return schema.parse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
  } catch {
    throw new KeptError('invalid_input', 'The cursor is not one this endpoint gave out', {
      problems: [{ path: ['cursor'], message: 'unknown cursor; pass nextCursor from the previous page' }],
    });
  }
}
