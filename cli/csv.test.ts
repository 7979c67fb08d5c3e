import { describe, expect, it } from 'vitest';
import { KeptError } from '../server/domain/core/errors.ts';
import { CsvError, csvRows } from './csv.ts';
import { csvColumns, csvRecord } from './read-records.ts';

/** Parses text fed in chunks of `size` characters. */
async function parse(text: string, size = text.length || 1) {
  async function* chunks() {
    for (let i = 0; i < text.length; i += size) yield text.slice(i, i + size);
  }
  const rows = [];
  for await (const r of csvRows(chunks())) rows.push(r);
  return rows;
}

const tricky = 'type,note\r\norder.placed,"a, b"\r\nticket.opened,"said ""hi""\r\nthen left"\r\n\r\nlast,plain';

describe('CSV parser', () => {
  it('splits plain rows on commas and line ends, with or without a final newline', async () => {
    expect(await parse('a,b,c\n1,2,3\n')).toEqual([
      { line: 1, cells: ['a', 'b', 'c'] },
      { line: 2, cells: ['1', '2', '3'] },
    ]);
    expect((await parse('a,b\n1,2')).map((r) => r.cells)).toEqual([
      ['a', 'b'],
      ['1', '2'],
    ]);
  });

  it('keeps commas, escaped quotes and line breaks inside quoted fields', async () => {
    expect((await parse(tricky)).map((r) => r.cells)).toEqual([
      ['type', 'note'],
      ['order.placed', 'a, b'],
      ['ticket.opened', 'said "hi"\r\nthen left'],
      ['last', 'plain'],
    ]);
  });

  it('numbers each row by the line it starts on, counting line breaks inside quotes', async () => {
    expect((await parse(tricky)).map((r) => r.line)).toEqual([1, 2, 3, 6]);
    expect((await parse('a\r\rb\n')).map((r) => [r.line, r.cells[0]])).toEqual([
      [1, 'a'],
      [3, 'b'],
    ]);
  });

  it('gives the same rows however the input is cut into chunks', async () => {
    const whole = await parse(tricky);
    for (const size of [1, 2, 3, 5, 7]) expect(await parse(tricky, size)).toEqual(whole);
  });

  it('keeps empty fields, a quoted empty field and a stray quote in a plain field', async () => {
    expect((await parse('a,,c\n"",x\nab"c,d\n')).map((r) => r.cells)).toEqual([
      ['a', '', 'c'],
      ['', 'x'],
      ['ab"c', 'd'],
    ]);
  });

  it('skips blank lines', async () => {
    expect((await parse('\n\na\n\n\nb\n')).map((r) => [r.line, r.cells])).toEqual([
      [3, ['a']],
      [6, ['b']],
    ]);
  });

  it('refuses a quoted field left open at the end, naming the line it starts on', async () => {
    await expect(parse('a,b\n1,"open\nstill open')).rejects.toThrow(CsvError);
    await expect(parse('a,b\n1,"open\nstill open')).rejects.toMatchObject({ line: 2 });
  });

  it('reads rows from an async stream of chunks', async () => {
    async function* chunks() {
      yield 'a,"b\n';
      yield 'c"\n1,2';
    }
    const rows = [];
    for await (const r of csvRows(chunks())) rows.push(r.cells);
    expect(rows).toEqual([
      ['a', 'b\nc'],
      ['1', '2'],
    ]);
  });
});

describe('CSV columns of events', () => {
  it('maps columns to the event shape, data.<key> to data, leaving empty cells out', () => {
    const columns = csvColumns([
      '\uFEFFtype',
      'occurredAt',
      'source',
      'idempotencyKey',
      'customer.externalId',
      'customer.email',
      'customer.name',
      'data.order',
    ]);
    expect(csvRecord(columns, ['order.placed', '2026-01-01T00:00:00Z', 'sales', '', 'c-1', '', 'Ann', 'A-1'])).toEqual({
      type: 'order.placed',
      occurredAt: '2026-01-01T00:00:00Z',
      source: 'sales',
      customer: { externalId: 'c-1', name: 'Ann' },
      data: { order: 'A-1' },
    });
  });

  it('refuses a header with unknown, repeated or missing columns', () => {
    expect(() => csvColumns(['type', 'occurredAt', 'source', 'customer.email', 'colour'])).toThrow(KeptError);
    expect(() => csvColumns(['type', 'type', 'occurredAt', 'source', 'customer.email'])).toThrow(/header/);
    expect(() => csvColumns(['type', 'occurredAt', 'source'])).toThrow(KeptError);
  });
});
