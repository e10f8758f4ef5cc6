/**
 * Issue 7, CLI items 9 and 10: every shape problem is worded in the user's terms, never the validation
 * library's, and a missing required field is always E_MISSING. The sweep takes the rich fixture model and
 * scenario (every feature of the format) and an API run request, and puts bad values everywhere: each
 * field deleted, and each value replaced by a value of every other kind and by out-of-range numbers.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { stringify } from 'yaml';
import type { z } from 'zod';
import { formatProblem, type Problem } from '../../src/errors.js';
import { NO_SCHEMA_MESSAGE } from '../../src/model/issueWords.js';
import { modelSchema, scenarioSchema } from '../../src/model/schema.js';
import { readYaml, validateWith } from '../../src/model/yamlFile.js';
import { HttpError } from '../../src/server/httpErrors.js';
import { runRequestSchema } from '../../src/server/requestSchemas.js';
import { parseWith } from '../../src/server/validate.js';
import { readRepo } from '../support/build.js';

/** Phrases of zod's own messages (v4), and type names it uses where the file's terms differ. */
const LIBRARY_WORDING =
  /Invalid (input|option|key|discriminator|element|union)|Too (big|small)|Unrecognized|received|expected (string|number|int|object|array|record|boolean|tuple)\b|[<>]=|to have|'uniform' \||\| *'/;

const BAD_VALUES: unknown[] = ['x', '', -1e12, 1e12, 1.5, 0, null, true, [], [1], {}, { a: 1 }];

type Path = (string | number)[];

/** Every path of a parsed YAML value (maps and lists included). */
function paths(value: unknown, at: Path = []): Path[] {
  if (Array.isArray(value)) return [at, ...value.flatMap((v, i) => paths(v, [...at, i]))];
  if (value !== null && typeof value === 'object')
    return [at, ...Object.entries(value).flatMap(([k, v]) => paths(v, [...at, k]))];
  return [at];
}

/** A copy of `data` with the value at `path` replaced (or deleted when `value` is `DELETE`). */
const DELETE = Symbol('delete');
function mutate(data: unknown, path: Path, value: unknown): unknown {
  const copy = structuredClone(data) as Record<string | number, unknown>;
  let parent: Record<string | number, unknown> = copy;
  for (const part of path.slice(0, -1)) parent = parent[part] as Record<string | number, unknown>;
  const last = path.at(-1)!;
  if (value === DELETE) {
    if (Array.isArray(parent)) parent.splice(Number(last), 1);
    else delete parent[last];
  } else parent[last] = value;
  return copy;
}

function problemsOf(text: string, schema: z.ZodType): Problem[] {
  const { yaml, problems } = readYaml(text, 'f.yaml');
  return problems.length ? problems : validateWith(yaml, schema).problems;
}

/** Sweeps `data`; returns how many variants were refused, after checking each problem's wording. */
function sweep(data: unknown, check: (variant: unknown) => string[]): number {
  let refused = 0;
  for (const path of paths(data).filter((p) => p.length > 0)) {
    for (const value of [DELETE, ...BAD_VALUES]) {
      const lines = check(mutate(data, path, value));
      if (lines.length) refused++;
      for (const line of lines) {
        assert.doesNotMatch(line, LIBRARY_WORDING, `${path.join('.')} = ${String(value)}`);
        assert.ok(!line.includes(NO_SCHEMA_MESSAGE), `a default message left in: ${line}`);
      }
    }
  }
  return refused;
}

