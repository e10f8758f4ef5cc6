/**
 * The map's drawing of the Central Asia model: every node gets a box of its label's size, no two boxes
 * overlap, every edge runs from its source's box to its target's, outputs stand in the last column, and the
 * same model always gives the same picture.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadModel } from '../../../src/model/load.js';
import { mapLayout, NODE_HEIGHT, type PlacedNode } from '../../../src/teach/modelMap/mapLayout.js';
import { modelGraph } from '../../../src/teach/modelMap/modelGraph.js';
import { repoPath } from '../../support/build.js';

/** Distance from a point to a box's border (0 on it); ELK ends routes on the border, to 0.1 px after rounding. */
function offBorder([x, y]: readonly [number, number], b: PlacedNode): number {
  const dx = Math.max(b.x - x, 0, x - (b.x + b.width));
  const dy = Math.max(b.y - y, 0, y - (b.y + b.height));
  const outside = Math.hypot(dx, dy);
  if (outside > 0) return outside;
  return Math.min(x - b.x, b.x + b.width - x, y - b.y, b.y + b.height - y);
}

describe('model map layout', () => {
  const graph = modelGraph(loadModel(repoPath('models', 'central-asia.yaml')));

  it('places every node without overlap and routes every edge between its boxes, the same every time', async () => {
    const layout = await mapLayout(graph);
    assert.equal(layout.nodes.length, graph.nodes.length);
    const box = new Map(layout.nodes.map((n) => [n.id, n]));
    for (const n of layout.nodes) {
      assert.equal(n.height, NODE_HEIGHT);
      assert.ok(
        n.x >= 0 && n.y >= 0 && n.x + n.width <= layout.width && n.y + n.height <= layout.height,
        n.id,
      );
    }
    for (let i = 0; i < layout.nodes.length; i++)
      for (let j = i + 1; j < layout.nodes.length; j++) {
        const a = layout.nodes[i]!;
        const b = layout.nodes[j]!;
        const apart =
          a.x + a.width <= b.x || b.x + b.width <= a.x || a.y + a.height <= b.y || b.y + b.height <= a.y;
        assert.ok(apart, `${a.id} and ${b.id} overlap`);
      }
    assert.equal(layout.edges.length, graph.edges.length);
    for (const [i, e] of layout.edges.entries()) {
      assert.equal(e.from, graph.edges[i]!.from);
      assert.ok(e.points.length >= 2);
      assert.ok(offBorder(e.points[0]!, box.get(e.from)!) <= 0.15, `${e.from}→${e.to} starts at its source`);
      assert.ok(offBorder(e.points.at(-1)!, box.get(e.to)!) <= 0.15, `${e.from}→${e.to} ends at its target`);
    }
    const outputs = graph.nodes.filter((n) => n.kind === 'output').map((n) => box.get(n.id)!.x);
    const rightmost = Math.max(...layout.nodes.map((n) => n.x));
    assert.ok(
      outputs.every((x) => x === outputs[0]) && outputs[0] === rightmost,
      'outputs in the last column',
    );
    assert.deepEqual(await mapLayout(graph), layout);
  });
});
