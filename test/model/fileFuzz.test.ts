/**
 * Fuzzing the loader and compiler: 10,000 generated model and scenario files, made by editing the text
 * of valid ones (bytes, YAML syntax, tabs, anchors, tags) and by replacing, adding and deleting fields
 * with values of every wrong kind (NaN and infinities, huge numbers, prototype keys, expressions of
 * random pieces, deep lists and maps). Every one must compile or come back with its problems, each with
 * a code, a file, a line and a message; none may throw anything else.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import YAML from 'yaml';
import { LimitError, OxusError } from '../../src/errors.js';
import { prepareText } from '../../src/pipeline.js';
import { readRepo, repoPath } from '../support/build.js';

const MODEL = readRepo('models', 'logistic-reference.yaml');
const RICH = readRepo('test', 'fixtures', 'rich-model.yaml');
const SCENARIO = `oxus: 1
scenario: fuzzed
title: Fuzzed scenario
question: Does it load?
model: ../models/logistic-reference.yaml
runs: 200
seed: 7
parameters:
  r: 0.12
  K: { uncertainty: { dist: triangular, min: 600, mode: 900, max: 1400 } }
schedules:
  r:
    - { from: 2010, to: 2020, value: 0.08 }
snapshots: [2020, 2040]
`;
/** Where generated files pretend to lie: relative `model:` paths resolve from there. */
const MODEL_PATH = repoPath('models', 'fuzzed.yaml');
const SCENARIO_PATH = repoPath('scenarios', 'fuzzed.yaml');

const KEYS = [
  ...['oxus', 'model', 'scenario', 'extends', 'title', 'question', 'time', 'start', 'end', 'step'],
  ...['parameters', 'value', 'unit', 'range', 'uncertainty', 'dist', 'min', 'max', 'mode', 'mean', 'sd'],
  ...['sources', 'judgment', 'state', 'initial', 'rules', 'target', 'add', 'set', 'for', 'outputs'],
  ...['kind', 'expr', 'when', 'label', 'entities', 'events', 'members', 'schedules', 'from', 'to'],
  ...['force', 'suppress', 'at', 'runs', 'seed', 'snapshots', '__proto__', 'constructor', 'prototype'],
];
const WORDS = ['S', 'r', 'K', 'x', 'rnorm(', 'rpois(', 'sumOf(', 'exp(', 'min(', 'hazard(', 'constructor'];
const expression = fc
  .array(fc.constantFrom(...WORDS, ...'0123456789.+-*/^%()<>=!?:,; "\'[]{}'.split('')), { maxLength: 16 })
  .map((parts) => parts.join(''));
const scalar = fc.oneof(
  fc.constantFrom(
    null,
    true,
    false,
    0,
    -0,
    -1,
    1e308,
    -1e308,
    5e-324,
    2 ** 53 + 1,
    Number.POSITIVE_INFINITY,
    Number.NEGATIVE_INFINITY,
    Number.NaN,
  ),
  fc.constantFrom('.nan', '.inf', '-.inf', '', ' ', '2000', '2040Q1', 'year', 'quarter', 'month', 'people'),
  fc.constantFrom('uniform', 'normal', 'pert', 'beta', 'choice', 'series', 'threshold', 'event'),
  fc.double(),
  fc.integer(),
  fc.string({ maxLength: 12 }),
  expression,
);
const key = fc.oneof(fc.constantFrom(...KEYS), fc.string({ maxLength: 8 }));
const { value } = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', maxDepth: 3, withCrossShrink: true },
    scalar,
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(key, tie('value'), { maxKeys: 4 }),
  ),
}));

/**
 * Sets, adds or deletes one field: `choices` pick the way down (indices into the keys met, while the
 * picked value is a map or list) and then the field.
 */
function edit(
  doc: unknown,
  choices: readonly number[],
  op: 'set' | 'add' | 'delete',
  name: string,
  v: unknown,
) {
  let node = doc as Record<string, unknown>;
  for (const c of choices.slice(0, -1)) {
    const keys = Object.keys(node);
    const next = keys.length ? node[keys[c % keys.length]!] : undefined;
    if (typeof next !== 'object' || next === null) break;
    node = next as Record<string, unknown>;
  }
  const keys = Object.keys(node);
  const picked = keys.length ? keys[(choices.at(-1) ?? 0) % keys.length]! : name;
  if (op === 'delete') delete node[picked];
  else define(node, op === 'add' ? name : picked, v);
}

