// The export's own rules, on a list of generated rows: pages are read one after the other by
// cursor, a reader who stops reading stops the queries, and cells round-trip through the
// formula escape.
import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import type { Db } from '../../storage/database.ts';
import { escapeFormula, unescapeFormula, csvCell } from './csv-cells.ts';
import { columnsOf, defineExportKind, exportChunks } from './export.ts';

/** A list of `total` numbered rows, counting the pages asked for. */
function numbered(total: number, pageSize: number) {
  const asked: (string | undefined)[] = [];
  const kind = defineExportKind({
    name: 'customers',
    filter: z.strictObject({}),
    pageSize,
    columns: ['n', 'label'],
    async page(_scope, _f, cursor, limit) {
      asked.push(cursor);
      const from = cursor ? Number(cursor) : 0;
      const items = Array.from({ length: Math.max(0, Math.min(limit, total - from)) }, (_, i) => ({
        n: from + i,
        label: `=row ${from + i}`,
      }));
      return { items, nextCursor: from + limit < total ? String(from + limit) : null };
    },
  });
  return { kind, asked };
}

const scope = { db: undefined as unknown as Db, workspaceId: 'w' };
const options = { format: 'csv' as const, excel: false, separator: 'comma' as const };

describe('exportChunks', () => {
  it('reads every page by its cursor, one chunk per page after the header', async () => {
    const { kind, asked } = numbered(25, 10);
    const chunks: string[] = [];
    let counted = 0;
    for await (const c of exportChunks(scope, { kind, filter: {}, options }, (n) => (counted = n))) chunks.push(c);
    expect(asked).toEqual([undefined, '10', '20']);
    expect(chunks).toHaveLength(4);
    const lines = chunks.join('').trimEnd().split('\n');
    expect(lines[0]).toBe('n,label');
    expect(lines.slice(1).map((l) => Number(l.split(',')[0]))).toEqual(Array.from({ length: 25 }, (_, i) => i));
    expect(lines[1]).toBe("0,'=row 0");
    expect(counted).toBe(25);
  });

  it('queries no further page once the reader stops', async () => {
    const { kind, asked } = numbered(1_000_000, 1000);
    let read = 0;
    for await (const _ of exportChunks(scope, { kind, filter: {}, options })) if (++read === 3) break;
    expect(asked).toHaveLength(2);
  });
});

describe('cells', () => {
  it('writes values that start a formula as text and reads them back unchanged', () => {
    for (const v of ['=1+1', '+1', '-1', '@SUM(A1)', '\tx', '\rx', "'=x", "''+y", "'plain", 'plain', '1-2', ''])
      expect(unescapeFormula(escapeFormula(v))).toBe(v);
    expect(escapeFormula('-1')).toBe("'-1");
    expect(escapeFormula("'plain")).toBe("'plain");
    expect(csvCell('a;b', ';')).toBe('"a;b"');
    expect(csvCell({ a: '=x' }, ',')).toBe('"{""a"":""=x""}"');
    expect(csvCell(-5, ',')).toBe('-5');
    expect(csvCell(null, ',')).toBe('');
  });

  it('names the columns of nested objects', () => {
    expect(columnsOf(z.object({ id: z.string(), customer: z.object({ name: z.string() }).nullable(), tags: z.array(z.string()) }))).toEqual(
      ['id', 'customer.name', 'tags'],
    );
  });
});
