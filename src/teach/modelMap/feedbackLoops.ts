/**
 * Feedback loops of a model map: the closed chains of influence through the model's memory. A loop must
 * pass through a stock (a state variable, or an event's fired flag), because derived values are computed
 * afresh every step and cannot depend on each other in a cycle (the compiler refuses one). So the loops are
 * found on the graph of stocks, where stock a leads to stock b when a path of derived values, rules and
 * events joins them, and each link is then written out as the shortest such path.
 *
 * Enumerated exactly up to `maxStocks` stocks per loop (every elementary cycle of at most that length,
 * each once, started at its first stock in the model's order); a model has few stocks but many paths, so
 * longer loops, repeating the short ones' links, are counted by length but not listed.
 */
import type { MapEdge, MapNode, ModelGraph } from './modelGraph.js';

/** One way a stock changes another: through a rule or event that writes `to`, reading `from`. */
export interface Channel {
  /** The rule or event that changes `to`. */
  readonly writer: string;
  /** The nodes from `from` to the writer, both included: the shortest chain of derived values. */
  readonly path: readonly string[];
}

/** Stock `from` changes stock `to` in the next step, through every channel listed. */
export interface LoopLink {
  readonly from: string;
  readonly to: string;
  readonly channels: readonly Channel[];
}

export interface FeedbackLoop {
  /** The stocks in order; the loop closes from the last back to the first. */
  readonly stocks: readonly string[];
  /** One link per stock, to the next one (the last to the first). */
  readonly links: readonly LoopLink[];
}

export interface LoopReport {
  readonly maxStocks: number;
  readonly loops: readonly FeedbackLoop[];
}

/** Stocks carry a value from one step to the next; nothing else can close a loop. */
export const isStock = (n: Pick<MapNode, 'kind'>): boolean => n.kind === 'state' || n.kind === 'event';

/** Out-neighbours of every node, in edge order (`writes` edges apart: they end a link). */
function successors(edges: readonly MapEdge[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const e of edges) {
    const list = out.get(e.from);
    if (list) list.push(e.to);
    else out.set(e.from, [e.to]);
  }
  return out;
}

/**
 * From stock `from`, every stock it changes: breadth first through derived values (so edge order breaks
 * ties between equally short chains) to each rule or event it reaches, then to the stocks that writer
 * changes. An event is itself a stock (its fired flag), so reaching one is a link to it as well.
 */
function linksFrom(
  from: string,
  out: Map<string, string[]>,
  kindOf: Map<string, string>,
): Map<string, Channel[]> {
  const links = new Map<string, Channel[]>();
  const put = (to: string, channel: Channel) => {
    const list = links.get(to);
    if (list) list.push(channel);
    else links.set(to, [channel]);
  };
  const parent = new Map<string, string>([[from, '']]);
  const queue = [from];
  const pathTo = (v: string) => {
    const path = [v];
    for (let u = parent.get(v)!; u !== ''; u = parent.get(u)!) path.unshift(u);
    return path;
  };
  for (let i = 0; i < queue.length; i++) {
    const v = queue[i]!;
    for (const w of out.get(v) ?? []) {
      if (parent.has(w)) continue;
      const kind = kindOf.get(w);
      if (kind === 'derived') {
        parent.set(w, v);
        queue.push(w);
      } else if (kind === 'rule' || kind === 'event') {
        parent.set(w, v);
        const path = pathTo(w);
        if (kind === 'event') put(w, { writer: w, path });
        for (const to of out.get(w) ?? []) if (kindOf.get(to) === 'state') put(to, { writer: w, path });
      }
    }
  }
  return links;
}

/** Every feedback loop of at most `maxStocks` stocks, shortest first, then in the model's order. */
export function feedbackLoops(graph: ModelGraph, maxStocks = 4): LoopReport {
  const stocks = graph.nodes.filter(isStock).map((n) => n.id);
  const kindOf = new Map(graph.nodes.map((n) => [n.id, n.kind]));
  const out = successors(graph.edges);
  const links = new Map(stocks.map((s) => [s, linksFrom(s, out, kindOf)]));
  const order = new Map(stocks.map((s, i) => [s, i]));
  const found: string[][] = [];
  for (let start = 0; start < stocks.length; start++) {
    const chain = [stocks[start]!];
    const on = new Set(chain);
    const extend = (v: string): void => {
      for (const w of links.get(v)!.keys()) {
        if (w === chain[0]) {
          found.push([...chain]);
          continue;
        }
        if (order.get(w)! < start || on.has(w) || chain.length >= maxStocks) continue;
        on.add(w);
        chain.push(w);
        extend(w);
        chain.pop();
        on.delete(w);
      }
    };
    extend(chain[0]!);
  }
  const loops = found
    .map((chain) => ({
      stocks: chain,
      links: chain.map((from, i) => {
        const to = chain[(i + 1) % chain.length]!;
        return { from, to, channels: links.get(from)!.get(to)! };
      }),
    }))
    .sort((a, b) => a.stocks.length - b.stocks.length);
  return { maxStocks, loops };
}
