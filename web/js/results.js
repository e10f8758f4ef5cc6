/**
 * Draws a result (and optionally a second one to compare): its receipt, export buttons, and one tab per
 * group of outputs, plus the histogram and the comparison.
 */

import { editLines } from './edits.js';
import { downloadBlob, downloadDataUrl, slug } from './exporting.js';
import { destroyCharts, dropKeptCharts, keepChartsForRefinement, setExportTexts } from './figure.js';
import { el } from './format.js';
import { groupsOf } from './groups.js';
import { RESULT_TABS } from './resultViews.js';
import { buildTabs } from './tabs.js';
import { renderCompare } from './views/compare.js';
import { contextOf, runLabel } from './views/context.js';
import { renderDiscovery } from './views/discovery.js';
import { renderHistogram } from './views/histogram.js';
import { renderEvents, renderLeader, renderThreshold } from './views/probabilities.js';
import { renderSensitivity } from './views/sensitivity.js';
import { renderSeries, sampleToggle } from './views/series.js';
import { renderTrace, sampleRunClicks } from './views/trace.js';

/**
 * @typedef {import('./groups.js').Result} Result
 * @typedef {import('./api.js').RunInfo} RunInfo
 * @typedef {{result: Result, run: RunInfo}} Shown
 * @typedef {import('./share.js').ViewState} ViewState
 */

/**
 * The receipt: what identifies the numbers exactly, and how to get them again.
 * @param {string} name
 * @param {Shown} s
 */
function receiptBlock(name, s) {
  const r = s.result.receipt;
  const rows = Object.entries(r).map(([k, v]) =>
    el('tr', {}, [el('th', { scope: 'row', text: k }), el('td', {}, [el('code', { text: String(v) })])]),
  );
  const req = s.run.request;
  // The served file (several folders may be served); a run read back from the history does not know it.
  const file = s.run.file ?? (req.model ? `models/${req.model}.yaml` : `scenarios/${req.scenario}.yaml`);
  const cli = s.run.scenarioText
    ? `Save the scenario text below as a file beside ${file} and run it with the same --runs and --seed:`
    : `Same numbers from the command line: oxus run ${file} --runs ${r.runs} --seed ${r.seed}`;
  const reproduced = s.run.reproduced
    ? el('p', {
        text: `Reproduced from the history: receipt ${s.run.reproduced.receipt ? 'identical' : 'DIFFERENT'}, summary ${s.run.reproduced.summary ? 'identical bit for bit' : 'DIFFERENT'}.`,
      })
    : null;
  return el('details', { class: 'receipt' }, [
    el('summary', {}, [
      `Receipt${name}: `,
      el('span', { text: `${runLabel(s.result)} · plan ${String(r.planHash).slice(0, 12)}…` }),
    ]),
    el('table', {}, [el('tbody', {}, rows)]),
    reproduced,
    el('p', { class: 'muted', text: cli }),
    s.run.scenarioText ? el('pre', { text: s.run.scenarioText }) : null,
  ]);
}

/**
 * @param {string} name
 * @param {Shown} s
 */
function exportButtons(name, s) {
  const base = slug(
    `oxus ${s.result.receipt.scenario ?? s.result.receipt.model} ${s.result.receipt.runs} runs seed ${s.result.receipt.seed}`,
  );
  const csv = el('button', { type: 'button', text: `Download CSV${name}` });
  csv.addEventListener('click', () => downloadDataUrl(s.run.links.csv, `${base}.csv`));
  const json = el('button', { type: 'button', text: `Download JSON${name}` });
  json.addEventListener('click', () =>
    downloadBlob(`${JSON.stringify(s.result, null, 1)}\n`, 'application/json', `${base}.json`),
  );
  const buttons = [csv, json];
  if (s.run.scenarioText) {
    const yaml = el('button', { type: 'button', text: `Download scenario YAML${name}` });
    yaml.addEventListener('click', () =>
      downloadBlob(/** @type {string} */ (s.run.scenarioText), 'text/yaml', `${base}.yaml`),
    );
    buttons.push(yaml);
  }
  return buttons;
}

/**
 * What the shown runs changed, above the results: one list per run ("as the scenario stands" when nothing).
 * @param {{lines: string[], name: string}[]} runs
 */
function editsBlock(runs) {
  return runs.map(({ lines, name }) =>
    lines.length
      ? el('div', { class: 'edited' }, [
          el('strong', { text: `Edited${name}: ${lines.length} change${lines.length === 1 ? '' : 's'}` }),
          el(
            'ul',
            {},
            lines.map((l) => el('li', { text: l })),
          ),
        ])
      : el('p', { class: 'edited muted', text: `Nothing edited${name}: the scenario as it stands.` }),
  );
}

/**
 * @param {{head: HTMLElement, empty: HTMLElement, title: HTMLElement, question: HTMLElement, edits: HTMLElement,
 *   exports: HTMLElement, receipts: HTMLElement, tablist: HTMLElement, panels: HTMLElement}} dom
 * @param {Shown} a
 * @param {Shown|null} b
 * @param {ViewState} state
 * @param {(patch: Partial<ViewState>) => void} onState
 * @param {import('./edits.js').LabelOf} [labelOf] labels of the parameters and events the edits name
 */
