/**
 * Reads a YAML file keeping positions, so every problem can name its line and column, and validates it
 * against a zod schema, turning every zod issue into a Problem with the field path, expected and found.
 */
import { type Document, isAlias, isMap, isNode, isScalar, LineCounter, parseDocument, visit } from 'yaml';
import type { z } from 'zod';
import { didYouMean, oneOf } from '../didYouMean.js';
import { formatPath, type Problem } from '../errors.js';

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

function describeFound(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a map';
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  return String(value);
}

function valueAt(data: unknown, path: Path): unknown {
  let v: unknown = data;
  for (const part of path) {
    if (v === null || typeof v !== 'object' || !Object.hasOwn(v, part)) return undefined;
    v = (v as Record<string | number, unknown>)[part];
  }
  return v;
}

type Issue = z.core.$ZodIssue;

/** Picks, for a failed union, the branch that got furthest: its issues are the most useful to show. */
function bestBranch(branches: Issue[][]): Issue[] | undefined {
  let best: Issue[] | undefined;
  let bestScore = -1;
  for (const issues of branches) {
    const depth = Math.max(0, ...issues.map((i) => i.path.length));
    const score =
      depth * 100 -
      issues.length -
      (issues.some((i) => i.code === 'invalid_type' && i.path.length === 0) ? 50 : 0);
    if (score > bestScore) {
      best = issues;
      bestScore = score;
    }
  }
  return best;
}

/**
 * Validates `yaml.data` against `schema`; returns the typed value or the problems, all of them.
 * Unknown keys (typos, mostly) do not stop the checks: when they are the only shape problems, the value
 * without them is returned beside the problems, so the checks of meaning can run and report theirs too.
 */
export function validateWith<T>(yaml: YamlFile, schema: z.ZodType<T>): { value?: T; problems: Problem[] } {
  const result = schema.safeParse(yaml.data);
  if (result.success) return { value: result.data, problems: [] };
  const problems = describeIssues(yaml, schema, result.error.issues);
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
    const again = schema.safeParse(stripped);
    if (again.success) return { value: again.data, problems };
  }
  return { problems };
}

function describeIssues<T>(yaml: YamlFile, schema: z.ZodType<T>, issues: readonly Issue[]): Problem[] {
  const problems: Problem[] = [];
  const convert = (issue: Issue, base: Path): void => {
    const path = [...base, ...issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p))];
    const found = describeFound(valueAt(yaml.data, path));
    switch (issue.code) {
      case 'unrecognized_keys': {
        const allowed = allowedKeys(schema, path);
        for (const key of issue.keys) {
          problems.push(
            yaml.problem(path, 'E_UNKNOWN_KEY', `unknown key '${key}'${didYouMean(key, allowed ?? [])}`, {
              key,
              ...(allowed ? { expected: oneOf(allowed) } : {}),
              found: key,
            }),
          );
        }
        return;
      }
      case 'invalid_union': {
        const branch = issue.errors.length ? bestBranch(issue.errors) : undefined;
        if (
          branch &&
          !(issue.errors.length > 1 && branch.every((i) => i.path.length === 0 && i.code === 'invalid_type'))
        ) {
          for (const sub of branch) convert(sub, path);
          return;
        }
        problems.push(
          yaml.problem(
            path,
            'E_SCHEMA',
            issue.message === 'Invalid input' ? 'value of the wrong kind' : issue.message,
            { found },
          ),
        );
        return;
      }
      case 'invalid_type':
        problems.push(
          yaml.problem(
            path,
            found === 'nothing' ? 'E_MISSING' : 'E_SCHEMA',
            found === 'nothing' ? 'required field is missing' : 'value of the wrong type',
            {
              expected: issue.expected,
              found,
            },
          ),
        );
        return;
      case 'invalid_value':
        problems.push(
          yaml.problem(path, 'E_SCHEMA', 'value not allowed', {
            expected: `one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`,
            found,
          }),
        );
        return;
      default:
        problems.push(yaml.problem(path, 'E_SCHEMA', issue.message, { found }));
    }
  };
  for (const issue of issues) convert(issue, []);
  return problems;
}

/** The keys an object schema at `path` allows, for "unknown key" messages; undefined when not an object. */
function allowedKeys(schema: z.ZodType, path: Path): string[] | undefined {
  // biome-ignore lint/suspicious/noExplicitAny: walking zod's internal definitions generically
  let s: any = schema;
  for (const part of path) {
    s = unwrap(s);
    if (s?.def?.type === 'object') s = s.def.shape[part];
    else if (s?.def?.type === 'record') s = s.def.valueType;
    else if (s?.def?.type === 'array') s = s.def.element;
    else if (s?.def?.type === 'tuple') s = s.def.items[Number(part)];
    else return undefined;
  }
  s = unwrap(s);
  if (s?.def?.type === 'object') return Object.keys(s.def.shape);
  if (s?.def?.type === 'union') {
    const keys = new Set<string>();
    for (const o of s.def.options) {
      const u = unwrap(o);
      if (u?.def?.type === 'object') for (const k of Object.keys(u.def.shape)) keys.add(k);
    }
    return keys.size ? [...keys] : undefined;
  }
  return undefined;
}

// biome-ignore lint/suspicious/noExplicitAny: see allowedKeys
function unwrap(s: any): any {
  let cur = s;
  while (
    cur?.def &&
    (cur.def.type === 'optional' ||
      cur.def.type === 'nullable' ||
      cur.def.type === 'default' ||
      cur.def.type === 'pipe')
  ) {
    cur = cur.def.type === 'pipe' ? cur.def.in : cur.def.innerType;
  }
  return cur;
}
