#!/usr/bin/env node
// The `kept` command. It runs the JavaScript that bin/build.js compiled into dist/ at `npm install`.
// When a TypeScript source changed since that build, it builds again first (one line on stderr
// says so), so an edited source never runs as its old self; where that build cannot run (a
// production install without esbuild, a read-only folder), it runs the sources through tsx.
import module from 'node:module';
import { dirname } from 'node:path';
import { build, currentBuild } from './build.js';
import { mapStacksIn } from './stack-maps.js';

// Node 22.1 and later keep V8's compiled code of each module between runs (in the system's temp
// folder, by the file's content, so an edit is never run from the cache; NODE_DISABLE_COMPILE_CACHE=1
// turns it off). Node 20 has no such cache: there this line does nothing.
module.enableCompileCache?.();

let { entry, stale } = currentBuild();
if (stale) {
  try {
    const { entry: built, ms } = await build();
    entry = built;
    process.stderr.write(`kept: ${stale}: compiled the TypeScript in ${ms} ms\n`);
  } catch (err) {
    process.stderr.write(`kept: ${stale}, and the build failed (${err?.message ?? err}): running the TypeScript through tsx\n`);
  }
}
let main;
if (entry) {
  mapStacksIn(dirname(entry)); // stack traces name the .ts files and lines
  ({ main } = await import(entry));
} else {
  const { register } = await import('tsx/esm/api');
  register();
  ({ main } = await import('../cli/kept.ts'));
}
const code = await main(process.argv.slice(2));
// Exit explicitly: with tsx's loader registered, an exitCode set here was lost (every run
// exited 0). stdout and stderr are synchronous for files and pipes on Linux, so nothing is cut.
process.exit(code);
