/**
 * The model map's graph against the model's read sets, found a second way: every expression of the file
 * parsed on its own and walked for the declared names it mentions. The compiler's reads (what the map
 * draws) and this walk must agree edge for edge on every bundled model; the writes are the rules' targets
 * and the events' effects; the Central Asia model has a node for every declaration.
 */
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { describe, it } from 'node:test';
import { parseExpression } from '../../../src/expr/parse.js';
import { loadModel, parseModel } from '../../../src/model/load.js';
import type { ModelFile } from '../../../src/model/schema.js';
import { modelGraph, NODE_KINDS, type NodeKind, nodeId } from '../../../src/teach/modelMap/modelGraph.js';
import { repoPath } from '../../support/build.js';

interface Node$ {
  type: string;
  name?: string;
  fn?: Node$;
  object?: Node$;
  index?: { dimensions: { value: unknown }[] };
  traverse(cb: (n: Node$, path: string, parent: Node$ | null) => void): void;
}

/** The declared names an expression mentions: symbols that are not the function called, and `M.name`'s name. */
function mentioned(text: string | number, declared: ReadonlySet<string>): Set<string> {
  const names = new Set<string>();
  if (typeof text === 'number') return names;
  const parsed = parseExpression(text);
  assert.ok('node' in parsed, text);
  (parsed.node as unknown as Node$).traverse((n, path, parent) => {
    if (
      n.type === 'SymbolNode' &&
      !(parent?.type === 'FunctionNode' && path === 'fn') &&
      declared.has(n.name!)
    )
      names.add(n.name!);
    if (n.type === 'AccessorNode') {
      const key = n.index?.dimensions[0]?.value;
      if (typeof key === 'string' && declared.has(key)) names.add(key);
    }
  });
  return names;
}

/** Every expression of the file, by the node that reads it. */
function expressionsOf(file: ModelFile): [string, string | number][] {
  const out: [string, string | number][] = [];
  for (const [name, s] of Object.entries(file.state)) {
    const initial = s.initial;
    if (typeof initial === 'string') out.push([nodeId('state', name), initial]);
    else if (typeof initial === 'object' && !('dist' in initial))
      for (const v of Object.values(initial)) if (typeof v === 'string') out.push([nodeId('state', name), v]);
  }
  for (const [name, d] of Object.entries(file.derived ?? {})) out.push([nodeId('derived', name), d.expr]);
  for (const [name, r] of Object.entries(file.rules ?? {}))
    for (const e of [r.when, r.add, r.set]) if (e !== undefined) out.push([nodeId('rule', name), e]);
  for (const [name, e] of Object.entries(file.events ?? {}))
    for (const x of [e.probability, e.when, ...Object.values(e.effects ?? {})])
      if (x !== undefined) out.push([nodeId('event', name), x]);
  for (const [name, o] of Object.entries(file.outputs ?? {})) {
    const fields = o.kind === 'series' ? [o.expr] : o.kind === 'threshold' ? [o.when] : [o.by, o.among];
    for (const x of fields) if (x !== undefined) out.push([nodeId('output', name), x]);
  }
  return out;
}

function kindOf(file: ModelFile, name: string): NodeKind {
  if (Object.hasOwn(file.parameters ?? {}, name)) return 'parameter';
  if (Object.hasOwn(file.state, name)) return 'state';
  if (Object.hasOwn(file.derived ?? {}, name)) return 'derived';
  return 'event';
}

/** The read edges `from→to` the walk finds. */
function readSets(file: ModelFile): Set<string> {
  const declared = new Set([
    ...Object.keys(file.parameters ?? {}),
    ...Object.keys(file.state),
    ...Object.keys(file.derived ?? {}),
    ...Object.keys(file.events ?? {}),
  ]);
  const edges = new Set<string>();
  for (const [reader, text] of expressionsOf(file))
    for (const name of mentioned(text, declared)) edges.add(`${nodeId(kindOf(file, name), name)}→${reader}`);
  return edges;
}

const MODELS = readdirSync(repoPath('models')).filter((f) => f.endsWith('.yaml'));

