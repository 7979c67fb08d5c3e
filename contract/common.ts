// Wire shapes shared by every endpoint: the error body and list pages. No Node, no DOM.
import { z } from 'zod';

export const errorBodySchema = z
  .object({
    error: z.object({
      code: z.string().meta({ example: 'invalid_input' }),
      message: z.string(),
      details: z.unknown().optional(),
    }),
  })
  .meta({ id: 'Error' });
export type ErrorBody = z.infer<typeof errorBodySchema>;

export const idSchema = z.uuid();
export const roleSchema = z.enum(['admin', 'manager', 'agent']);
export type Role = z.infer<typeof roleSchema>;

export const limitSchema = z.coerce.number().int().min(1).max(200).default(50);
export const cursorSchema = z.string().min(1).max(500);

/** A page of a keyset-paginated list: `nextCursor` is null on the last page. */
export function pageSchema<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), nextCursor: z.string().nullable() });
}

export const isoDateTimeSchema = z.iso.datetime({ offset: true });
