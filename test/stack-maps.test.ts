// bin/stack-maps.js: stack traces of the compiled server name the TypeScript's files and lines,
// reading a source map only when a trace passes through its file.
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { build, root } from '../bin/build.js';
import { mapFrame } from '../bin/stack-maps.js';

const run = promisify(execFile);

describe('stack traces of the compiled server', () => {
  it('name the .ts file, line and column of a frame in the build, and leave the other frames as V8 writes them', async () => {
    const { entry } = await build();
    // cli/kept.ts's main() writes the usage with io.out: an io.out that throws puts main's frame on the stack.
    const source = await readFile(join(root, 'cli/kept.ts'), 'utf8');
    const call = '(argv.length === 0 ? io.err : io.out)(usage());';
    const line = source.split('\n').findIndex((l) => l.includes(call)) + 1;
    expect(line).toBeGreaterThan(0);
    const script = `
      import { mapStacksIn } from ${JSON.stringify(pathToFileURL(join(root, 'bin/stack-maps.js')).href)};
      mapStacksIn(${JSON.stringify(dirname(entry))});
      const { main } = await import(${JSON.stringify(pathToFileURL(entry).href)});
      const io = { out: () => { throw new TypeError('out is closed'); }, err: () => {}, isTty: false };
      try { await main(['--help'], io); } catch (err) { process.stdout.write(err.stack); }`;
    const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script], { cwd: root });
    const lines = stdout.split('\n');
    expect(lines[0]).toBe('TypeError: out is closed');
    const mainFrame = lines.find((l) => /^\s+at main /.test(l));
    expect(mainFrame, stdout).toBeDefined();
    expect(mainFrame).toContain(`(${join(root, 'cli/kept.ts')}:${line}:`); // a path, as node's own source maps write it
    expect(stdout).not.toContain(pathToFileURL(dirname(entry)).href); // no frame left in the build's folder
    expect(lines[1]).toMatch(/^\s+at out \(file:\/\/\/.*\[eval1\]:\d+:\d+\)$/); // outside the build: as V8 writes it
  });

  it('leaves a frame as it is when its file has no map, or the map no entry for the place', () => {
    const frame = {
      toString: () => 'handle (file:///app/dist/abc/chunk-1.js:10:5)',
      getFileName: () => 'file:///app/dist/abc/chunk-1.js',
      getLineNumber: () => 10,
      getColumnNumber: () => 5,
    } as unknown as NodeJS.CallSite;
    expect(mapFrame(frame, 'file:///app/dist/abc/', () => null)).toBe('handle (file:///app/dist/abc/chunk-1.js:10:5)');
    const noEntry = { findEntry: () => ({}) } as unknown as import('node:module').SourceMap;
    expect(mapFrame(frame, 'file:///app/dist/abc/', () => noEntry)).toBe('handle (file:///app/dist/abc/chunk-1.js:10:5)');
    const entry = {
      findEntry: () => ({ originalSource: '../../server/x.ts', originalLine: 41, originalColumn: 2 }),
    } as unknown as import('node:module').SourceMap;
    expect(mapFrame(frame, 'file:///app/dist/abc/', () => entry)).toBe('handle (/app/server/x.ts:42:3)');
    expect(mapFrame(frame, 'file:///other/', () => entry)).toBe('handle (file:///app/dist/abc/chunk-1.js:10:5)');
  });
});
