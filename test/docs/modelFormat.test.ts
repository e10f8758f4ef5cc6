/**
 * docs/model-format.md says what the code does, and cannot drift from it: its tables of keys are compared
 * with the zod schemas that define the format (every key listed, none invented, required where the schema
 * requires it), and its function list with the compiler's list of functions (every one documented with
 * its number of arguments, none invented).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { z } from 'zod';
import { AGGREGATES, FUNCTIONS } from '../../src/expr/functions.js';
import {
  distributionSchema,
  modelSchema,
  outputSchema,
  parameterSchema,
  scenarioSchema,
  sourceSchema,
} from '../../src/model/schema.js';
import { codeSpans, sectionTables, sectionText } from '../support/markdown.js';

const PAGE = 'docs/model-format.md';

interface KeyRow {
  readonly key: string;
  readonly required: boolean;
}

/** Values documented as a whole elsewhere (Distributions, Sources), so their keys are not listed again. */
const isLeaf = (t: z.ZodType) =>
  t === distributionSchema || (t instanceof z.ZodArray && t.element === sourceSchema);

/**
 * Every key of a schema, nested ones as paths: `time.start`, `schedules.NAME[].from` (NAME for a key of
 * the user's choosing, `[]` for an entry of a list), each required or not within its parent.
 */
function keyRows(schema: z.ZodType, prefix = ''): KeyRow[] {
  const out: KeyRow[] = [];
  const descend = (t: z.ZodType, path: string) => {
    const inner = t instanceof z.ZodOptional ? (t.unwrap() as z.ZodType) : t;
    if (isLeaf(inner)) return;
    if (inner instanceof z.ZodObject) out.push(...keyRows(inner, path));
    else if (inner instanceof z.ZodArray) descend(inner.element as z.ZodType, `${path}[]`);
    else if (inner instanceof z.ZodRecord) descend(inner.valueType as z.ZodType, `${path}.NAME`);
    else if (inner instanceof z.ZodUnion) for (const o of inner.options) descend(o as z.ZodType, path);
  };
  if (!(schema instanceof z.ZodObject)) throw new Error('keyRows takes an object schema');
  for (const [k, v] of Object.entries(schema.shape as Record<string, z.ZodType>)) {
    const path = prefix ? `${prefix}.${k}` : k;
    out.push({ key: path, required: !v.isOptional() });
    descend(v, path);
  }
  return out;
}

/** The documented rows of a table: its first cell's single code span, and its second cell (yes / no). */
function documentedRows(title: string, table = 0): KeyRow[] {
  const rows = sectionTables(PAGE, title)[table];
  assert.ok(rows, `a table under '${title}'`);
  return rows.map((cells) => {
    const keys = codeSpans(cells[0]!);
    assert.equal(keys.length, 1, `one key per row under '${title}': ${cells[0]}`);
    assert.match(cells[1]!, /^(yes|no)$/, `'${keys[0]}': the second column says yes or no`);
    return { key: keys[0]!, required: cells[1] === 'yes' };
  });
}

const byKey = (rows: readonly KeyRow[]) => Object.fromEntries(rows.map((r) => [r.key, r.required]));

describe('docs/model-format.md against the schemas', () => {
  it('the table of scenario keys lists every key of a scenario, required as the schema requires it', () => {
    const documented = documentedRows('Every scenario key');
    const actual = keyRows(scenarioSchema);
    assert.ok(actual.length > 30, `the walk found the nested keys (${actual.length})`);
    assert.deepEqual(byKey(documented), byKey(actual));
    assert.deepEqual(
      documented.map((r) => r.key),
      actual.map((r) => r.key),
      'in the order of the schema',
    );
  });

  it('the top-level table of a model lists every key, required as the schema requires it', () => {
    assert.deepEqual(
      byKey(documentedRows('Top level')),
      byKey(keyRows(modelSchema).filter((r) => !r.key.includes('.'))),
    );
  });

  it('the table of parameter keys lists every key of a parameter', () => {
    const rows = sectionTables(PAGE, 'Parameters (drawn once per run)')[0]!;
    const documented = rows.flatMap((cells) => codeSpans(cells[0]!)).sort();
    assert.deepEqual(documented, Object.keys(parameterSchema.shape).sort());
  });

  it('the Outputs section names every key of every kind of output', () => {
    const rows = sectionTables(PAGE, 'Outputs')[0]!;
    const kinds = outputSchema.options.map((o) => o.shape.kind.value);
    assert.deepEqual(
      rows.map((cells) => codeSpans(cells[0]!)[0]),
      kinds,
      'one row per kind',
    );
    const named = new Set(codeSpans(rows.flat().join(' ')));
    for (const o of outputSchema.options)
      for (const key of Object.keys(o.shape)) {
        // `kind` heads the table; `label` and `description` are said once for every kind, below it.
        if (key === 'kind' || key === 'label' || key === 'description') continue;
        assert.ok(named.has(key), `output key '${key}' of kind '${o.shape.kind.value}' is documented`);
      }
    assert.match(
      sectionText(PAGE, 'Outputs'),
      /^Every kind also takes an optional `label` and `description`\./m,
    );
  });
});

interface Signature {
  readonly min: number;
  readonly max: number;
}

/** `log(x)`, `log(x, base)`, `min(x, …)`: the name and how many arguments each form takes. */
function signatures(cell: string): Map<string, Signature> {
  const out = new Map<string, Signature>();
  for (const span of codeSpans(cell)) {
    const m = /^(\w+)\(([^)]*)\)$/.exec(span);
    assert.ok(m, `a function written as name(arguments): ${span}`);
    const args = m[2]!.split(',').map((a) => a.trim());
    const variadic = args.at(-1) === '…';
    const n = variadic ? args.length - 1 : args.length;
    const seen = out.get(m[1]!);
    out.set(m[1]!, {
      min: Math.min(seen?.min ?? n, n),
      max: variadic ? Number.POSITIVE_INFINITY : Math.max(seen?.max ?? n, n),
    });
  }
  return out;
}

describe('docs/model-format.md against the compiler', () => {
  const [plain, random] = sectionTables(PAGE, 'Expressions');

  it('documents every function with its number of arguments, and none that does not exist', () => {
    assert.ok(plain && random, 'a table of functions and one of random functions');
    const documented = new Map([...plain, ...random].flatMap((cells) => [...signatures(cells[0]!)]));
    const actual = new Map<string, Signature>([
      ...[...FUNCTIONS].map(([name, spec]): [string, Signature] => [name, { min: spec.min, max: spec.max }]),
      ...[...AGGREGATES.keys()].map((name): [string, Signature] => [name, { min: 1, max: 1 }]),
    ]);
    assert.deepEqual([...documented.keys()].sort(), [...actual.keys()].sort());
    for (const [name, spec] of actual) {
      const doc = documented.get(name)!;
      assert.equal(doc.min, spec.min, `${name}: fewest arguments`);
      // `min(x, …)` stands for "up to the limit", which the row states in words.
      if (doc.max === Number.POSITIVE_INFINITY) assert.ok(spec.max > spec.min + 1, `${name}: many arguments`);
      else assert.equal(doc.max, spec.max, `${name}: most arguments`);
    }
  });

  it('lists exactly the random functions in the table of random functions', () => {
    const documented = random!.flatMap((cells) => [...signatures(cells[0]!).keys()]).sort();
    const actual = [...FUNCTIONS]
      .filter(([, spec]) => spec.random)
      .map(([name]) => name)
      .sort();
    assert.deepEqual(documented, actual);
  });
});