describe('model map graph', () => {
  for (const f of MODELS) {
    it(`${f}: the read edges are the read sets of its expressions, the writes its rules' and events' targets`, () => {
      const model = loadModel(repoPath('models', f));
      const graph = modelGraph(model);
      const reads = graph.edges.filter((e) => e.kind !== 'writes').map((e) => `${e.from}→${e.to}`);
      assert.deepEqual(new Set(reads), readSets(model.file));
      assert.equal(reads.length, new Set(reads).size, 'each read drawn once');
      const writes = graph.edges.filter((e) => e.kind === 'writes').map((e) => `${e.from}→${e.to}`);
      const expected = [
        ...Object.entries(model.file.rules ?? {}).map(([r, d]) => `rule:${r}→state:${d.target}`),
        ...Object.entries(model.file.events ?? {}).flatMap(([e, d]) =>
          Object.keys(d.effects ?? {}).map((s) => `event:${e}→state:${s}`),
        ),
      ];
      assert.deepEqual(new Set(writes), new Set(expected));
      const ids = new Set(graph.nodes.map((n) => n.id));
      for (const e of graph.edges)
        assert.ok(ids.has(e.from) && ids.has(e.to), `${e.from}→${e.to} joins two nodes`);
    });
  }

  it('the Central Asia model has a node for every parameter, state variable, derived value, rule, event and output', () => {
    const model = loadModel(repoPath('models', 'central-asia.yaml'));
    const graph = modelGraph(model);
    const file = model.file;
    const sections: Record<NodeKind, object> = {
      parameter: file.parameters ?? {},
      state: file.state,
      derived: file.derived ?? {},
      rule: file.rules ?? {},
      event: file.events ?? {},
      output: file.outputs ?? {},
    };
    for (const kind of NODE_KINDS) {
      const names = graph.nodes.filter((n) => n.kind === kind).map((n) => n.name);
      assert.deepEqual(names, Object.keys(sections[kind]), kind);
    }
    assert.equal(graph.nodes.length, 102 + 29 + 48 + 28 + 11 + 24);
    const recruit = graph.nodes.find((n) => n.id === 'rule:recruitment_own')!;
    assert.match(recruit.description ?? '', /Logistic recruitment/);
    assert.ok(recruit.sources.length >= 3);
    assert.match(recruit.expressions.add ?? '', /^rpois\(recruit \* strength/);
    const edge = graph.edges.find(
      (e) => e.from === 'derived:recruit_mult' && e.to === 'rule:recruitment_own',
    );
    assert.deepEqual(edge?.fields, ['add']);
  });

  it('reads inside aggregates and of one member (Member.name) are edges; built-ins are not', () => {
    const text = `oxus: 1
model: reads
title: reads
time: { start: 2000, end: 2002, step: year }
entities: { group: [A, B] }
parameters:
  g: { value: 1, unit: index, sources: [{ judgment: "x" }] }
  h: { value: 2, unit: index, for: group, sources: [{ judgment: "x" }] }
state:
  s: { unit: index, for: group, initial: "h * 2" }
  total: { unit: index, initial: 0 }
derived:
  mean_s: { expr: "sumOf(s) / 2", unit: index }
rules:
  grow: { for: group, target: s, add: "g * dt * t + pi * 0", sources: [{ judgment: "x" }] }
  keep: { target: total, set: "A.s + mean_s", sources: [{ judgment: "x" }] }
outputs:
  total: { kind: series, expr: total, unit: index }
`;
    const graph = modelGraph(parseModel(text, 'reads.yaml').model!);
    const edges = graph.edges.map((e) => `${e.from}→${e.to}:${e.kind}:${e.fields.join(',')}`);
    assert.deepEqual(edges.sort(), [
      'derived:mean_s→rule:keep:reads:set',
      'parameter:g→rule:grow:reads:add',
      'parameter:h→state:s:initial:initial',
      'rule:grow→state:s:writes:add',
      'rule:keep→state:total:writes:set',
      'state:s→derived:mean_s:reads:expr',
      'state:s→rule:keep:reads:set',
      'state:total→output:total:reads:expr',
    ]);
  });
});
