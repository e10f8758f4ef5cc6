/**
 * The model map as one answer: the graph of what reads what, its drawing, and its feedback loops
 * (`GET /api/models/:id/map`; format in docs/teaching.md).
 */
import type { LoadedModel } from '../../model/load.js';
import { feedbackLoops, type LoopReport } from './feedbackLoops.js';
import { mapLayout } from './mapLayout.js';
import { type MapEdge, type MapNode, modelGraph } from './modelGraph.js';

export interface ModelMap {
  readonly format: 'oxus-model-map/1';
  readonly model: string;
  readonly title: string;
  readonly width: number;
  readonly height: number;
  readonly nodes: readonly (MapNode & { x: number; y: number; width: number; height: number })[];
  readonly edges: readonly (MapEdge & { points: readonly (readonly [number, number])[] })[];
  readonly loops: LoopReport;
}

/** Builds the map of a model (the layout takes most of the time: about a second for the Central Asia model). */
export async function modelMap(model: LoadedModel): Promise<ModelMap> {
  const graph = modelGraph(model);
  const layout = await mapLayout(graph);
  const boxes = new Map(layout.nodes.map((n) => [n.id, n]));
  return {
    format: 'oxus-model-map/1',
    model: graph.model,
    title: graph.title,
    width: layout.width,
    height: layout.height,
    nodes: graph.nodes.map((n) => {
      const { x, y, width, height } = boxes.get(n.id)!;
      return { ...n, x, y, width, height };
    }),
    edges: graph.edges.map((e, i) => ({ ...e, points: layout.edges[i]!.points })),
    loops: feedbackLoops(graph),
  };
}
