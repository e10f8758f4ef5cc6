/**
 * The model map as one answer: the graph of what reads what, its drawing, and its feedback loops
 * (`GET /api/models/:id/map`; format in docs/teaching.md).
 */
import type { LoadedModel } from '../../model/load.js';
import { type FeedbackLoop, feedbackLoops, type LoopLink, type LoopReport } from './feedbackLoops.js';
import {
  DEFAULT_SIGN_RUNS,
  DEFAULT_SIGN_STEPS,
  type LinkSign,
  linkSigns,
  type Polarity,
  polarityOf,
  SIGN_SHARE,
  type SignOptions,
} from './linkSigns.js';
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
  readonly loops: SignedLoops;
}

/** The loops with every link's sign estimated from runs (teach/modelMap/linkSigns.ts) and each loop's polarity. */
export interface SignedLoops extends Omit<LoopReport, 'loops'> {
  readonly signs: {
    readonly method: 'expected-step';
    readonly runs: number;
    readonly steps: number;
    readonly share: number;
  };
  readonly loops: readonly (Omit<FeedbackLoop, 'links'> & {
    readonly polarity: Polarity;
    readonly links: readonly (LoopLink & Pick<LinkSign, 'sign' | 'shares' | 'states'>)[];
  })[];
}

/** The feedback loops of a model's graph, signed from `options.runs × options.steps` states of its runs. */
export function signedLoops(model: LoadedModel, report: LoopReport, options: SignOptions = {}): SignedLoops {
  const signs = linkSigns(model, report, options);
  const byLink = new Map(signs.map((s) => [`${s.from}|${s.to}`, s]));
  const runs = options.runs ?? DEFAULT_SIGN_RUNS;
  const steps = options.steps ?? DEFAULT_SIGN_STEPS;
  return {
    maxStocks: report.maxStocks,
    signs: { method: 'expected-step', runs, steps, share: SIGN_SHARE },
    loops: report.loops.map((loop) => {
      const links = loop.links.map((l) => {
        const { sign, shares, states } = byLink.get(`${l.from}|${l.to}`)!;
        return { ...l, sign, shares, states };
      });
      return { ...loop, links, polarity: polarityOf(links.map((l) => l.sign)) };
    }),
  };
}

/**
 * Builds the map of a model: the layout (about a second for the Central Asia model) and the links' signs (a few
 * seconds there: 64 states of 8 runs, a step per stock and state) take the time.
 */
export async function modelMap(model: LoadedModel, options: SignOptions = {}): Promise<ModelMap> {
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
    loops: signedLoops(model, feedbackLoops(graph), options),
  };
}
