/**
 * The model map's graph: one node per parameter, state variable, derived value, rule, event and output of a
 * model, and an edge for every name an expression reads and every state a rule or an event writes. The
 * reads are taken from the compiler itself (`buildPlan`'s `reads`), so the map shows what the compiled code
 * reads, aggregates and `Member.name` included, not what a second parser guesses.
 */
import { buildPlan } from '../../compile/buildPlan.js';
import type { Read } from '../../compile/readRecorder.js';
import { OxusError } from '../../errors.js';
import type { LoadedModel, Origin } from '../../model/load.js';
import type { ModelFile, Source } from '../../model/schema.js';
import type { Path } from '../../model/yamlFile.js';

export type NodeKind = 'parameter' | 'state' | 'derived' | 'rule' | 'event' | 'output';

/** The kinds in the order the map reads from left to right: drivers first, outputs last. */
export const NODE_KINDS: readonly NodeKind[] = ['parameter', 'derived', 'rule', 'event', 'state', 'output'];

export interface MapNode {
  /** `kind:name`: rules and outputs have names of their own, which may equal a state's. */
  readonly id: string;
  readonly kind: NodeKind;
  readonly name: string;
  readonly label: string;
  /** The entity type it has a value per (`group`), absent for a global one. */
  readonly for?: string;
  readonly unit?: string;
  readonly description?: string;
  /** The expressions it is defined by, by field (`add`, `when`, `effects.strength`…). */
  readonly expressions: Readonly<Record<string, string>>;
  readonly sources: readonly Source[];
}

/**
 * `reads`: `to` reads `from` in the expressions named in `fields`; `writes`: rule or event `from` changes
 * state `to`; `initial`: state `to`'s initial value is an expression over parameter `from`.
 */
export type EdgeKind = 'reads' | 'writes' | 'initial';

export interface MapEdge {
  readonly from: string;
  readonly to: string;
  readonly kind: EdgeKind;
  readonly fields: readonly string[];
}

export interface ModelGraph {
  readonly model: string;
  readonly title: string;
  readonly nodes: readonly MapNode[];
  readonly edges: readonly MapEdge[];
}

/** The sections of a model file whose expressions read names, and the node kind each declares. */
const SECTION_KIND: Readonly<Record<string, NodeKind>> = {
  state: 'state',
  derived: 'derived',
  rules: 'rule',
  events: 'event',
  outputs: 'output',
};

export const nodeId = (kind: NodeKind, name: string): string => `${kind}:${name}`;

/** The kind of a name expressions can read: parameters, state, derived values and events share one namespace. */
function readKind(file: ModelFile, name: string): NodeKind | undefined {
  if (file.parameters && Object.hasOwn(file.parameters, name)) return 'parameter';
  if (Object.hasOwn(file.state, name)) return 'state';
  if (file.derived && Object.hasOwn(file.derived, name)) return 'derived';
  if (file.events && Object.hasOwn(file.events, name)) return 'event';
  return undefined;
}

const text = (v: string | number | undefined): string | undefined =>
  v === undefined ? undefined : String(v);

function definedBy(fields: Record<string, string | number | undefined>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(fields).flatMap(([k, v]) => (v === undefined ? [] : [[k, String(v)]])),
  );
}

const optional = <K extends string, V>(key: K, v: V | undefined): { [P in K]?: V } =>
  (v === undefined ? {} : { [key]: v }) as { [P in K]?: V };

function nodesOf(file: ModelFile): MapNode[] {
  const nodes: MapNode[] = [];
  const add = (
    kind: NodeKind,
    name: string,
    d: {
      label?: string | undefined;
      for?: string | undefined;
      unit?: string | undefined;
      description?: string | undefined;
      sources?: readonly Source[] | undefined;
    },
    expressions: Record<string, string>,
  ) =>
    nodes.push({
      id: nodeId(kind, name),
      kind,
      name,
      label: d.label ?? name,
      ...optional('for', d.for),
      ...optional('unit', d.unit),
      ...optional('description', d.description?.trim()),
      expressions,
      sources: d.sources ?? [],
    });
  for (const [name, p] of Object.entries(file.parameters ?? {})) add('parameter', name, p, {});
  for (const [name, s] of Object.entries(file.state)) {
    const initial = typeof s.initial === 'string' ? { initial: s.initial } : {};
    add('state', name, s, initial);
  }
  for (const [name, d] of Object.entries(file.derived ?? {}))
    add('derived', name, d, definedBy({ expr: d.expr }));
  for (const [name, r] of Object.entries(file.rules ?? {}))
    add('rule', name, r, definedBy({ when: r.when, add: text(r.add), set: text(r.set) }));
  for (const [name, e] of Object.entries(file.events ?? {})) {
    const effects = Object.fromEntries(
      Object.entries(e.effects ?? {}).map(([k, v]) => [`effects.${k}`, String(v)]),
    );
    add('event', name, e, { ...definedBy({ probability: text(e.probability), when: e.when }), ...effects });
  }
  for (const [name, o] of Object.entries(file.outputs ?? {})) {
    const fields =
      o.kind === 'series'
        ? { expr: o.expr }
        : o.kind === 'threshold'
          ? { when: o.when }
          : { by: o.by, among: o.among };
    add('output', name, { ...o, unit: o.kind === 'series' ? o.unit : undefined }, definedBy(fields));
  }
  return nodes;
}

/** The graph of a model; throws the compiler's problems (as `oxus validate` lists them) when it has any. */
export function modelGraph(model: LoadedModel): ModelGraph {
  const file = model.file;
  // Edge key `from|to|kind` → the fields of the reading declaration that read it.
  const edges = new Map<string, { from: string; to: string; kind: EdgeKind; fields: Set<string> }>();
  const edge = (from: string, to: string, kind: EdgeKind, field: string) => {
    const key = `${from}|${to}|${kind}`;
    const e = edges.get(key) ?? { from, to, kind, fields: new Set<string>() };
    edges.set(key, e);
    e.fields.add(field);
  };
  const reads = (at: Path | Origin, read: Read) => {
    const path = Array.isArray(at) ? (at as Path) : (at as Origin).path;
    const kind = SECTION_KIND[String(path[0])];
    const from = readKind(file, read.name);
    if (kind === undefined || from === undefined) return;
    const field = path[2] === 'effects' ? `effects.${String(path[3])}` : String(path[2]);
    const to = nodeId(kind, String(path[1]));
    edge(nodeId(from, read.name), to, kind === 'state' ? 'initial' : 'reads', field);
  };
  const { problems } = buildPlan(model, undefined, { reads, hoist: false });
  if (problems.length) throw new OxusError(problems);
  for (const [name, r] of Object.entries(file.rules ?? {}))
    edge(nodeId('rule', name), nodeId('state', r.target), 'writes', r.set !== undefined ? 'set' : 'add');
  for (const [name, e] of Object.entries(file.events ?? {}))
    for (const target of Object.keys(e.effects ?? {}))
      edge(nodeId('event', name), nodeId('state', target), 'writes', `effects.${target}`);
  return {
    model: file.model,
    title: file.title,
    nodes: nodesOf(file),
    edges: [...edges.values()].map((e) => ({ ...e, fields: [...e.fields].sort() })),
  };
}
