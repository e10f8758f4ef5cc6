/**
 * Reads a YAML file keeping positions, so every problem can name its line and column, and validates it
 * against a zod schema, turning every zod issue into a Problem with the field path, expected and found.
 */
import { type Document, isAlias, isMap, isNode, isScalar, LineCounter, parseDocument, visit } from 'yaml';
import type { z } from 'zod';
import { formatPath, type Problem } from '../errors.js';
import { markDefaults } from './issueWords.js';
import { shapeProblems, valueAt } from './shapeProblems.js';

export type Path = readonly (string | number)[];

/** A parsed YAML document that can locate any field path. */
export interface YamlFile {
  readonly file: string;
  readonly data: unknown;
  /** Problem at `path` (or at key `key` of the map at `path`). */
  problem(
    path: Path,
    code: string,
    message: string,
    extra?: { expected?: string; found?: string; key?: string; column?: number },
  ): Problem;
}

/** Parses YAML text; syntax errors (including duplicate keys) come back as problems. */
export function readYaml(text: string, file: string): { yaml: YamlFile; problems: Problem[] } {
  const lineCounter = new LineCounter();
  const doc: Document = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false });
  const problems: Problem[] = doc.errors.map((e) => {
    const pos = lineCounter.linePos(e.pos[0]);
    return {
      code: 'E_YAML_SYNTAX',
      file,
      line: pos.line,
      column: pos.col,
      path: '',
      message: e.message.split('\n')[0] ?? e.message,
    };
  });
  /** Position of the key that names `path` (or of its value with `atValue`), else of the nearest ancestor. */
  const locate = (path: Path, key?: string, atValue = false): { line: number; col: number } => {
    const full = key !== undefined ? [...path, key] : path;
    for (let len = full.length; len >= 0; len--) {
      const node = doc.getIn(full.slice(0, len), true);
      if (!atValue && len > 0) {
        const parent = len === 1 ? doc.contents : doc.getIn(full.slice(0, len - 1), true);
        const last = full[len - 1];
        if (isMap(parent)) {
          const pair = parent.items.find((p) => isScalar(p.key) && p.key.value === last);
          if (pair && isNode(pair.key) && pair.key.range) return lineCounter.linePos(pair.key.range[0]);
        }
      }
      if (isNode(node) && node.range) return lineCounter.linePos(node.range[0]);
    }
    return { line: 1, col: 1 };
  };
  const data: unknown = problems.length ? undefined : valuesOf(doc, lineCounter, file, problems);
  const yaml: YamlFile = {
    file,
    data,
    problem(path, code, message, extra = {}) {
      const pos = locate(path, extra.key, extra.column !== undefined);
      const col = extra.column !== undefined ? pos.col + extra.column : pos.col;
      return {
        code,
        file,
        line: pos.line,
        column: col,
        path: formatPath(extra.key !== undefined ? [...path, extra.key] : path),
        message,
        ...(extra.expected !== undefined ? { expected: extra.expected } : {}),
        ...(extra.found !== undefined ? { found: extra.found } : {}),
      };
    },
  };
  return { yaml, problems };
}

/**
 * The document's values. Keys that are lists or maps are problems. Building the values throws for an alias that names no anchor before it, and for aliases
 * that would expand beyond 100 copies (a file made to exhaust memory): both become a problem at the first
 * alias, in place of a crash.
 */
function valuesOf(doc: Document, lineCounter: LineCounter, file: string, problems: Problem[]): unknown {
  // A list, map or tagged value (binary, a timestamp) used as a key names nothing a model could mean;
  // JavaScript would make a string of it.
  const before = problems.length;
  visit(doc, {
    Pair(_key, pair) {
      const key = isAlias(pair.key) ? pair.key.resolve(doc) : pair.key;
      const scalarKey = isScalar(key) && (typeof key.value !== 'object' || key.value === null);
      if (key === null || key === undefined || scalarKey) return;
      const pos = lineCounter.linePos((isNode(pair.key) && pair.key.range?.[0]) || 0);
      const message = 'a key must be a name, not a list, a map or binary data';
      problems.push({ code: 'E_YAML_SYNTAX', file, line: pos.line, column: pos.col, path: '', message });
    },
  });
  if (problems.length > before) return undefined;
  try {
    return doc.toJS({ maxAliasCount: 100 });
  } catch (err) {
    let pos = { line: 1, col: 1 };
    visit(doc, {
      Alias(_key, node) {
        if (!node.range) return undefined;
        pos = lineCounter.linePos(node.range[0]);
        return visit.BREAK;
      },
    });
    const message = err instanceof Error ? err.message : String(err);
    problems.push({ code: 'E_YAML_SYNTAX', file, line: pos.line, column: pos.col, path: '', message });
    return undefined;
  }
}

/**
 * Validates `yaml.data` against `schema`; returns the typed value or the problems, all of them.
 * Unknown keys (typos, mostly) do not stop the checks: when they are the only shape problems, the value
 * without them is returned beside the problems, so the checks of meaning can run and report theirs too.
 */
export function validateWith<T>(yaml: YamlFile, schema: z.ZodType<T>): { value?: T; problems: Problem[] } {
  const result = schema.safeParse(yaml.data, { error: markDefaults });
  if (result.success) return { value: result.data, problems: [] };
  const problems = shapeProblems(schema, yaml.data, result.error.issues).map(
    ({ path, key, code, message, expected, found }) =>
      yaml.problem(path, code, message, {
        ...(key !== undefined ? { key } : {}),
        ...(expected !== undefined ? { expected } : {}),
        found,
      }),
  );
  if (result.error.issues.every((i) => i.code === 'unrecognized_keys')) {
    const stripped = structuredClone(yaml.data);
    for (const issue of result.error.issues) {
      const target = valueAt(
        stripped,
        issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p)),
      );
      if (issue.code === 'unrecognized_keys' && target !== null && typeof target === 'object') {
        for (const key of issue.keys) delete (target as Record<string, unknown>)[key];
      }
    }
    const again = schema.safeParse(stripped, { error: markDefaults });
    if (again.success) return { value: again.data, problems };
  }
  return { problems };
}
