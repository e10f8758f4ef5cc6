/**
 * The Trace view: one run of the shown scenario replayed and explained (`POST /api/trace`): its story
 * ("2015Q4: IMU Pledges allegiance to ISIS; IMU.strength 1,075 → 824 (−23%)"), the events that fired, and
 * each step's changes with every rule's and event's part in them. A run number opens it, and so does a
 * click on a sample run in a chart (see sampleRunClicks).
 */
import { api } from '../api.js';
import { el, formatNumber } from '../format.js';
import { analysisSource } from './analysisRequest.js';

/**
 * @typedef {import('../api.js').RunRequest} RunRequest
 * @typedef {{source: string, amount: number}} Contribution
 * @typedef {{state: string, from: number, to: number, contributions: Contribution[]}} Change
 * @typedef {{from: string, to: string, changes: Change[]}} Step
 * @typedef {{date: string, event: string, member?: string, label: string, effects: {state: string, from: number, to: number}[]}} FiredEvent
 * @typedef {{run: number, receipt: Record<string, any>, events: FiredEvent[], steps: Step[], story: string[]}} Answer
 */

/**
 * Draws the view into `panel`; returns the function that opens a run.
 * @param {HTMLElement} panel
 * @param {RunRequest} request what the shown result ran
 * @param {number} runs how many runs it made (the run numbers a click can give)
 * @returns {(run: number) => Promise<void>}
 */
export function renderTrace(panel, request, runs) {
  const input = el('input', { id: 'trace-run', type: 'number', min: '0', step: '1', value: '0' });
  const go = el('button', { type: 'button', id: 'trace-go', class: 'primary', text: 'Explain this run' });
  const status = el('p', { id: 'trace-status', class: 'status', role: 'status', 'aria-live': 'polite' });
  const out = el('div', { id: 'trace-out' });
  panel.append(
    el('p', {
      class: 'muted',
      text: `Why did a run go the way it did? Give a run number (0 to ${(runs - 1).toLocaleString('en-US')}: the same draws as that run of the simulation), or click a sample run in a chart (tick “Show sample runs” first).`,
    }),
    el('div', { class: 'picker' }, [
      el('div', {}, [el('label', { for: 'trace-run', text: 'Run' }), input]),
      el('div', {}, [go]),
    ]),
    status,
    out,
  );
  const open = async (/** @type {number} */ run) => {
    input.value = String(run);
    go.disabled = true;
    delete out.dataset.ready;
    status.textContent = `Replaying run ${run}…`;
    try {
      /** @type {Answer} */
      const answer = await api('/api/trace', { method: 'POST', body: { ...analysisSource(request), run } });
      out.replaceChildren(...storyOf(answer));
      status.textContent = `Run ${run}: ${answer.events.length} events fired.`;
      out.dataset.ready = String(run);
    } catch (err) {
      status.textContent = `The trace failed: ${String(/** @type {Error} */ (err).message)}`;
      out.dataset.ready = 'failed';
    } finally {
      go.disabled = false;
    }
  };
  go.addEventListener('click', () => {
    const run = Number(input.value);
    if (Number.isInteger(run) && run >= 0) void open(run);
    else
      status.textContent = `The run is a whole number from 0 (you gave ${input.value.trim() || 'nothing'}).`;
  });
  return open;
}

/**
 * The story, the events and the steps (each step's details built when first opened: a large model has
 * thousands of contributions).
 * @param {Answer} answer
 */
function storyOf(answer) {
  const r = answer.receipt;
  return [
    el('h3', { text: `Run ${answer.run} of ${r.scenario ?? r.model} (seed ${r.seed})` }),
    el(
      'ol',
      { class: 'story', id: 'trace-story' },
      answer.story.map((line) => el('li', { text: line })),
    ),
    el('h4', { text: 'Steps: what changed, and which rule or event changed it' }),
    el(
      'div',
      { class: 'trace-steps' },
      answer.steps.map((step) => {
        const box = el('details', { class: 'trace-step' }, [
          el('summary', { text: `${step.from} → ${step.to}: ${step.changes.length} changes` }),
        ]);
        box.addEventListener('toggle', () => {
          if (box.open && box.children.length === 1) box.append(changesTable(step));
        });
        return box;
      }),
    ),
  ];
}

/** @param {Step} step */
function changesTable(step) {
  const rows = step.changes.flatMap((c) => [
    el('tr', {}, [
      el('th', { scope: 'row', text: c.state }),
      el('td', { text: `${formatNumber(c.from)} → ${formatNumber(c.to)}` }),
      el('td', {
        text: c.contributions
          .filter((x) => x.amount !== 0)
          .map((x) => `${x.source} ${x.amount > 0 ? '+' : ''}${formatNumber(x.amount)}`)
          .join('; '),
      }),
    ]),
  ]);
  return el('div', { class: 'table-wrap' }, [
    el('table', {}, [
      el('caption', { text: `${step.from} → ${step.to}` }),
      el('thead', {}, [
        el(
          'tr',
          {},
          ['State', 'Change', 'Parts'].map((t) => el('th', { scope: 'col', text: t })),
        ),
      ]),
      el('tbody', {}, rows),
    ]),
  ]);
}

/**
 * Sends a click near a sample run's line in any chart as an `oxus-sample-run` event (detail: the sample's
 * position among the chart's sample runs) from the chart's canvas. A Chart.js plugin, so the charts need
 * no change of their own.
 */
export const sampleRunClicks = {
  id: 'oxusSampleRunClicks',
  /**
   * @param {any} chart
   * @param {{event: {type: string, x: number, y: number}}} args
   */
  afterEvent(chart, args) {
    const e = args.event;
    if (e.type !== 'click') return;
    const sets = chart.data.datasets;
    const x = chart.scales.x;
    const k = Math.round(x.getValueForPixel(e.x));
    let best = { sample: -1, distance: 8 };
    let sample = -1;
    sets.forEach((/** @type {any} */ d, /** @type {number} */ i) => {
      if (!d.sampleRun) return;
      sample++;
      if (!chart.isDatasetVisible(i)) return;
      const v = d.data[k];
      if (typeof v !== 'number') return;
      const distance = Math.abs(chart.scales.y.getPixelForValue(v) - e.y);
      if (distance < best.distance) best = { sample, distance };
    });
    if (best.sample >= 0)
      chart.canvas.dispatchEvent(
        new CustomEvent('oxus-sample-run', { bubbles: true, detail: { sample: best.sample } }),
      );
  },
};
