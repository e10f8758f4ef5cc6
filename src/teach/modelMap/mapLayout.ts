/**
 * The model map's drawing: node boxes and edge routes laid out by the Eclipse Layout Kernel's layered
 * (Sugiyama) algorithm, through elkjs. Layered layout suits a model's flow: drivers on the left, outputs
 * on the right, each edge pointing the way influence runs, crossings minimised; the loops through the
 * model's state are broken for the drawing (ELK reverses a few edges) and listed separately. ELK is
 * deterministic (seeded), so the same model always gets the same picture.
 */
import ElkModule, { type ElkExtendedEdge, type ElkNode } from 'elkjs/lib/elk.bundled.js';
import type { ModelGraph, NodeKind } from './modelGraph.js';

export interface PlacedNode {
  readonly id: string;
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

export interface PlacedEdge {
  readonly from: string;
  readonly to: string;
  /** The route from the source's border to the target's: start, bends, end. */
  readonly points: readonly (readonly [number, number])[];
}

export interface MapLayout {
  readonly width: number;
  readonly height: number;
  readonly nodes: readonly PlacedNode[];
  readonly edges: readonly PlacedEdge[];
}

/** Box height, and the width per character of a label at the drawing's 12 px font (the page uses the same). */
export const NODE_HEIGHT = 22;
const CHAR_WIDTH = 7;
const PADDING = 16;

/**
 * Outputs in the last layer, so they line up on the right. Parameters are left where network-simplex
 * layering puts them, just before their first reader: forcing them into the first layer drew every read
 * of a driver as an edge across the whole map.
 */
const LAYER: Partial<Record<NodeKind, string>> = { output: 'LAST' };

const OPTIONS = {
  'elk.algorithm': 'layered',
  'elk.direction': 'RIGHT',
  'elk.edgeRouting': 'POLYLINE',
  'elk.layered.spacing.nodeNodeBetweenLayers': '48',
  'elk.spacing.nodeNode': '8',
  'elk.layered.cycleBreaking.strategy': 'DEPTH_FIRST',
  'elk.layered.layering.strategy': 'NETWORK_SIMPLEX',
  // Fewer crossing-minimisation sweeps than the default 7: the Central Asia model's 240 nodes took 2.2 s
  // of CPU at 7 and 0.7 s at 2, for a picture no worse to the eye.
  'elk.layered.thoroughness': '2',
  'elk.randomSeed': '1',
} as const;

// The package is CommonJS: its module object is the constructor its types call `default`.
const ELK = ElkModule as unknown as typeof ElkModule.default;

const round = (v: number | undefined): number => Math.round((v ?? 0) * 10) / 10;

/** Lays out the graph: every node of the graph gets a box, every edge a route. */
export async function mapLayout(graph: ModelGraph): Promise<MapLayout> {
  const elk = new ELK();
  const input: ElkNode = {
    id: 'model',
    layoutOptions: OPTIONS,
    children: graph.nodes.map((n) => {
      const layer = LAYER[n.kind];
      return {
        id: n.id,
        width: n.name.length * CHAR_WIDTH + PADDING,
        height: NODE_HEIGHT,
        ...(layer ? { layoutOptions: { 'elk.layered.layering.layerConstraint': layer } } : {}),
      };
    }),
    edges: graph.edges.map((e, i): ElkExtendedEdge => ({ id: `e${i}`, sources: [e.from], targets: [e.to] })),
  };
  const out = await elk.layout(input);
  const edges = (out.edges ?? []).map((e, i): PlacedEdge => {
    const s = e.sections?.[0];
    const points = s
      ? [s.startPoint, ...(s.bendPoints ?? []), s.endPoint].map((p) => [round(p.x), round(p.y)] as const)
      : [];
    return { from: graph.edges[i]!.from, to: graph.edges[i]!.to, points };
  });
  return {
    width: round(out.width),
    height: round(out.height),
    nodes: (out.children ?? []).map((c) => ({
      id: c.id,
      x: round(c.x),
      y: round(c.y),
      width: round(c.width),
      height: round(c.height),
    })),
    edges,
  };
}
