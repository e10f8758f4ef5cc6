/**
 * Runs the scenarios a catalogue and a backtest name, once each, with the scenario's own seed and run
 * count, keeping the per-run records so that claims and estimates can be read at any date of the axis.
 */
import { channelKey } from '../analysis/summarize.js';
import type { RunData } from '../engine/simulate.js';
import { executeWithData, prepare, type Receipt, type Result } from '../pipeline.js';

export interface RunSettings {
  /** Override every scenario's run count (for quick looks; the scores then differ from the stated ones). */
  readonly runs?: number;
  readonly workers?: number;
  readonly signal?: AbortSignal;
}

export interface ScenarioRun {
  /** Absolute path of the scenario file. */
  readonly path: string;
  readonly result: Result;
  readonly receipt: Receipt;
  /** Every run's value of each series channel (`IMU.strength`, `threat_uzbekistan`) at a date of the axis. */
  readonly valuesAt: (date: string) => Record<string, Float64Array> | undefined;
}

/** Per-run values of the series channels at one date, from the run's records. */
function valuesAt(
  data: RunData,
  dates: readonly string[],
  date: string,
): Record<string, Float64Array> | undefined {
  const k = dates.indexOf(date);
  if (k < 0) return undefined;
  const out: Record<string, Float64Array> = {};
  data.plan.channels.forEach((c, ci) => {
    if (c.kind !== 'series') return;
    out[channelKey(c)] = data.records.column(ci, k);
  });
  return out;
}

/** Runs each scenario (absolute paths) with its own seed and run count. */
export async function runScenarios(
  paths: Iterable<string>,
  settings: RunSettings = {},
): Promise<Map<string, ScenarioRun>> {
  const out = new Map<string, ScenarioRun>();
  for (const path of [...new Set(paths)].sort()) {
    const prepared = prepare(path, settings.runs !== undefined ? { runs: settings.runs } : {});
    const { result, data } = await executeWithData(prepared, {
      ...(settings.workers !== undefined ? { workers: settings.workers } : {}),
      ...(settings.signal ? { signal: settings.signal } : {}),
    });
    const cache = new Map<string, Record<string, Float64Array> | undefined>();
    const at = (date: string) => {
      if (!cache.has(date)) cache.set(date, valuesAt(data, result.summary.dates, date));
      return cache.get(date);
    };
    out.set(path, { path, result, receipt: result.receipt, valuesAt: at });
  }
  return out;
}
