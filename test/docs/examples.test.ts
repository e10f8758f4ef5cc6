/**
 * Every YAML example in README.md and docs/ is what it claims to be. Each YAML block carries a marker on
 * the line before it, `<!-- example: KIND -->`:
 * - `model`, `scenario`: a whole file, validated as `oxus validate` validates it (shape and meaning); a
 *   scenario as if it lay in scenarios/, a model as if in models/;
 * - `model part`, `scenario part`: some top-level keys of a file, each checked against the schema of its
 *   key (the shape only: a part names things declared elsewhere);
 * - `sources`: a `sources:` list;
 * - `not checked: WHY`: a block that is not an oxus model or scenario (a Kubernetes job), or a schematic
 *   one whose `…` stand for whole values; the reason is shown to readers of the source.
 * A YAML block without a marker fails, so a new example cannot go unchecked.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { z } from 'zod';
import { formatProblem, OxusError, type Problem } from '../../src/errors.js';
import { modelSchema, scenarioSchema, sourceSchema } from '../../src/model/schema.js';
import { readYaml, validateWith } from '../../src/model/yamlFile.js';
import { prepareText } from '../../src/pipeline.js';
import { repoPath } from '../support/build.js';
import { type CodeBlock, codeBlocks, docPages } from '../support/markdown.js';

const PART_SCHEMAS = {
  'model part': modelSchema,
  'scenario part': scenarioSchema,
  sources: z.strictObject({ sources: z.array(sourceSchema).min(1) }),
} as const;

/** The problems of a whole file, as `oxus validate` finds them. */
function fileProblems(kind: 'model' | 'scenario', text: string, where: string): readonly Problem[] {
  try {
    prepareText(text, repoPath(kind === 'model' ? 'models' : 'scenarios', where));
    return [];
  } catch (err) {
    if (err instanceof OxusError) return err.problems;
    throw err;
  }
}

/** The shape problems of a part: its keys must be keys of the schema, and each value must fit its key. */
function partProblems(schema: z.ZodObject, text: string, where: string): readonly string[] {
  const { yaml, problems } = readYaml(text, where);
  if (problems.length) return problems.map(formatProblem);
  const keys = Object.keys((yaml.data ?? {}) as object);
  const unknown = keys.filter((k) => !Object.hasOwn(schema.shape, k));
  if (keys.length === 0 || unknown.length)
    return [`keys ${unknown.join(', ') || '(none)'} are not keys of this kind of file`];
  const picked = schema.pick(Object.fromEntries(keys.map((k) => [k, true])) as Record<string, true>);
  return validateWith(yaml, picked).problems.map(formatProblem);
}

/** Why a block fails its marker's check, or undefined. */
function failure(block: CodeBlock): string | undefined {
  const where = `${block.page.replace(/\W/g, '_')}_${block.line}.yaml`;
  const marker = block.marker;
  if (marker === undefined)
    return 'no <!-- example: … --> marker (model, scenario, model part, scenario part, sources, or "not checked: why")';
  if (marker === 'model' || marker === 'scenario') {
    const problems = fileProblems(marker, block.body, where);
    return problems.length ? problems.map(formatProblem).join('\n') : undefined;
  }
  if (marker in PART_SCHEMAS) {
    const problems = partProblems(PART_SCHEMAS[marker as keyof typeof PART_SCHEMAS], block.body, where);
    return problems.length ? problems.join('\n') : undefined;
  }
  if (/^not checked: \S/.test(marker)) return undefined;
  return `unknown marker '${marker}'`;
}

const yamlBlocks = () => docPages().flatMap((page) => codeBlocks(page).filter((b) => /^ya?ml$/.test(b.lang)));

describe('the YAML examples of the docs', () => {
  it('each validates as its marker says, or says why it is not checked', () => {
    const failures = yamlBlocks()
      .map((b) => ({ b, why: failure(b) }))
      .filter((f) => f.why !== undefined)
      .map(({ b, why }) => `${b.page}:${b.line} (${b.marker ?? 'no marker'}):\n${why}`);
    assert.deepEqual(failures, []);
  });

  it('the format reference checks whole files, not only parts', () => {
    const markers = yamlBlocks()
      .filter((b) => b.page === 'docs/model-format.md')
      .map((b) => b.marker);
    assert.ok(markers.filter((m) => m === 'model').length >= 1, 'a whole model');
    assert.ok(markers.filter((m) => m === 'scenario').length >= 1, 'a whole scenario');
    assert.ok(
      markers.every((m) => m !== undefined && !m.startsWith('not checked')),
      'every example checked',
    );
  });

  it('the checks refuse bad examples (so passing means something)', () => {
    const bad = (marker: string, body: string) =>
      failure({ page: 'bad.md', line: 1, lang: 'yaml', body, marker });
    assert.match(bad('model part', 'rules:\n  grow: { target: s }\n') ?? '', /E_MISSING/);
    assert.match(bad('model part', 'rulez: {}\n') ?? '', /not keys of this kind of file/);
    assert.match(bad('sources', 'sources: […]\n') ?? '', /E_SCHEMA/);
    assert.match(
      bad(
        'scenario',
        'oxus: 1\nscenario: s\ntitle: S\nquestion: Q?\nextends: baseline-2016.yaml\nparameters:\n  nope: 1\n',
      ) ?? '',
      /E_UNKNOWN_PARAMETER/,
    );
    assert.match(
      failure({ page: 'bad.md', line: 1, lang: 'yaml', body: 'a: 1', marker: undefined }) ?? '',
      /no <!-- example/,
    );
  });
});
