// kept export KIND: a list as a CSV or JSON Lines file, with the list's own filters given as
// flags (--status closed, --from 2026-01-01T00:00:00Z, --customer-id ID). The file is written
// as the rows are read, a page at a time, with progress on stderr; it is readable by its owner
// only (it holds personal data), and the export is recorded in the audit log as Kept's own.
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { exportKinds, exportOptionsSchema, type ExportOptions } from '../../contract/exports.ts';
import { ensureWorkspace, workspaceBySlug } from '../../server/domain/core/staff.ts';
import { invalidInput, type FieldProblem } from '../../server/domain/core/errors.ts';
import { auditExport, fileNameOf, openExport, type ExportKind } from '../../server/domain/measurement/export.ts';
import { exportKind } from '../../server/domain/measurement/export-kinds.ts';
import { UsageError, withDatabase, type CliIo, type CommandRun } from '../context.ts';
import { formatBytes, formatCount } from '../progress.ts';

const camel = (flag: string) => flag.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());

/** Flags -> the file's options, the list's filter (checked with its schema), --out and --workspace. */
export function exportArgs(kind: ExportKind, argv: string[]) {
  const given: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const m = /^--([a-z][a-zA-Z-]*)(?:=(.*))?$/s.exec(argv[i]!);
    if (!m) throw new UsageError(`Unexpected argument: ${argv[i]}`);
    const name = camel(m[1]!);
    if (name in given) throw new UsageError(`--${m[1]} is given twice`);
    if (name === 'excel' && m[2] === undefined) given.excel = 'true';
    else if (m[2] !== undefined) given[name] = m[2];
    else if (i + 1 < argv.length && !argv[i + 1]!.startsWith('--')) given[name] = argv[++i]!;
    else throw new UsageError(`--${m[1]} needs a value`);
  }
  const { out, workspace, format, excel, separator, ...filterFlags } = given;
  const problems: FieldProblem[] = [];
  const options = exportOptionsSchema.safeParse({ format, excel, separator });
  if (!options.success) problems.push(...options.error.issues.map((i) => ({ path: i.path.map(String), message: i.message })));
  const filter = kind.filter.safeParse(filterFlags);
  if (!filter.success) problems.push(...filter.error.issues.map((i) => ({ path: i.path.map(String), message: i.message })));
  if (!options.success || !filter.success)
    throw invalidInput(
      `The export filter is not valid (the filters of ${kind.name}: ${Object.keys(kind.filter.shape).join(', ')})`,
      problems,
    );
  return { options: options.data as ExportOptions, filter: filter.data as Record<string, unknown>, out, workspace };
}

/** Rows and bytes written, on stderr: redrawn in place on a terminal, a line every 5 s elsewhere. */
function exportProgress(io: CliIo, kind: string) {
  const started = performance.now();
  let last = io.isTty ? -Infinity : started;
  let drawn = false;
  const line = (rows: number, bytes: number) => {
    const seconds = Math.max((performance.now() - started) / 1000, 0.001);
    return `export ${kind}: ${formatCount(rows)} rows, ${formatBytes(bytes)}, ${formatCount(Math.round(rows / seconds))} rows/s`;
  };
  return {
    update(rows: number, bytes: number) {
      if (performance.now() - last < (io.isTty ? 100 : 5000)) return;
      io.err((io.isTty && drawn ? '\x1b[1A\r\x1b[2K' : '') + line(rows, bytes));
      drawn = true;
      last = performance.now();
    },
  };
}

export const exportCommand: CommandRun = async (argv, io) => {
  if (!argv[0] || argv[0].startsWith('--')) throw new UsageError(`Missing KIND: one of ${exportKinds.join(', ')}`);
  if (!(exportKinds as readonly string[]).includes(argv[0]))
    throw new UsageError(`Cannot export "${argv[0]}": KIND is one of ${exportKinds.join(', ')}`);
  const kind = exportKind(argv[0]);
  const { options, filter, out: outFlag, workspace } = exportArgs(kind, argv.slice(1));
  const out = outFlag ?? fileNameOf(kind.name, options.format, new Date());
  const r = await withDatabase(io, async ({ db }) => {
    const ws = workspace ? await workspaceBySlug(db, workspace) : await ensureWorkspace(db);
    const request = { kind, filter, options };
    let rows = 0;
    const chunks = await openExport({ db, workspaceId: ws.id }, request, (n) => (rows = n));
    await auditExport(db, new Date(), ws.id, undefined, request, { client: 'cli' });
    const file = createWriteStream(out, { mode: 0o600 });
    const progress = exportProgress(io, kind.name);
    const started = performance.now();
    let bytes = 0;
    try {
      for await (const chunk of chunks) {
        bytes += Buffer.byteLength(chunk);
        if (!file.write(chunk)) await once(file, 'drain');
        progress.update(rows, bytes);
      }
    } finally {
      await new Promise<void>((done, fail) => file.end((err?: Error | null) => (err ? fail(err) : done())));
    }
    return { rows, bytes, seconds: (performance.now() - started) / 1000, workspace: ws.slug };
  });
  io.out(
    `Exported ${formatCount(r.rows)} ${kind.name} of workspace "${r.workspace}" to ${out} ` +
      `(${formatBytes(r.bytes)}, ${options.format}${options.excel ? ', for Excel' : ''}) in ${r.seconds.toFixed(1)} s`,
  );
  return 0;
};
