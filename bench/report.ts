// The results table: printed to stdout and written, with the machine it ran on, to results.md.
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

export function markdown(rows: Row[], machine: Machine, notes: string[], date = new Date()): string {
  const row = (c: string[]) => `| ${c.join(' | ')} |`;
  return [
    '# Kept benchmarks',
    '',
    `Run ${date.toISOString().replace('T', ' ').slice(0, 16)} UTC with \`npm run bench\`.`,
    '',
    `Machine: ${machine.cores} cores (${machine.cpu}), ${machine.memoryGiB} GiB memory, Node ${machine.node}, PostgreSQL ${machine.postgres} (embedded; ${machine.settings}).`,
    '',
    row(header.map((h) => h || 'verdict')),
    row(['---', '---:', '---:', '---:', '---:', '---', '---']),
    ...rows.map((r) => row(cells(r))),
    '',
    '## Notes',
    '',
    ...notes.map((n) => `- ${n}`),
    '',
  ].join('\n');
}