/** An own property even for `__proto__` (an assignment would set the prototype instead). */
function define(node: object, name: string, v: unknown): void {
  Object.defineProperty(node, name, { value: v, enumerable: true, writable: true, configurable: true });
}

const fieldEdits = fc.array(
  fc.tuple(
    fc.array(fc.nat(), { maxLength: 5 }),
    fc.constantFrom('set', 'add', 'delete' as const),
    key,
    value,
  ),
  { minLength: 1, maxLength: 4 },
);
/** A YAML text edited field by field. */
const byFields = (text: string) => {
  const base = YAML.parse(text) as unknown;
  return fieldEdits.map((edits) => {
    const doc = structuredClone(base);
    for (const [choices, op, name, v] of edits) edit(doc, choices, op, name, v);
    return YAML.stringify(doc);
  });
};

const SNIPPETS = [
  '\t',
  ':',
  ': ',
  '- ',
  '{',
  '}',
  '[',
  ']',
  '"',
  "'",
  '&a ',
  '*a',
  '<<: *a',
  '!!binary ',
  '!!js/function ',
];
const MORE_SNIPPETS = [
  '\uFFFD',
  '\u0000',
  '#',
  '\n  ',
  '\n---\n',
  '%YAML 1.1\n',
  '? ',
  '|',
  '>',
  '\\u0000',
  '1e999',
];
/** A YAML text edited byte by byte: deletions and insertions at random places. */
const byBytes = (text: string) =>
  fc
    .array(
      fc.tuple(
        fc.nat(text.length),
        fc.nat(6),
        fc.oneof(fc.constantFrom(...SNIPPETS, ...MORE_SNIPPETS), fc.string({ maxLength: 6 })),
      ),
      { minLength: 1, maxLength: 4 },
    )
    .map((edits) => {
      let out = text;
      for (const [at, del, ins] of edits) out = out.slice(0, at) + ins + out.slice(at + del);
      return out;
    });

type Outcome = 'compiled' | 'problems';

/** Compiles a text; its problems must each say what and where, and nothing else may be thrown. */
function outcomeOf(text: string, path: string): Outcome {
  try {
    prepareText(text, path);
    return 'compiled';
  } catch (err) {
    if (err instanceof LimitError) return 'problems';
    if (!(err instanceof OxusError)) throw err;
    assert.ok(err.problems.length > 0, 'an error with no problem in it');
    for (const p of err.problems) {
      assert.match(p.code, /^E_[A-Z0-9_]+$/);
      assert.equal(typeof p.file, 'string');
      assert.ok(Number.isInteger(p.line) && Number.isInteger(p.column), `${p.code} has a line and column`);
      assert.ok(p.message.length > 0);
    }
    return 'problems';
  }
}

function fuzz(
  t: { diagnostic(s: string): void },
  what: string,
  files: fc.Arbitrary<string>,
  path: string,
  runs: number,
  seed: number,
) {
  const seen: Record<Outcome, number> = { compiled: 0, problems: 0 };
  fc.assert(
    fc.property(files, (text) => {
      seen[outcomeOf(text, path)]++;
    }),
    { numRuns: runs, seed },
  );
  t.diagnostic(
    `${what}: ${runs} files, ${seen.compiled} compiled, ${seen.problems} with problems, 0 crashes`,
  );
  return seen;
}

describe('generated model and scenario files (fuzz)', () => {
  it('models edited byte by byte: 3,000 files', (t) => {
    fuzz(t, 'models by bytes', byBytes(MODEL), MODEL_PATH, 3000, 11);
  });
  it('models edited field by field: 3,500 files', (t) => {
    const seen = fuzz(
      t,
      'models by fields',
      fc.oneof({ arbitrary: byFields(MODEL), weight: 4 }, { arbitrary: byFields(RICH), weight: 1 }),
      MODEL_PATH,
      3500,
      12,
    );
    assert.ok(seen.compiled > 0 && seen.problems > 0, 'the generator makes both kinds');
  });
  it('scenarios edited byte by byte and field by field: 3,500 files', (t) => {
    fuzz(t, 'scenarios', fc.oneof(byBytes(SCENARIO), byFields(SCENARIO)), SCENARIO_PATH, 3500, 13);
  });
});
