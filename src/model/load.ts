/**
 * Loading of model and scenario files: read, parse YAML with positions, validate the shape.
 * A scenario's `extends` chain is followed and merged here; semantic checks happen in compile/buildPlan.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { didYouMean } from '../didYouMean.js';
import { OxusError, type Problem } from '../errors.js';
import { type ModelFile, modelSchema, type ScenarioFile, scenarioSchema } from './schema.js';
import { type Path, readYaml, validateWith, type YamlFile } from './yamlFile.js';

/** Where a value came from, to report problems at the right file and line. */
export interface Origin {
  readonly yaml: YamlFile;
  readonly path: Path;
}

export interface LoadedModel {
  readonly path: string;
  readonly text: string;
  readonly file: ModelFile;
  readonly yaml: YamlFile;
}

type Entry<T> = { readonly value: T; readonly at: Origin };
type ScenarioEvents = NonNullable<ScenarioFile['events']>;

/** A scenario with its `extends` chain merged; every entry remembers its origin. */
export interface LoadedScenario {
  readonly path: string;
  /** Texts of every file in the chain, base first (for hashing). */
  readonly texts: readonly string[];
  /** The files of `texts`, in the same order (the last is `path`). */
  readonly paths: readonly string[];
  readonly name: string;
  readonly title: string;
  readonly question: string;
  readonly modelPath: string;
  /** The `model:` line that names the model (in this file or the one it extends), and what it says. */
  readonly modelAt: Origin;
  readonly modelNamed: string;
  readonly start?: Entry<string | number>;
  readonly end?: Entry<string | number>;
  readonly runs?: number;
  readonly seed?: number | string;
  readonly parameters: ReadonlyMap<string, Entry<NonNullable<ScenarioFile['parameters']>[string]>>;
  readonly initial: ReadonlyMap<string, Entry<NonNullable<ScenarioFile['initial']>[string]>>;
  readonly schedules: ReadonlyMap<string, Entry<NonNullable<ScenarioFile['schedules']>[string]>>;
  readonly force: readonly Entry<NonNullable<ScenarioEvents['force']>[number]>[];
  readonly suppress: readonly Entry<NonNullable<ScenarioEvents['suppress']>[number]>[];
  readonly snapshots: readonly Entry<string | number>[];
  /** What was seen (`oxus condition`), the base's first. */
  readonly observations: readonly Entry<NonNullable<ScenarioFile['observations']>[number]>[];
  /**
   * Unknown keys in the chain's files, the base's first: they do not stop the checks of meaning, so the
   * caller reports them together with those checks' problems.
   */
  readonly keyProblems: readonly Problem[];
}

/** Why a file cannot be read, in the user's terms (the system's code only where there is no better word). */
export function fileErrorMessage(err: unknown): string {
  const code = (err as NodeJS.ErrnoException).code;
  switch (code) {
    case 'ENOENT':
      return 'file not found';
    case 'EISDIR':
      return 'this is a folder, not a file';
    case 'EACCES':
    case 'EPERM':
      return 'cannot read the file: permission denied';
    case 'ENOTDIR':
      return 'file not found: a part of the path is a file, not a folder';
    default:
      return `cannot read the file (${code ?? 'unknown reason'})`;
  }
}

/** Reads a file as UTF-8; a missing, unreadable or folder path is an OxusError (E_FILE) naming it. */
export function readText(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (err) {
    throw new OxusError([
      { code: 'E_FILE', file: path, line: 1, column: 1, path: '', message: fileErrorMessage(err) },
    ]);
  }
}

/**
 * Parses and shape-checks a model from text. A model may come back with problems (unknown keys only):
 * the caller reports them with those of the later checks.
 */
export function parseModel(text: string, path: string): { model?: LoadedModel; problems: Problem[] } {
  const { yaml, problems } = readYaml(text, path);
  if (problems.length) return { problems };
  const { value, problems: shape } = validateWith(yaml, modelSchema);
  if (!value) return { problems: shape };
  return { model: { path, text, file: value, yaml }, problems: shape };
}

/** Reads a model file; throws an OxusError listing every problem. */
export function loadModel(path: string, text = readText(path)): LoadedModel {
  const { model, problems } = parseModel(text, path);
  if (!model || problems.length) throw new OxusError(problems);
  return model;
}

/** Reads the model a scenario names; a model file that cannot be read is blamed on the `model:` line. */
export function loadScenarioModel(scenario: LoadedScenario): LoadedModel {
  const { modelAt, modelPath } = scenario;
  return loadModel(modelPath, readNamed(modelAt, scenario.modelNamed, modelPath, 'model'));
}

/** True when a YAML text declares a scenario rather than a model. */
export function isScenarioText(text: string): boolean {
  return /^scenario\s*:/m.test(text);
}

