// Builds widget.js, the survey prompt customers' sites embed: one minified IIFE at
// widget/dist/widget.js, served by the server at GET /widget.js (server/http/widget-asset.ts).
// `npm run build:widget` runs this file and prints the raw and gzipped sizes; the budget is
// 6 KB gzipped, styles included, and the test in widget/widget.test.ts holds it to that.
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

const widgetDir = dirname(fileURLToPath(import.meta.url));
export const widgetEntry = join(widgetDir, 'src/widget.ts');
export const widgetOutFile = join(widgetDir, 'dist/widget.js');
/** The whole widget, styles included, gzipped. */
export const widgetBudgetBytes = 6144;

export interface WidgetBuild {
  code: string;
  /** bytes of the minified file */
  raw: number;
  /** bytes gzipped at zlib's default level, as a web server would send it */
  gzip: number;
}

export const gzipSize = (code: string | Buffer) => gzipSync(code).length;

/** Bundles and minifies the widget. Writes widget/dist/widget.js unless `write` is false. */
export async function buildWidget(opts: { write?: boolean } = {}): Promise<WidgetBuild> {
  const result = await build({
    entryPoints: [widgetEntry],
    bundle: true,
    minify: true,
    format: 'iife',
    target: ['es2017', 'chrome67', 'firefox63', 'safari13'],
    platform: 'browser',
    legalComments: 'none',
    write: false,
    logLevel: 'silent',
  });
  const code = result.outputFiles[0]!.text;
  if (opts.write !== false) {
    await mkdir(dirname(widgetOutFile), { recursive: true });
    await writeFile(widgetOutFile, code);
  }
  return { code, raw: Buffer.byteLength(code), gzip: gzipSize(code) };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    const { raw, gzip } = await buildWidget();
    const verdict = gzip <= widgetBudgetBytes ? 'within' : 'OVER';
    console.log(`widget/dist/widget.js: ${raw} bytes, ${gzip} bytes gzipped (${verdict} the ${widgetBudgetBytes}-byte budget)`);
    if (gzip > widgetBudgetBytes) process.exitCode = 1;
  } catch (err) {
    console.error('widget build failed:', err instanceof Error ? err.message : err);
    process.exitCode = 1;
  }
}
