// The stale-output check of bin/kept.js: a build is used only while every file it was read from
// still has its size and mtime; an edit or a deletion makes it stale, naming the file.
import { mkdtemp, rm, stat, unlink, utimes, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { currentBuild } from '../bin/build.js';

describe('the build stamp', () => {
  let dir = '';
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('names the first changed or removed source, and the entry while none is', async () => {
    dir = await mkdtemp(join(tmpdir(), 'kept-build-'));
    const at = { root: dir, distDir: join(dir, 'dist') };
    expect(currentBuild(at)).toEqual({ stale: 'there is no build yet' });

    await mkdir(join(dir, 'server'));
    const file = join(dir, 'server/a.ts');
    await writeFile(file, 'export const a = 1;\n');
    const s = await stat(file);
    await mkdir(at.distDir);
    await writeFile(join(at.distDir, 'build.json'), JSON.stringify({ id: 'abc', inputs: [['server/a.ts', s.mtimeMs, s.size]] }));
    expect(currentBuild(at)).toEqual({ entry: join(at.distDir, 'abc', 'kept.js') });

    await writeFile(file, 'export const a = 2;\n'); // same size, new mtime
    await utimes(file, s.atime, new Date(s.mtimeMs + 2000));
    expect(currentBuild(at)).toEqual({ stale: 'server/a.ts changed since the last build' });

    await unlink(file);
    expect(currentBuild(at)).toEqual({ stale: 'server/a.ts was removed since the last build' });
  });
});
