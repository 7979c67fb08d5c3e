import { describe, expect, it } from 'vitest';
import { excelSeparator, exportHref } from './export-href.ts';

describe('exportHref', () => {
  it('carries the filters that are set, encoded, and the options', () => {
    expect(
      exportHref(
        'cases',
        { status: 'closed', mine: undefined, departmentId: '', breached: false, q: 'Zoë & co' },
        { format: 'csv', excel: 'true' },
      ),
    ).toBe('/api/v1/exports/cases?status=closed&q=Zo%C3%AB+%26+co&format=csv&excel=true');
    expect(exportHref('answers', {}, { format: 'jsonl' })).toBe('/api/v1/exports/answers?format=jsonl');
  });

  it('gives Excel semicolons where decimals are written with a comma', () => {
    expect(excelSeparator('de-DE')).toBe('semicolon');
    expect(excelSeparator('fr-FR')).toBe('semicolon');
    expect(excelSeparator('en-US')).toBe('comma');
  });
});
