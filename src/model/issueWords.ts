/**
 * The user's words for the validation library's issues: what was expected, in the terms of the file
 * ("a whole number at most 10,000,000", "a list", "one of uniform, triangular, …"), never the library's
 * own phrasing. Messages written into the schema (`'an identifier (…)'`, `'at least one source'`) say what
 * is expected and are kept; every other issue is worded here.
 */
import type { z } from 'zod';
import { didYouMean, oneOf } from '../didYouMean.js';

type Issue = z.core.$ZodIssue;

/** The message the parse-level error map gives every issue the schema has no message of its own for. */
export const NO_SCHEMA_MESSAGE = '\u0000';

/** In a custom issue's `params`: its message states the problem, not what is expected. */
export const PROBLEM = 'statesProblem';

/** The error map that marks the library's default messages, so none of them can reach a user. */
export const markDefaults = (): string => NO_SCHEMA_MESSAGE;

/** A kind of value in the file's terms. */
export function kindWord(expected: string): string {
  switch (expected) {
    case 'number':
      return 'a number';
    case 'int':
      return 'a whole number';
    case 'string':
      return 'text';
    case 'boolean':
      return 'true or false';
    case 'array':
    case 'tuple':
      return 'a list';
    case 'object':
    case 'record':
    case 'map':
      return 'a map (key: value entries)';
    default:
      return 'a value of another kind';
  }
}

/** `a, b or c`. */
function orList(words: readonly string[]): string {
  const all = [...new Set(words)];
  return all.length <= 1 ? (all[0] ?? '') : `${all.slice(0, -1).join(', ')} or ${all.at(-1)}`;
}

/** The kinds a union accepts, from its branches' type issues (nested unions included). */
export function unionKinds(issue: Issue): string[] {
  if (issue.code === 'invalid_type') return [kindWord(issue.expected)];
  if (issue.code !== 'invalid_union') return [];
  return issue.errors.flatMap((branch) => branch.flatMap((i) => (i.path.length === 0 ? unionKinds(i) : [])));
}

const plural = (n: number, one: string, many: string) =>
  `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;

/** Bounds of a too_small or too_big issue, in words. */
function sizeWords(issue: Extract<Issue, { code: 'too_small' | 'too_big' }>): string {
  const small = issue.code === 'too_small';
  const bound = Number(small ? issue.minimum : issue.maximum);
  const strict = issue.inclusive === false;
  switch (issue.origin) {
    case 'string':
      return small && bound === 1
        ? 'non-empty text'
        : `text of ${small ? 'at least' : 'at most'} ${plural(bound, 'character', 'characters')}`;
    case 'array':
    case 'set':
      return `a list of ${small ? 'at least' : 'at most'} ${plural(bound, 'entry', 'entries')}`;
    default: {
      const n = bound.toLocaleString('en-US');
      if (small) return strict ? `a number above ${n}` : `a number of at least ${n}`;
      return strict ? `a number below ${n}` : `a number of at most ${n}`;
    }
  }
}

/** A string format in words. */
function formatWord(format: string): string {
  if (format === 'uuid' || format === 'guid') return 'an id such as 0f8fad5b-d9cb-469f-a165-70867728950e';
  if (format === 'regex') return 'text of the required form';
  return `text in the ${format} format`;
}

export interface Worded {
  readonly code: 'E_SCHEMA' | 'E_MISSING';
  readonly message: string;
  readonly expected?: string;
}

/**
 * The message and expected value of one issue (unions and unknown keys are taken apart by the caller);
 * `found` is how the value found is described ('nothing' when it is missing).
 */
export function wordIssue(issue: Issue, found: string): Worded {
  const own = issue.message !== NO_SCHEMA_MESSAGE ? issue.message : undefined;
  const missing = found === 'nothing';
  if (missing) {
    // What would have been expected of a value found there.
    const { expected } = wordIssue(issue, '');
    return { code: 'E_MISSING', message: 'required field is missing', ...(expected ? { expected } : {}) };
  }
  switch (issue.code) {
    case 'invalid_type': {
      const expected =
        issue.expected === 'number' && /Infinity|NaN/.test(found)
          ? 'a finite number'
          : kindWord(issue.expected);
      return { code: 'E_SCHEMA', message: 'wrong kind of value', expected: own ?? expected };
    }
    case 'too_small':
      return { code: 'E_SCHEMA', message: 'too small', expected: own ?? sizeWords(issue) };
    case 'too_big':
      return { code: 'E_SCHEMA', message: 'too large', expected: own ?? sizeWords(issue) };
    case 'invalid_value': {
      const values = issue.values.map((v) => (typeof v === 'string' ? v : JSON.stringify(v)));
      const hint = didYouMean(found.replace(/^"|"$/g, ''), values);
      return {
        code: 'E_SCHEMA',
        message: `value not allowed${hint}`,
        expected: own ?? (values.length === 1 ? values[0]! : oneOf(values)),
      };
    }
    case 'invalid_union': {
      const discriminator = 'discriminator' in issue ? String(issue.discriminator) : undefined;
      const options =
        'options' in issue && Array.isArray(issue.options) ? issue.options.map(String) : undefined;
      if (discriminator !== undefined && options) {
        const hint = didYouMean(found.replace(/^"|"$/g, ''), options);
        return { code: 'E_SCHEMA', message: `unknown ${discriminator}${hint}`, expected: oneOf(options) };
      }
      const kinds = unionKinds(issue);
      return {
        code: 'E_SCHEMA',
        message: 'wrong kind of value',
        ...(own ? { expected: own } : kinds.length ? { expected: orList(kinds) } : {}),
      };
    }
    case 'invalid_key': {
      const inner = issue.issues.find((i) => i.message !== NO_SCHEMA_MESSAGE)?.message;
      return { code: 'E_SCHEMA', message: 'key not allowed', expected: own ?? inner ?? 'another key' };
    }
    case 'invalid_format':
      return {
        code: 'E_SCHEMA',
        message: 'value not allowed',
        expected: own ?? formatWord(issue.format),
      };
    case 'not_multiple_of':
      return {
        code: 'E_SCHEMA',
        message: 'value not allowed',
        expected: own ?? `a multiple of ${issue.divisor}`,
      };
    case 'custom':
      // A check that words the problem itself (`PROBLEM`) rather than what is expected.
      if (own !== undefined && issue.params?.[PROBLEM] === true) return { code: 'E_SCHEMA', message: own };
      return { code: 'E_SCHEMA', message: 'value not allowed', ...(own ? { expected: own } : {}) };
    default:
      return { code: 'E_SCHEMA', message: 'value not allowed', ...(own ? { expected: own } : {}) };
  }
}
