/**
 * The problems of a value that does not have the shape its schema describes, each with its field path,
 * what was expected and what was found, in the user's terms (the wording lives in issueWords.ts). Used for
 * files (with their lines, in yamlFile.ts) and for HTTP bodies and queries.
 */
import type { z } from 'zod';
import { didYouMean, oneOf } from '../didYouMean.js';
import { wordIssue } from './issueWords.js';
import type { Path } from './yamlFile.js';

type Issue = z.core.$ZodIssue;

export interface ShapeProblem {
  readonly code: string;
  readonly path: Path;
  /** For an unknown key: the key, below `path`. */
  readonly key?: string;
  readonly message: string;
  readonly expected?: string;
  readonly found: string;
}

function describeFound(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return value.length ? 'a list' : 'an empty list';
  if (typeof value === 'object') return 'a map';
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  return String(value);
}

/** The value at `path` of parsed data, or undefined. */
export function valueAt(data: unknown, path: Path): unknown {
  let v: unknown = data;
  for (const part of path) {
    if (v === null || typeof v !== 'object' || !Object.hasOwn(v, part)) return undefined;
    v = (v as Record<string | number, unknown>)[part];
  }
  return v;
}

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
 * Every issue of a failed parse of `data` with `schema`, in the user's terms: unions taken apart to the
 * branch that got furthest, unknown keys each with the keys allowed, every other issue worded by wordIssue.
 */
export function shapeProblems(schema: z.ZodType, data: unknown, issues: readonly Issue[]): ShapeProblem[] {
  const problems: ShapeProblem[] = [];
  const convert = (issue: Issue, base: Path): void => {
    const path = [...base, ...issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p))];
    // A refused key is what was found, not its value.
    const found =
      issue.code === 'invalid_key' ? JSON.stringify(String(path.at(-1))) : describeFound(valueAt(data, path));
    switch (issue.code) {
      case 'unrecognized_keys': {
        const allowed = allowedKeys(schema, path);
        for (const key of issue.keys) {
          problems.push({
            code: 'E_UNKNOWN_KEY',
            path,
            key,
            message: `unknown key '${key}'${didYouMean(key, allowed ?? [])}`,
            ...(allowed ? { expected: oneOf(allowed) } : {}),
            found: key,
          });
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
        break;
      }
    }
    problems.push({ path, ...wordIssue(issue, found), found });
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