describe('shape problems are in the user’s terms', () => {
  for (const [file, schema] of [
    ['test/fixtures/rich-model.yaml', modelSchema],
    ['test/fixtures/rich-scenario.yaml', scenarioSchema],
  ] as const) {
    it(`${file}: no library wording for any bad value anywhere; missing is E_MISSING`, () => {
      const { yaml } = readYaml(readRepo(file), file);
      const refused = sweep(yaml.data, (variant) => {
        const problems = problemsOf(stringify(variant), schema);
        for (const p of problems) {
          if (p.found === 'nothing') assert.equal(p.code, 'E_MISSING', formatProblem(p));
          if (p.code === 'E_SCHEMA') assert.notEqual(p.found, 'nothing', formatProblem(p));
        }
        return problems.map(formatProblem);
      });
      // Most variants break the file; the count shows the sweep ran (not a tolerance: a floor).
      assert.ok(refused > 300, `only ${refused} variants refused`);
    });
  }

  it('an API run request: no library wording in any 400', () => {
    const schema = runRequestSchema(20_000);
    const request = {
      scenario: 'baseline-2016',
      overrides: { haven: 0.5, 'IMU.recruit': { uncertainty: { dist: 'uniform', min: 0, max: 1 } } },
      schedules: { haven: [{ from: '2017', to: '2018Q2', value: 1 }] },
      events: { force: [{ event: 'pledge', member: 'IMU', at: '2017' }], suppress: [{ event: 'x' }] },
      runs: 100,
      seed: 7,
      comparison: { id: '0f8fad5b-d9cb-469f-a165-70867728950e', side: 'A' },
    };
    const refused = sweep(request, (variant) => {
      try {
        parseWith(schema, variant, 'body');
        return [];
      } catch (err) {
        assert.ok(err instanceof HttpError);
        const body = err.body().error;
        return [body.message, ...(body.problems ?? []).map((p) => `${p.code} ${p.message}`)];
      }
    });
    assert.ok(refused > 100, `only ${refused} variants refused`);
  });

  it('examples read as the user would write them', () => {
    const text = [
      'oxus: 2',
      'scenario: s',
      'title: ""',
      'question: q',
      'model: m.yaml',
      'runs: 100000000',
      'parameters:',
      '  r: { uncertainty: { dist: unifrm, min: 1 } }',
      '  k: { uncertainty: { dist: uniform, min: a, max: .inf } }',
      'schedules: { a: [] }',
      '',
    ].join('\n');
    const lines = problemsOf(text, scenarioSchema).map(formatProblem);
    assert.deepEqual(lines, [
      'f.yaml:1:1 oxus: value not allowed (expected 1; found 2) [E_SCHEMA]',
      'f.yaml:3:1 title: too small (expected non-empty text; found "") [E_SCHEMA]',
      'f.yaml:6:1 runs: too large (expected a number of at most 10,000,000; found 100000000) [E_SCHEMA]',
      'f.yaml:8:23 parameters.r.uncertainty.dist: unknown dist; did you mean \'uniform\'? (expected one of uniform, triangular, pert, normal, lognormal, gamma, beta, choice; found "unifrm") [E_SCHEMA]',
      'f.yaml:9:38 parameters.k.uncertainty.min: wrong kind of value (expected a number; found "a") [E_SCHEMA]',
      'f.yaml:9:46 parameters.k.uncertainty.max: wrong kind of value (expected a finite number; found Infinity) [E_SCHEMA]',
      'f.yaml:10:14 schedules.a: too small (expected a list of at least 1 entry; found an empty list) [E_SCHEMA]',
    ]);
    const missing = problemsOf(
      'scenario: s\nmodel: m.yaml\nparameters:\n  r: { uncertainty: { min: 1 } }\n',
      scenarioSchema,
    ).map(formatProblem);
    assert.deepEqual(missing, [
      'f.yaml:1:1 oxus: required field is missing (expected 1; found nothing) [E_MISSING]',
      'f.yaml:1:1 title: required field is missing (expected text; found nothing) [E_MISSING]',
      'f.yaml:1:1 question: required field is missing (expected text; found nothing) [E_MISSING]',
      'f.yaml:4:8 parameters.r.uncertainty.dist: required field is missing (expected one of uniform, triangular, pert, normal, lognormal, gamma, beta, choice; found nothing) [E_MISSING]',
    ]);
  });
});