export function showResults(dom, a, b, state, onState, labelOf = () => undefined) {
  // More runs of the job on show (a refinement, or its end): its charts are updated in place.
  const refining = !b && shownAlone !== undefined && shownAlone === a.run.id;
  if (refining) keepChartsForRefinement();
  else destroyCharts();
  shownAlone = b ? undefined : a.run.id;
  dom.empty.hidden = true;
  dom.head.hidden = false;
  dom.title.textContent = b ? `${a.run.title} compared with ${b.run.title}` : a.run.title;
  dom.question.textContent = a.result.question ?? '';
  dom.exports.replaceChildren(...exportButtons(b ? ' (A)' : '', a), ...(b ? exportButtons(' (B)', b) : []));
  dom.receipts.replaceChildren(receiptBlock(b ? ' A' : '', a), ...(b ? [receiptBlock(' B', b)] : []));
  const linesA = editLines(a.run.request ?? {}, labelOf);
  const linesB = b ? editLines(b.run.request ?? {}, labelOf) : [];
  dom.edits.replaceChildren(
    ...editsBlock(
      b
        ? [
            { lines: linesA, name: ' (A)' },
            { lines: linesB, name: ' (B)' },
          ]
        : [{ lines: linesA, name: '' }],
    ),
  );
  const A = contextOf(a.result, linesA);
  const samples = sampleToggle(Boolean(state.samples), (on) => onState({ samples: on }));
  const sameY = sampleToggle(Boolean(state.sameY), (on) => onState({ sameY: on }));
  /** @type {import('./tabs.js').TabSpec[]} */
  const specs = groupsOf(a.result.summary).map((g) => ({
    id: g.id,
    label: g.title.replace(/\s*\(.*\)\s*$/, ''),
    render: (panel) => {
      if (g.kind === 'series') renderSeries(panel, g, A, samples, sameY);
      else if (g.kind === 'threshold') renderThreshold(panel, g, A);
      else if (g.kind === 'leader') renderLeader(panel, g, A);
      else renderEvents(panel, g, A);
    },
  }));
  specs.push({
    id: 'histogram',
    label: 'Histogram',
    render: (panel) => renderHistogram(panel, A, state, onState),
  });
  const B = b ? contextOf(b.result, linesB) : null;
  setExportTexts([A, ...(B ? [B] : [])].map((c) => [c.subtitle, c.fullSubtitle]));
  const view = { a, b, A, B, state, onState };
  for (const tab of RESULT_TABS) {
    if (!tab.when || tab.when(view))
      specs.push({ id: tab.id, label: tab.label, render: (panel) => tab.render(panel, view) });
  }
  const trace = addAnalysisTabs(specs, a, A);
  if (B && b)
    specs.unshift({
      id: 'compare',
      label: 'Compare A and B',
      render: (panel) => renderCompare(panel, A, B, state, onState, { a: a.run.request, b: b.run.request }),
    });
  const select = buildTabs(dom.tablist, dom.panels, specs, (tab) => onState({ tab }));
  select(state.tab && specs.some((s) => s.id === state.tab) ? state.tab : (specs[0]?.id ?? ''));
  dropKeptCharts();
  // A click on a sample run in a chart opens its trace.
  if (onSampleRun) dom.panels.removeEventListener('oxus-sample-run', onSampleRun);
  onSampleRun = (e) => {
    const sample = /** @type {CustomEvent<{sample: number}>} */ (e).detail.sample;
    const run = a.result.summary.samples?.runs[sample];
    if (run === undefined || !trace.render) return;
    select('trace');
    void trace.open?.(run);
  };
  dom.panels.addEventListener('oxus-sample-run', onSampleRun);
}

/** The id of the run on show when it is shown alone (not compared), to tell a refinement of it from a new run. @type {string|undefined} */
let shownAlone;

/** The listener of the results on show for clicks on sample runs. @type {((e: Event) => void)|undefined} */
let onSampleRun;

let clicksRegistered = false;

/**
 * The analysis tabs of the shown result (A's, in a comparison): Sensitivity, Scenario discovery and Trace, once the run has
 * finished (they re-simulate on the server, which a picture refined while runs go on should not do).
 * @param {import('./tabs.js').TabSpec[]} specs
 * @param {Shown} a
 * @param {import('./views/context.js').ViewContext} A
 * @returns {{render?: boolean, open?: (run: number) => Promise<void>}}
 */
function addAnalysisTabs(specs, a, A) {
  /** @type {{render?: boolean, open?: (run: number) => Promise<void>}} */
  const trace = {};
  if (a.run.status !== 'done') return trace;
  trace.render = true;
  if (!clicksRegistered) {
    /** @type {any} */ (window).Chart.register(sampleRunClicks);
    clicksRegistered = true;
  }
  specs.push(
    {
      id: 'sensitivity',
      label: 'Sensitivity',
      render: (panel) => renderSensitivity(panel, A, a.run.request),
    },
    {
      id: 'discover',
      label: 'Scenario discovery',
      render: (panel) => renderDiscovery(panel, A, a.run.request),
    },
    {
      id: 'trace',
      label: 'Trace a run',
      render: (panel) => {
        trace.open = renderTrace(panel, a.run.request, Number(a.result.receipt.runs));
      },
    },
  );
  return trace;
}
