// The results table: printed to stdout and written, with the machine it ran on, to results.md.
import { readFile, writeFile } from 'node:fs/promises';
import { cpus, totalmem } from 'node:os';

export interface Row {
  name: string;
  /** The headline number, e.g. "2,345 events/s". */
  result: string;
  p50?: number;
  p95?: number;
  /** CPU time one request cost Kept and PostgreSQL, e.g. "0.52 + 0.21 ms". */
  cpu?: string;
  target?: string;
  pass?: boolean;
}

export interface Machine {
  cores: number;
  cpu: string;
  memoryGiB: number;
  node: string;
  postgres: string;
  settings: string;
}

export function describeMachine(postgres: string, settings: string): Machine {
  return {
    cores: cpus().length,
    cpu: cpus()[0]?.model.trim() ?? 'unknown',
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    postgres,
    settings,
  };
}

const ms = (v: number | undefined) => (v === undefined || Number.isNaN(v) ? '' : `${v.toFixed(1)} ms`);
const verdict = (r: Row) => (r.pass === undefined ? '' : r.pass ? 'pass' : 'FAIL');

function cells(r: Row): string[] {
  return [r.name, r.result, ms(r.p50), ms(r.p95), r.cpu ?? '', r.target ?? '', verdict(r)];
}

const header = ['measurement', 'result', 'p50', 'p95', 'CPU/request (Kept + PG)', 'target', ''];

export function textTable(rows: Row[]): string {
  const all = [header, ...rows.map(cells)];
  const widths = header.map((_, i) => Math.max(...all.map((c) => c[i]!.length)));
  const line = (c: string[]) => c.map((x, i) => (i >= 1 && i <= 4 ? x.padStart(widths[i]!) : x.padEnd(widths[i]!))).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map((r) => line(cells(r)))].join('\n');
}

export interface Section {
  rows: Row[];
  notes: string[];
  /** When this section was measured. */
  at: string;
  /** The processor it was measured on (sections written before this was recorded have none). */
  cpu?: string;
}

/**
 * The sections of this run over those of earlier runs kept in `file` (a run with --only measures
 * some scenarios; the others keep their last results), written back, in `order`.
 */
export async function mergeResults(file: string, ran: Record<string, Section>, order: string[]): Promise<[string, Section][]> {
  let earlier: Record<string, Section> = {};
  try {
    earlier = JSON.parse(await readFile(file, 'utf8')) as Record<string, Section>;
  } catch {
    // no earlier results
  }
  const all = { ...earlier, ...ran };
  await writeFile(file, `${JSON.stringify(all, null, 2)}\n`);
  const rank = (name: string) => (order.includes(name) ? order.indexOf(name) : name === 'writes' ? 1.5 : order.length);
  return Object.entries(all).sort(([a], [b]) => rank(a) - rank(b));
}

export function markdown(sections: [string, Section][], machine: Machine): string {
  const row = (c: string[]) => `| ${c.join(' | ')} |`;
  const day = (at: string) => at.replace('T', ' ').slice(0, 16);
  // A section measured on another processor than the latest run's says which.
  const on = (x: Section) => (x.cpu && x.cpu !== machine.cpu ? ` on ${x.cpu}` : '');
  const dates = sections.filter(([name]) => name !== 'general').map(([name, x]) => `${name} ${day(x.at)}${on(x)}`);
  return [
    '# Kept benchmarks',
    '',
    `Written by \`npm run bench\` (each scenario's rows are from its latest run, UTC: ${dates.join(', ')}).`,
    '',
    `Machine of the latest run: ${machine.cores} cores (${machine.cpu}), ${machine.memoryGiB} GiB memory, Node ${machine.node}, PostgreSQL ${machine.postgres} (embedded; ${machine.settings}).`,
    '',
    row(header.map((h) => h || 'verdict')),
    row(['---', '---:', '---:', '---:', '---:', '---', '---']),
    ...sections.flatMap(([, x]) => x.rows.map((r) => row(cells(r)))),
    '',
    '## Notes',
    '',
    ...sections.flatMap(([, x]) => x.notes.map((n) => `- ${n}`)),
    '',
    'Issue 15 (ratios to references in the same run): before and after, what changed and what is left, in [issue-15.md](issue-15.md).',
    '',
  ].join('\n');
}
