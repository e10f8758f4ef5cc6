/**
 * Whole-process figures: each job runs in a fresh Node process (start-up, loading, simulation, summaries,
 * serialisation and the file write included), as a user would start it. The child reports its own peak
 * resident memory (Linux VmHWM) and the size of what it wrote; the parent times it from spawn to exit.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';

/** Peak resident memory of this process and all its threads, in MiB (Linux; elsewhere getrusage's). */
export function peakMemoryMiB(): number {
  try {
    const kb = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1];
    if (kb !== undefined) return Number(kb) / 1024;
  } catch {
    // not Linux: fall through
  }
  return process.resourceUsage().maxRSS / 1024;
}

export interface WholeProcess {
  readonly seconds: number;
  /** CPU time of the child, user + system, all its threads: steadier than wall time on a shared machine. */
  readonly cpuSeconds: number;
  readonly peakMiB: number;
  readonly bytes: number;
}

/** This process's CPU time so far, user + system, all threads, in seconds (for a child's report). */
export function cpuSeconds(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1e6;
}

/** Runs `node script ...args` to completion; the child prints `{"peakMiB", "cpu", "out"}` as its last line. */
export function wholeProcess(script: string, args: readonly string[]): WholeProcess {
  const t0 = performance.now();
  const child = spawnSync(process.execPath, [script, ...args], { encoding: 'utf8', maxBuffer: 1 << 20 });
  const seconds = (performance.now() - t0) / 1000;
  if (child.status !== 0) throw new Error(`bench child failed: ${child.stderr}`);
  const report = JSON.parse(child.stdout.trim().split('\n').pop()!) as {
    peakMiB: number;
    cpu: number;
    out?: string;
  };
  return {
    seconds,
    cpuSeconds: report.cpu,
    peakMiB: report.peakMiB,
    bytes: report.out ? statSync(report.out).size : 0,
  };
}
