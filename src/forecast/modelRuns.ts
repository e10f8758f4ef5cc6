/**
 * Runs the scenarios a catalogue and a backtest name, once each, with the extra snapshot dates they need.
 * A scenario is run through a small scenario text that `extends` it and adds snapshots; snapshots only
 * record values, so every number is the one the scenario itself gives (same seed, same runs, same bits).
 */
import { basename, dirname, resolve } from 'node:path';
import { loadScenario } from '../model/load.js';
import { execute, prepareText, type Receipt, type Result } from '../pipeline.js';

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
}

/** The text of a scenario that extends `path` and adds snapshot dates. */
export function withSnapshots(path: string, dates: readonly string[]): string {
  const base = loadScenario(path);
  const have = new Set(base.snapshots.map((s) => String(s.value)));
  const extra = [...new Set(dates)].filter((d) => !have.has(d)).sort();
  return [
    'oxus: 1',
    `scenario: ${base.name}`,
    `title: ${JSON.stringify(base.title)}`,
    `question: ${JSON.stringify(base.question)}`,
    `extends: ${JSON.stringify(basename(path))}`,
    ...(extra.length ? [`snapshots: [${extra.map((d) => JSON.stringify(d)).join(', ')}]`] : []),
    '',
  ].join('\n');
}

/** Runs each scenario (absolute path → snapshot dates it needs) with its own seed and run count. */
export async function runScenarios(
  needs: ReadonlyMap<string, readonly string[]>,
  settings: RunSettings = {},
): Promise<Map<string, ScenarioRun>> {
  const out = new Map<string, ScenarioRun>();
  for (const [path, dates] of [...needs].sort(([a], [b]) => a.localeCompare(b))) {
    const text = withSnapshots(path, dates);
    const prepared = prepareText(text, resolve(dirname(path), `.score-${basename(path)}`), {
      ...(settings.runs !== undefined ? { runs: settings.runs } : {}),
    });
    const result = await execute(prepared, {
      ...(settings.workers !== undefined ? { workers: settings.workers } : {}),
      ...(settings.signal ? { signal: settings.signal } : {}),
    });
    out.set(path, { path, result, receipt: result.receipt });
  }
  return out;
}
