/**
 * The whole pipeline behind `oxus run` and the server: load → check and compile → simulate → summarise,
 * with a receipt that identifies the inputs exactly. Library code: it throws typed errors, never prints.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { type Summary, summarize } from './analysis/summarize.js';
import { summarizeInParallel } from './analysis/summarizeInParallel.js';
import { blameNonFinite } from './blameNonFinite.js';
import { buildPlan } from './compile/buildPlan.js';
import type { Plan } from './compile/plan.js';
import { type RunData, type SimulateOptions, simulate } from './engine/simulate.js';
import { OxusError, type Problem } from './errors.js';
import { checkRuns } from './limits.js';
import {
  isScenarioText,
  type LoadedModel,
  type LoadedScenario,
  loadScenario,
  loadScenarioModel,
  parseModel,
  readText,
} from './model/load.js';
import { VERSION } from './version.js';

/** What identifies a result exactly: the same receipt gives the same numbers, bit for bit. */
export const receiptSchema = z.strictObject({
  oxus: z.string(),
  model: z.string(),
  scenario: z.string().nullable(),
  seed: z.union([z.number(), z.string()]),
  runs: z.number(),
  firstRun: z.number(),
  /** sha256 of the model file's text. */
  modelHash: z.string(),
  /** sha256 of the scenario files' texts (base first), or null when a model ran on its defaults. */
  scenarioHash: z.string().nullable(),
  /** sha256 of the compiled plan: covers overrides made outside the files. */
  planHash: z.string(),
});
export type Receipt = Readonly<z.infer<typeof receiptSchema>>;

/** Every field of a receipt, in its order. */
export const RECEIPT_KEYS = receiptSchema.keyof().options;

export interface Prepared {
  readonly plan: Plan;
  readonly runs: number;
  readonly seed: number | string;
  readonly model: LoadedModel;
  readonly scenario?: LoadedScenario;
}

export interface Result {
  readonly format: 'oxus-result/1';
  readonly receipt: Receipt;
  readonly title: string;
  readonly question: string | null;
  readonly timeUnit: string;
  readonly summary: Summary;
}

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

/** Loads a model or scenario file and compiles it; throws an OxusError listing every problem. */
export function prepare(path: string, overrides: { runs?: number; seed?: number | string } = {}): Prepared {
  return prepareText(readText(path), path, overrides);
}

/**
 * Problems found before the checks of meaning could run: YAML syntax, missing fields, values of the wrong
 * kind, a file that cannot be read. Those checks need a well-formed file, so fixing these can bring more
 * problems to light (unknown keys alone do not stop them: they come back with the checks' problems).
 */
export class ShapeProblems extends OxusError {}

/** Runs a loading step; its problems (after those found before it) are shape problems. */
function shapeChecked<T>(load: () => T, before: readonly Problem[]): T {
  try {
    return load();
  } catch (err) {
    if (err instanceof OxusError) throw new ShapeProblems([...before, ...err.problems]);
    throw err;
  }
}

/** What `oxus validate` reports of a file: every problem, and whether the checks of meaning ran. */
export interface FileCheck {
  readonly problems: Problem[];
  readonly meaningChecked: boolean;
}

/** The check behind `oxus validate`: every problem `prepare` would reject the file for (none when valid). */
export function checkFileRounds(path: string): FileCheck {
  try {
    prepare(path);
    return { problems: [], meaningChecked: true };
  } catch (err) {
    if (err instanceof OxusError)
      return { problems: [...err.problems], meaningChecked: !(err instanceof ShapeProblems) };
    throw err;
  }
}

/** The problems of `checkFileRounds`. */
export function checkFile(path: string): Problem[] {
  return checkFileRounds(path).problems;
}

/**
 * Compiles a model or scenario given as text, as if it were the file at `path` (relative `model:` and
 * `extends:` resolve from there). The server uses it for scenarios edited in the browser: a scenario text
 * that `extends` a bundled one and overrides only what the user changed.
 */
export function prepareText(
  text: string,
  path: string,
  overrides: { runs?: number; seed?: number | string } = {},
): Prepared {
  return withOverrides(compileText(text, path), overrides);
}

/**
 * Loads and compiles a text as `prepareText` does, with the files' own runs and seed, unchecked: the
 * server keeps these (engineHost/planCache.ts) and applies each job's overrides with `withOverrides`.
 */
