/** CPU and memory of a process, read from /proc (Linux), so children are measured from outside. */
import { readdirSync, readFileSync } from 'node:fs';

/** Clock ticks per second for /proc/<pid>/stat times; 100 on every Linux we run on. */
const TICKS = 100;

export interface ProcSample {
  /** User + system CPU time, ms. */
  cpuMs: number;
  /** Resident set size now, bytes. */
  rss: number;
  /** Peak resident set size, bytes. */
  peakRss: number;
}

/** Reads one sample; throws when the process is gone. */
export function sampleProc(pid: number): ProcSample {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // The command name may contain spaces; fields after it start behind the last ')'.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const cpuMs = ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS;
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+)`, 'm').exec(status)?.[1] ?? 0) * 1024;
  return { cpuMs, rss: kb('VmRSS'), peakRss: kb('VmHWM') };
}

/** CPU used between two samples as a share of one core (1.0 = one core busy). */
export function cpuShare(a: ProcSample, b: ProcSample, wallMs: number): number {
  return wallMs > 0 ? (b.cpuMs - a.cpuMs) / wallMs : 0;
}

/** Measures a process over a span of work: CPU share and RSS at the end. */
export async function measure<T>(
  pid: number,
  work: () => Promise<T>,
): Promise<{ result: T; cpu: number; rss: number; wallMs: number }> {
  const before = sampleProc(pid);
  const start = performance.now();
  const result = await work();
  const wallMs = performance.now() - start;
  const after = sampleProc(pid);
  return { result, cpu: cpuShare(before, after, wallMs), rss: after.rss, wallMs };
}

/** CPU time (ms) of each thread of a process, by thread id; threads that ended are missing. */
export function sampleThreads(pid: number): Map<number, number> {
  const out = new Map<number, number>();
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    try {
      const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      out.set(Number(tid), ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS);
    } catch {
      // the thread ended between the listing and the read
    }
  }
  return out;
}

/** CPU time (ms) the busiest thread used between two samples: what one core would have to carry. */
export function busiestThreadMs(before: Map<number, number>, after: Map<number, number>): number {
  let most = 0;
  for (const [tid, ms] of after) most = Math.max(most, ms - (before.get(tid) ?? 0));
  return most;
}
