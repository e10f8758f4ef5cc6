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
  readonly peakMiB: number;
  readonly bytes: number;
}

/** Runs `node script ...args` to completion; the child prints `{"peakMiB", "out"}` as its last line. */
export function wholeProcess(script: string, args: readonly string[]): WholeProcess {
  const t0 = performance.now();
  const child = spawnSync(process.execPath, [script, ...args], { encoding: 'utf8', maxBuffer: 1 << 20 });
  const seconds = (performance.now() - t0) / 1000;
  if (child.status !== 0) throw new Error(`bench child failed: ${child.stderr}`);
  const report = JSON.parse(child.stdout.trim().split('\n').pop()!) as { peakMiB: number; out?: string };
  return { seconds, peakMiB: report.peakMiB, bytes: report.out ? statSync(report.out).size : 0 };
}
