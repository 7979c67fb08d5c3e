// Exports: every list as a CSV or JSON Lines download, with the list's own filters.
import { z } from 'zod';

/** The lists that can be exported; each is `GET /api/v1/exports/{kind}` and `kept export KIND`. */
export const exportKinds = [
  'customers',
  'events',
  'answers',
  'cases',
  'complaints',
  'commitments',
  'messages',
  'tasks',
  'kudos',
  'hand-offs',
  'rules',
  'improvements',
] as const;
export type ExportKindName = (typeof exportKinds)[number];

export const exportFormatSchema = z.enum(['csv', 'jsonl']);
export type ExportFormat = z.infer<typeof exportFormatSchema>;

/** CSV cell separators: comma (RFC 4180, what `kept import` reads), semicolon (Excel in locales with a decimal comma), tab. */
export const exportSeparators = { comma: ',', semicolon: ';', tab: '\t' } as const;

/** How the file is written; added to the list's own filters. */
export const exportOptionsSchema = z.strictObject({
  format: exportFormatSchema.default('csv').describe('csv (a header row, one row per item) or jsonl (one JSON object per line)'),
  excel: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true')
    .describe('CSV for Excel: a UTF-8 byte order mark and CRLF line ends, so accents and line breaks open right'),
  separator: z
    .enum(['comma', 'semicolon', 'tab'])
    .default('comma')
    .describe('the CSV cell separator; semicolon for Excel set to a language that writes decimals with a comma'),
});
export type ExportOptions = z.infer<typeof exportOptionsSchema>;
export const exportOptionKeys = Object.keys(exportOptionsSchema.shape) as (keyof ExportOptions)[];