export function compileText(text: string, path: string): Prepared {
  let model: LoadedModel;
  let scenario: LoadedScenario | undefined;
  if (isScenarioText(text)) {
    // Problems of loading are of shape (ShapeProblems); unknown keys alone come back with those of meaning.
    const loaded = shapeChecked(() => loadScenario(path, text), []);
    scenario = loaded;
    model = shapeChecked(() => loadScenarioModel(loaded), loaded.keyProblems);
    if (loaded.keyProblems.length)
      throw new OxusError([...loaded.keyProblems, ...buildPlan(model, loaded).problems]);
  } else {
    const parsed = parseModel(text, path);
    if (!parsed.model) throw new ShapeProblems(parsed.problems);
    if (parsed.problems.length)
      throw new OxusError([...parsed.problems, ...buildPlan(parsed.model).problems]);
    model = parsed.model;
  }
  const built = buildPlan(model, scenario);
  if (!built.plan) throw new OxusError(built.problems);
  return { plan: built.plan, runs: built.runs, seed: built.seed, model, ...(scenario ? { scenario } : {}) };
}

/** A compiled job with the caller's runs and seed where given; the run count is checked. */
export function withOverrides(p: Prepared, overrides: { runs?: number; seed?: number | string }): Prepared {
  const runs = overrides.runs ?? p.runs;
  checkRuns(runs);
  return { ...p, runs, seed: overrides.seed ?? p.seed };
}

/** Plans' hashes: a plan is immutable, and hashing the Central Asia model's takes a few milliseconds. */
const planHashes = new WeakMap<Plan, string>();

function planHash(plan: Plan): string {
  let hash = planHashes.get(plan);
  if (hash === undefined) {
    hash = sha256(JSON.stringify(plan));
    planHashes.set(plan, hash);
  }
  return hash;
}

/** The receipt of a prepared run. */
export function receiptOf(p: Prepared, firstRun = 0): Receipt {
  return {
    oxus: VERSION,
    model: p.plan.model,
    scenario: p.scenario?.name ?? null,
    seed: p.seed,
    runs: p.runs,
    firstRun,
    modelHash: sha256(p.model.text),
    scenarioHash: p.scenario ? sha256(p.scenario.texts.join('\n---\n')) : null,
    planHash: planHash(p.plan),
  };
}

/** Runs a prepared plan and summarises it. */
export async function execute(
  p: Prepared,
  options: Omit<SimulateOptions, 'runs' | 'seed'> = {},
): Promise<Result> {
  return (await executeWithData(p, options)).result;
}

/** Runs a prepared plan; returns the summarised result and the per-run records it came from. */
export async function executeWithData(
  p: Prepared,
  options: Omit<SimulateOptions, 'runs' | 'seed'> = {},
): Promise<{ result: Result; data: RunData }> {
  const data = await simulatePrepared(p, options);
  const summary = await summarizeInParallel(data, options.workers);
  return { result: resultOf(p, data, summary), data };
}

/**
 * Simulates a prepared plan's runs (or `options.runs` of them from `options.firstRun`) with its seed; a
 * state that becomes NaN is reported with the rule or event that made it so.
 */
export function simulatePrepared(
  p: Prepared,
  options: Omit<SimulateOptions, 'runs' | 'seed'> & { readonly runs?: number } = {},
): Promise<RunData> {
  return simulate(p.plan, { runs: p.runs, ...options, seed: p.seed }).catch((err: unknown) => {
    throw blameNonFinite(p, err);
  });
}

/** The result of per-run records made from a prepared plan (summarised here unless `summary` is given). */
export function resultOf(p: Prepared, data: RunData, summary?: Summary): Result {
  return assembleResult(receiptOf(p, data.firstRun), aboutOf(p), data, summary);
}

/** What a result says about its job besides the numbers. */
export interface About {
  readonly title: string;
  readonly question: string | null;
  readonly timeUnit: string;
}

export function aboutOf(p: Prepared): About {
  return { title: p.plan.title, question: p.scenario?.question ?? null, timeUnit: p.plan.axis.unit };
}

/**
 * A result from its receipt, its description and the per-run records (also used by the shard merge), with
 * their summary when it was computed elsewhere (`summarizeInParallel`).
 */
export function assembleResult(receipt: Receipt, about: About, data: RunData, summary?: Summary): Result {
  return {
    format: 'oxus-result/1',
    receipt,
    title: about.title,
    question: about.question,
    timeUnit: about.timeUnit,
    summary: summary ?? summarize(data),
  };
}