/**
 * Reads the file a scenario names at `path` (`extends` or `model`); a file that cannot be read is blamed
 * on the line that names it, with the YAML files beside it that are spelt alike.
 */
function readNamed(at: Origin, named: string, absolute: string, what: string): string {
  try {
    return readFileSync(absolute, 'utf8');
  } catch (err) {
    let near = '';
    try {
      near = didYouMean(
        basename(named),
        readdirSync(dirname(absolute)).filter((f) => /\.ya?ml$/.test(f)),
      );
    } catch {
      // The folder itself is missing: nothing to suggest.
    }
    throw new OxusError([
      at.yaml.problem(at.path, 'E_FILE', `the ${what} cannot be read: ${fileErrorMessage(err)}${near}`, {
        expected: `the path of a ${what === 'model' ? 'model' : 'scenario'} file, relative to this file`,
        found: named,
      }),
    ]);
  }
}

/** Reads a scenario file and the chain it extends; throws an OxusError listing every problem. */
export function loadScenario(
  path: string,
  text = readText(path),
  seen: readonly string[] = [],
): LoadedScenario {
  const { yaml, problems } = readYaml(text, path);
  if (problems.length) throw new OxusError(problems);
  // Only unknown keys come back with a value: the file is otherwise well formed, so its meaning is checked too.
  const { value: file, problems: shape } = validateWith(yaml, scenarioSchema);
  if (!file) throw new OxusError(shape);
  const here = (p: Path): Origin => ({ yaml, path: p });
  const dir = dirname(path);
  let base: LoadedScenario | undefined;
  if (file.extends !== undefined) {
    const basePath = resolve(dir, file.extends);
    if (seen.includes(basePath) || basePath === resolve(path)) {
      throw new OxusError([
        yaml.problem(['extends'], 'E_EXTENDS_CYCLE', `scenarios extend each other in a cycle`, {
          found: file.extends,
        }),
      ]);
    }
    const text = readNamed(here(['extends']), file.extends, basePath, 'scenario to extend');
    base = loadScenario(basePath, text, [...seen, resolve(path)]);
  }
  const modelPath = file.model !== undefined ? resolve(dir, file.model) : base?.modelPath;
  const modelAt = file.model !== undefined ? here(['model']) : base?.modelAt;
  const modelNamed = file.model ?? base?.modelNamed;
  if (modelPath === undefined || modelAt === undefined || modelNamed === undefined) {
    throw new OxusError([
      yaml.problem([], 'E_MISSING', 'a scenario needs `model` or `extends`', {
        expected: 'model: path/to/model.yaml',
      }),
    ]);
  }
  const merge = <T>(
    baseMap: ReadonlyMap<string, Entry<T>> | undefined,
    own: Record<string, T> | undefined,
    key: string,
  ) => {
    const out = new Map(baseMap ?? []);
    for (const [k, v] of Object.entries(own ?? {})) out.set(k, { value: v, at: here([key, k]) });
    return out;
  };
  const list = <T>(baseList: readonly Entry<T>[] | undefined, own: readonly T[] | undefined, path: Path) => [
    ...(baseList ?? []),
    ...(own ?? []).map((v, i) => ({ value: v, at: here([...path, i]) })),
  ];
  return {
    path,
    texts: [...(base?.texts ?? []), text],
    paths: [...(base?.paths ?? []), path],
    name: file.scenario,
    title: file.title,
    question: file.question,
    modelPath,
    modelAt,
    modelNamed,
    ...(file.time?.start !== undefined
      ? { start: { value: file.time.start, at: here(['time', 'start']) } }
      : base?.start
        ? { start: base.start }
        : {}),
    ...(file.time?.end !== undefined
      ? { end: { value: file.time.end, at: here(['time', 'end']) } }
      : base?.end
        ? { end: base.end }
        : {}),
    ...(file.runs !== undefined ? { runs: file.runs } : base?.runs !== undefined ? { runs: base.runs } : {}),
    ...(file.seed !== undefined ? { seed: file.seed } : base?.seed !== undefined ? { seed: base.seed } : {}),
    parameters: merge(base?.parameters, file.parameters, 'parameters'),
    initial: merge(base?.initial, file.initial, 'initial'),
    schedules: merge(base?.schedules, file.schedules, 'schedules'),
    force: list(base?.force, file.events?.force, ['events', 'force']),
    suppress: list(base?.suppress, file.events?.suppress, ['events', 'suppress']),
    snapshots: list(base?.snapshots, file.snapshots, ['snapshots']),
    observations: list(base?.observations, file.observations, ['observations']),
    keyProblems: [...(base?.keyProblems ?? []), ...shape],
  };
}
