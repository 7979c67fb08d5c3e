// Stack traces of the compiled server name the TypeScript: a frame in a file of the build's folder
// gets the .ts file, line and column that the file's source map gives. Node can do this itself
// (process.setSourceMapsEnabled), but it then reads and parses every module's map, and measures
// the lines of every module's source, as the module loads: 50-70 ms of each start (about 4 % of
// `kept start` to /healthz, bench/issue-15.md). Here a map is read when a trace first passes
// through its file, which for most files is never.
//
// Plain JavaScript, not TypeScript: bin/kept.js imports it before anything is compiled.
import { readFileSync } from 'node:fs';
import { SourceMap } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';

/**
 * Installs Error.prepareStackTrace for the files in `dir` (a build's folder, dist/<id>/). Frames
 * elsewhere, and frames a map has no entry for, read as V8 writes them.
 * @param {string} dir
 */
export function mapStacksIn(dir) {
  const prefix = pathToFileURL(dir).href.replace(/\/?$/, '/');
  /** @type {Map<string, SourceMap | null>} */
  const maps = new Map();
  const mapOf = (/** @type {string} */ url) => {
    let map = maps.get(url);
    if (map === undefined) {
      try {
        map = new SourceMap(JSON.parse(readFileSync(`${fileURLToPath(url)}.map`, 'utf8')));
      } catch {
        map = null; // no map, or not one we can read: the frame stays as it is
      }
      maps.set(url, map);
    }
    return map;
  };
  Error.prepareStackTrace = (error, frames) => {
    let head;
    try {
      head = Error.prototype.toString.call(error);
    } catch {
      head = '<error>';
    }
    return head + frames.map((frame) => `\n    at ${mapFrame(frame, prefix, mapOf)}`).join('');
  };
}

/**
 * One frame as V8 writes it, its place in a compiled file replaced by the place in the source.
 * @param {NodeJS.CallSite} frame
 * @param {string} prefix
 * @param {(url: string) => SourceMap | null} mapOf
 */
export function mapFrame(frame, prefix, mapOf) {
  const text = String(frame);
  const file = frame.getFileName();
  const line = frame.getLineNumber();
  const column = frame.getColumnNumber();
  if (!file?.startsWith(prefix) || !line || !column) return text;
  const map = mapOf(file);
  const entry = map?.findEntry(line - 1, column - 1);
  if (!entry?.originalSource) return text;
  const at = `${file}:${line}:${column}`;
  const i = text.lastIndexOf(at);
  if (i < 0) return text;
  const source = new URL(entry.originalSource, file); // the map's sources are relative to it
  const shown = source.protocol === 'file:' ? fileURLToPath(source) : source.href; // a path, as node writes it
  return `${text.slice(0, i)}${shown}:${entry.originalLine + 1}:${entry.originalColumn + 1}${text.slice(i + at.length)}`;
}
