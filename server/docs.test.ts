import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { configVariables } from './config.ts';

describe('README', () => {
  it('documents every configuration variable with its default', async () => {
    const readme = await readFile('README.md', 'utf8');
    for (const [name, v] of Object.entries(configVariables)) {
      const r = v.schema.safeParse(undefined);
      const shown = r.success && r.data !== undefined ? `\`${String(r.data)}\`` : '(unset)';
      expect(readme).toContain(`| \`${name}\` | ${shown} | ${v.doc} |`);
    }
  });
});
