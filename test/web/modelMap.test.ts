/**
 * The model map on the Teaching page in headless Chromium: the drawing has a box per node and an arrow per
 * edge of the API's map; clicking a box shows its description, sources and neighbours and lists the loops
 * through it; choosing an output highlights exactly the nodes with a path to it; the SVG and PNG exports
 * download. Screenshots in test-artifacts/.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ARTIFACTS, browserSuite } from './browser.js';

interface Map$ {
  nodes: { id: string; kind: string; label: string; description?: string }[];
  edges: { from: string; to: string }[];
  loops: { loops: { stocks: string[]; polarity: string; links: { from: string; sign: string }[] }[] };
}

/** Every node with a path to `target`, and `target`: computed here from the API's edges, not the page's code. */
function upstream(edges: Map$['edges'], target: string): Set<string> {
  const seen = new Set([target]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const e of edges)
      if (seen.has(e.to) && !seen.has(e.from)) {
        seen.add(e.from);
        grew = true;
      }
  }
  return seen;
}

browserSuite('Teaching page: model map', (ui) => {
  ui.test(
    'draws the Central Asia model, explains a node, its loops and the paths to an output, and exports',
    async (t) => {
      const { page } = t;
      const map = await t.api<Map$>('/api/models/central-asia/map');
      await page.goto(`${ui.base}/teaching.html?model=central-asia`);
      await page.waitForSelector('#tc-map[data-ready]');
      assert.equal(await page.locator('#tc-map .map-node').count(), map.nodes.length);
      assert.equal(await page.locator('#tc-map .map-edge').count(), map.edges.length);
      assert.match((await page.textContent('#tc-status')) ?? '', /^242 nodes and \d+ links\.$/);
      assert.equal(await page.getAttribute('#site-nav a[href="/teaching.html"]', 'aria-current'), 'page');

      await page.click('#tc-map [data-id="state:repression"]');
      const repression = map.nodes.find((n) => n.id === 'state:repression')!;
      assert.equal(await page.textContent('#tc-node-title'), repression.label);
      assert.match((await page.textContent('#tc-details')) ?? '', /Changed by \(1\)repression_feedback/);
      assert.match(new URL(page.url()).search, /node=state%3Arepression/);
      const through = map.loops.loops.filter((l) => JSON.stringify(l).includes('"state:repression"')).length;
      assert.equal(
        await page.textContent('#tc-loops-intro'),
        `${through} of the model's ${map.loops.loops.length} feedback loops pass through repression.`,
      );
      // The ring shows each link's sign as the API estimated it, and the loop's polarity.
      const signed = map.loops.loops.find(
        (l) => l.stocks.join(' ') === 'state:strength state:attacks_UZ state:alarm state:repression',
      )!;
      const arrow = (sign: string) => `→ (${sign === '-' ? '−' : sign === 'mixed' ? '±' : sign})`;
      const ring = `${signed.links.map((k) => `${k.from.split(':')[1]} ${arrow(k.sign)}`).join(' ')} strength`;
      const rings = await page.locator('#tc-loop-list .loop-ring').allTextContents();
      assert.ok(rings.includes(ring), `${ring} among\n${rings.join('\n')}`);
      await t.shot('teaching-map-repression');
      const loop = page.locator('#tc-loop-list li.loop', { hasText: ring });
      assert.match(
        (await loop.locator('.loop-polarity').textContent()) ?? '',
        new RegExp(`^${signed.polarity}`),
      );
      await loop.locator('summary').click();
      assert.match(
        (await loop.textContent()) ?? '',
        /repression → \([^)]+\) strength \(\+ \d+%, − \d+%, 0 \d+% of \d+ states\): [^\n]*repression → radical_mult → recruit_mult → recruitment_own → strength/,
      );
      await page
        .locator('#tc-loops-panel')
        .screenshot({ path: join(ARTIFACTS, 'teaching-loops-repression.png') });

      await page.selectOption('#tc-output', 'output:threat_uzbekistan');
      const expected = upstream(map.edges, 'output:threat_uzbekistan');
      const lit = await page.$$eval('#tc-map .map-node.hl', (gs) => gs.map((g) => g.getAttribute('data-id')));
      assert.deepEqual(new Set(lit), expected);
      assert.equal(
        await page.textContent('#tc-status'),
        `${expected.size - 1} nodes have a path to threat_uzbekistan.`,
      );
      await t.shot('teaching-map-threat-uz-paths');

      const [svg] = await Promise.all([page.waitForEvent('download'), page.click('#tc-svg')]);
      assert.equal(svg.suggestedFilename(), 'central-asia-map.svg');
      const svgFile = join(ui.temp, 'map.svg');
      await svg.saveAs(svgFile);
      const text = readFileSync(svgFile, 'utf8');
      assert.match(
        text,
        /^<\?xml version="1.0" encoding="UTF-8"\?>\n<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/,
      );
      assert.equal(text.match(/<rect /g)?.length, map.nodes.length);
      assert.equal(
        text.match(/opacity="0.15"/g)?.length,
        map.nodes.length -
          expected.size +
          map.edges.length -
          (await page.locator('#tc-map .map-edge.hl').count()),
      );
      const [png] = await Promise.all([page.waitForEvent('download'), page.click('#tc-png')]);
      assert.equal(png.suggestedFilename(), 'central-asia-map.png');
      const pngFile = join(ui.temp, 'map.png');
      await png.saveAs(pngFile);
      assert.deepEqual([...readFileSync(pngFile).subarray(1, 4)], [0x50, 0x4e, 0x47]);
    },
  );
});
