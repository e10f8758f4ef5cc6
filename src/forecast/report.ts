/**
 * Everything `oxus score` and the API report, from files: load and check the catalogue, the outcomes and
 * the backtest's estimates (every problem of all three at once), run the scenarios the claims and the
 * backtest name (each once, its own seed and runs), and score. Throws an OxusError listing every problem.
 */

import { OxusError, type Problem } from '../errors.js';
import { readText } from '../model/load.js';
import type { Receipt } from '../pipeline.js';
import { type BacktestReport, backtest } from './backtest.js';
import { BOOTSTRAP_RESAMPLES } from './bootstrap.js';
import { type LoadedEstimates, parseEstimates } from './estimates.js';
import { type LoadedCatalogue, type LoadedOutcomes, parseCatalogue, parseOutcomes } from './load.js';
import { claimScenarios, modelProbabilities } from './modelForecast.js';
import { type RunSettings, runScenarios } from './modelRuns.js';
import { type ScoreReport, scoreClaims } from './score.js';
import { LOG_CLIP } from './scores/log.js';

export interface ScoreFiles {
  readonly claims: string;
  readonly outcomes: string;
  /** The backtest's size estimates; omitted = no backtest. */
  readonly estimates?: string;
}

export interface FullReport extends ScoreReport {
  readonly format: 'oxus-score/1';
  readonly backtest: BacktestReport | null;
  /** The receipt of every scenario run, so each model probability can be reproduced. */
  readonly receipts: Record<string, Receipt>;
  readonly method: {
    readonly logClip: number;
    readonly bootstrapResamples: number;
    readonly reference: string;
    readonly caution: string;
  };
}

/** Loads the three files, collecting every problem. */
export function loadScoreFiles(files: ScoreFiles): {
  catalogue: LoadedCatalogue;
  outcomes: LoadedOutcomes;
  estimates?: LoadedEstimates;
} {
  const problems: Problem[] = [];
  const c = parseCatalogue(readText(files.claims), files.claims);
  problems.push(...c.problems);
  const o = c.catalogue
    ? parseOutcomes(readText(files.outcomes), files.outcomes, c.catalogue.file)
    : undefined;
  problems.push(...(o?.problems ?? []));
  const e = files.estimates ? parseEstimates(readText(files.estimates), files.estimates) : undefined;
  problems.push(...(e?.problems ?? []));
  if (problems.length || !c.catalogue || !o?.outcomes) throw new OxusError(problems);
  return {
    catalogue: c.catalogue,
    outcomes: o.outcomes,
    ...(e?.estimates ? { estimates: e.estimates } : {}),
  };
}

export async function scoreReport(files: ScoreFiles, settings: RunSettings = {}): Promise<FullReport> {
  const { catalogue, outcomes, estimates } = loadScoreFiles(files);
  const paths = [...claimScenarios(catalogue).values(), ...(estimates ? [estimates.scenario] : [])];
  const runs = await runScenarios(paths, settings);
  const { probabilities, problems } = modelProbabilities(catalogue, runs);
  let bt: BacktestReport | null = null;
  if (estimates) {
    const out = backtest(estimates.file, runs.get(estimates.scenario)!.valuesAt);
    if ('problems' in out) {
      for (const p of out.problems)
        problems.push(estimates.yaml.problem(['estimates', p.index], 'E_MODEL_ANSWER', p.message));
    } else bt = out.report;
  }
  if (problems.length) throw new OxusError(problems);
  const receipts: Record<string, Receipt> = {};
  for (const r of runs.values()) receipts[r.receipt.scenario ?? r.path] = r.receipt;
  return {
    format: 'oxus-score/1',
    ...scoreClaims(catalogue.file.claims, outcomes.file.outcomes, probabilities),
    backtest: bt,
    receipts,
    method: {
      logClip: LOG_CLIP,
      bootstrapResamples: BOOTSTRAP_RESAMPLES,
      reference: 'base-rate',
      caution:
        'With this few claims every score is uncertain: the bootstrap intervals (95%, percentile) are wide, and with ' +
        'under about 20 claims they are, if anything, too narrow.',
    },
  };
}
