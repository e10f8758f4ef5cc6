/**
 * The model as a forecaster: for every claim with a `model` answer, its probability computed from the
 * named scenario's result (run by `runScenarios` with the scenario's own seed and run count).
 */
import { dirname, resolve } from 'node:path';
import type { Problem } from '../errors.js';
import type { LoadedCatalogue } from './load.js';
import { modelAnswer } from './modelAnswer.js';
import type { ScenarioRun } from './modelRuns.js';

/** Absolute scenario path of every claim with a model answer, keyed by claim id. */
export function claimScenarios(catalogue: LoadedCatalogue): Map<string, string> {
  const dir = dirname(catalogue.path);
  const out = new Map<string, string>();
  for (const c of catalogue.file.claims) if (c.model) out.set(c.id, resolve(dir, c.model.scenario));
  return out;
}

/** The model's probability per claim id, and a problem at the claim for every answer its result lacks. */
export function modelProbabilities(
  catalogue: LoadedCatalogue,
  runs: ReadonlyMap<string, ScenarioRun>,
): { probabilities: Map<string, number>; problems: Problem[] } {
  const paths = claimScenarios(catalogue);
  const probabilities = new Map<string, number>();
  const problems: Problem[] = [];
  catalogue.file.claims.forEach((c, i) => {
    if (!c.model) return;
    const run = runs.get(paths.get(c.id)!);
    if (!run) throw new Error(`scenario of ${c.id} was not run`);
    const a = modelAnswer(c.model, run);
    if ('p' in a) probabilities.set(c.id, a.p);
    else {
      problems.push(
        catalogue.yaml.problem(['claims', i, 'model', a.problem.field], 'E_MODEL_ANSWER', a.problem.message, {
          ...(a.problem.expected !== undefined ? { expected: a.problem.expected } : {}),
        }),
      );
    }
  });
  return { probabilities, problems };
}
