// CPU accounting from /proc (Linux): what Kept and its PostgreSQL spent, and how busy the
// whole machine was, over a measurement. Other work on the machine skews throughput and
// latency but hardly the CPU time a request costs, so both are reported.
import { readFileSync } from 'node:fs';
import { descendants } from '../test/process.ts';

const tick = 1000 / 100; // ms per clock tick (USER_HZ is 100 on Linux)

function processCpuMs(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(f[11]) + Number(f[12])) * tick; // utime + stime
  } catch {
    return 0; // exited
  }
}

function isPostgres(pid: number): boolean {
  try {
    return readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === 'postgres';
  } catch {
    return false;
  }
}

function machineTicks(): { idle: number; total: number } {
  const cpu = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
  return { idle: cpu[3]! + (cpu[4] ?? 0), total: cpu.reduce((a, b) => a + b, 0) };
}

export interface CpuUse {
  /** CPU ms the Kept process spent. */
  kept: number;
  /** CPU ms its PostgreSQL processes spent (those alive at the end; backends are pooled). */
  postgres: number;
  /** Share of the machine's CPU time that was idle, 0-1. */
  machineIdle: number;
}

/** Starts counting; the returned function answers what was spent since. */
export function measureCpu(keptPid: number): () => CpuUse {
  const pgPids = () => descendants(keptPid).filter(isPostgres);
  const before = { kept: processCpuMs(keptPid), pg: new Map(pgPids().map((p) => [p, processCpuMs(p)])), machine: machineTicks() };
  return () => {
    const machine = machineTicks();
    const postgres = pgPids().reduce((sum, p) => sum + processCpuMs(p) - (before.pg.get(p) ?? 0), 0);
    return {
      kept: processCpuMs(keptPid) - before.kept,
      postgres,
      machineIdle: (machine.idle - before.machine.idle) / Math.max(1, machine.total - before.machine.total),
    };
  };
}

/** How idle the machine is over `ms` (other sessions' work skews every number). */
export async function machineIdle(ms = 2000): Promise<number> {
  const a = machineTicks();
  await new Promise((r) => setTimeout(r, ms));
  const b = machineTicks();
  return (b.idle - a.idle) / Math.max(1, b.total - a.total);
}
