/**
 * The paired comparison of the compare view: both scenarios simulated on common random numbers
 * (`POST /api/compare`), so run i of B is run i of A with only the scenario changed. A headline at the
 * chosen date ("P(Strength — IMU is higher with imu_no_pledge than with imu_pledge_2015 at 2016Q4) =
 * 0.97 ± 0.01") and the fan of the per-run difference B − A over time. The difference axis is symmetric
 * and holds 0, and never zooms in below a twentieth of the quantity's own scale, so noise does not pass
 * for an effect.
 */
import { api } from '../api.js';
import { fanChart, lineChart } from '../charts.js';
import { addFigure } from '../figure.js';
import { el, formatNumber } from '../format.js';
import { analysisSource } from './analysisRequest.js';

/**
 * @typedef {import('./context.js').ViewContext} ViewContext
 * @typedef {import('../api.js').RunRequest} RunRequest
 * @typedef {{kind: 'series'|'threshold'|'event', key: string, label: string, unit: string, a: any, b: any}} Pair
 * @typedef {{date: string, diff: {mean: number, percentiles: Record<string, number>}, pLess: number,
 *   pEqual: number, pGreater: number, se: {mean: number, pLess: number, pEqual: number, pGreater: number},
 *   table?: {both: number, onlyA: number, onlyB: number, neither: number, pA: number, pB: number, diff: number, diffSe: number}}} Comparison
 * @typedef {{names: {a: string, b: string}, receipts: {a: {runs: number}}, comparisons: Comparison[]}} CompareAnswer
 */

/**
 * A round number at or above x, for an axis limit.
 * @param {number} x
 */
export function niceCeil(x) {
  if (!(x > 0)) return 1;
  const step = 10 ** Math.floor(Math.log10(x));
  return Math.ceil(x / step) * step;
}

/**
 * The half-width of an honest difference axis: the largest difference shown, but at least `floor`.
 * @param {number[]} values
 * @param {number} floor
 */
export function symmetricLimit(values, floor) {
  const biggest = Math.max(0, ...values.filter(Number.isFinite).map(Math.abs));
  return niceCeil(Math.max(biggest, floor));
}

/** The body of `POST /api/compare` for two shown runs: their scenarios and edits, A's runs and seed. */
function compareBody(
  /** @type {{a: RunRequest, b: RunRequest}} */ sides,
  /** @type {Pair} */ pair,
  /** @type {string[]} */ dates,
) {
  const side = (/** @type {RunRequest} */ r) => analysisSource(r, false);
  const { runs, seed } = sides.a;
  return {
    a: side(sides.a),
    b: side(sides.b),
    ...(runs !== undefined ? { runs } : {}),
    ...(seed !== undefined ? { seed } : {}),
    output: pair.a.output ?? pair.a.event,
    ...(pair.a.member !== undefined ? { member: pair.a.member } : {}),
    at: dates,
  };
}

const two = (/** @type {number} */ x) => x.toFixed(2);

/**
 * The headline at one date, in the sides' scenario names.
 * @param {Pair} pair
 * @param {CompareAnswer} answer
 * @param {Comparison} c
 */
export function headline(pair, answer, c) {
  const { a, b } = answer.names;
  if (pair.kind === 'series') {
    // A probability of 0 or 1 has a standard error of 0: say in how many runs instead.
    const runs = Number(answer.receipts.a.runs).toLocaleString('en-US');
    const sure =
      c.pGreater === 1 ? ` (in all ${runs} runs)` : c.pGreater === 0 ? ` (in none of the ${runs} runs)` : '';
    return `P(${pair.label} is higher with ${b} than with ${a} at ${c.date}) = ${two(c.pGreater)}${sure || ` ± ${two(c.se.pGreater)}`}`;
  }
  const t = /** @type {NonNullable<Comparison['table']>} */ (c.table);
  return `P(${pair.label} by ${c.date}): ${two(t.pB)} with ${b}, ${two(t.pA)} with ${a}; B − A = ${t.diff >= 0 ? '+' : ''}${two(t.diff)} ± ${two(t.diffSe)}`;
}

/**
 * Fetches the paired comparison of the pair and draws its headline and difference chart into `area`.
 * @param {HTMLElement} area
 * @param {ViewContext} A
 * @param {Pair} pair
 * @param {{a: RunRequest, b: RunRequest}} sides
 * @param {string} date the headline's date
 * @param {string[]} dates the dates both sides share
 */
export async function addPaired(area, A, pair, sides, date, dates) {
  const box = el('div', { class: 'paired', id: 'paired' }, [
    el('p', { class: 'muted', text: 'Pairing the runs of A and B (common random numbers)…' }),
  ]);
  area.prepend(box);
  /** @type {CompareAnswer} */
  let answer;
  try {
    answer = await api('/api/compare', { method: 'POST', body: compareBody(sides, pair, dates) });
  } catch (err) {
    box.replaceChildren(
      el('p', {
        class: 'errors',
        text: `The paired comparison failed: ${String(/** @type {Error} */ (err).message)}`,
      }),
    );
    box.dataset.ready = 'failed';
    return;
  }
  const rows = answer.comparisons;
  const at = rows.find((c) => c.date === date) ?? rows.at(-1);
  if (!at) return;
  box.replaceChildren(
    el('p', { class: 'headline', id: 'paired-headline', text: headline(pair, answer, at) }),
    el('p', {
      class: 'muted',
      text: `B − A run by run: run i of ${answer.names.b} is run i of ${answer.names.a} with the same random numbers, so the difference is the scenario's effect in that run. ± is one Monte Carlo standard error.${pair.kind === 'series' ? ` P(lower) = ${two(at.pLess)}, P(equal) = ${two(at.pEqual)}.` : ` In ${at.table?.onlyA} runs it happened only with A, in ${at.table?.onlyB} only with B.`}`,
    }),
  );
  const shown = rows.map((c) => c.date);
  const subtitle = `B: ${answer.names.b} − A: ${answer.names.a} · paired runs`;
  const title = `${pair.label}: B − A run by run`;
  if (pair.kind === 'series') drawSeriesDifference(box, A, pair, rows, shown, { title, subtitle });
  else drawProbabilityDifference(box, A, rows, shown, { title, subtitle });
  box.dataset.ready = 'true';
}

/**
 * @param {HTMLElement} box
 * @param {ViewContext} A
 * @param {Pair} pair
 * @param {Comparison[]} rows
 * @param {string[]} dates
 * @param {{title: string, subtitle: string}} t
 */
function drawSeriesDifference(box, A, pair, rows, dates, t) {
  /** @type {Record<string, number[]>} */
  const percentiles = {};
  for (const p of ['5', '25', '50', '75', '95'])
    percentiles[p] = rows.map((c) => /** @type {number} */ (c.diff.percentiles[p]));
  const scale = [...(pair.a.percentiles['95'] ?? []), ...(pair.b.percentiles['95'] ?? [])];
  const limit = symmetricLimit(
    [...(percentiles['5'] ?? []), ...(percentiles['95'] ?? [])],
    0.05 * Math.max(0, ...scale.filter(Number.isFinite).map(Math.abs)),
  );
  addFigure(box, {
    ...t,
    config: fanChart({
      ...t,
      xLabel: A.xLabel,
      yLabel: `B − A (${pair.unit || 'value'})`,
      dates,
      percentiles,
      colourIndex: 6,
      yMin: -limit,
      yMax: limit,
    }),
    table: {
      caption: `${t.title} (${pair.unit})`,
      columns: [
        { label: 'Date' },
        ...['5th', '25th', 'Median', '75th', '95th'].map((label) => ({ label, format: formatNumber })),
        ...['P(B > A)', 'SE'].map((label) => ({ label, format: two })),
      ],
      rows: rows.map((c, k) => [
        c.date,
        ...['5', '25', '50', '75', '95'].map((p) => percentiles[p]?.[k]),
        c.pGreater,
        c.se.pGreater,
      ]),
    },
  });
}

/**
 * @param {HTMLElement} box
 * @param {ViewContext} A
 * @param {Comparison[]} rows
 * @param {string[]} dates
 * @param {{title: string, subtitle: string}} t
 */
function drawProbabilityDifference(box, A, rows, dates, t) {
  const diff = rows.map((c) => c.table?.diff ?? 0);
  const se = rows.map((c) => c.table?.diffSe ?? 0);
  const lo = diff.map((d, k) => d - 2 * (se[k] ?? 0));
  const hi = diff.map((d, k) => d + 2 * (se[k] ?? 0));
  const limit = Math.min(1, symmetricLimit([...lo, ...hi], 0.05));
  const config = lineChart({
    ...t,
    xLabel: A.xLabel,
    yLabel: 'P(B) − P(A) (percentage points)',
    percent: true,
    yMin: -limit,
    yMax: limit,
    dates,
    lines: [
      { label: '− 2 paired standard errors', data: lo, colourIndex: 5, dashed: true },
      { label: '+ 2 paired standard errors', data: hi, colourIndex: 5, dashed: true },
      { label: 'P(B) − P(A)', data: diff, colourIndex: 6 },
    ],
  });
  // Negative ticks are percentage points too (the shared formatter hides values below 0).
  config.options.scales.y.ticks.callback = (/** @type {number|string} */ v) =>
    `${Math.round(Number(v) * 100)} pp`;
  addFigure(box, {
    ...t,
    config,
    table: {
      caption: `${t.title} (probability it has happened by each date)`,
      columns: [
        { label: 'Date' },
        ...['P(A)', 'P(B)', 'P(B) − P(A)', 'paired SE'].map((label) => ({ label, format: two })),
      ],
      rows: rows.map((c) => [c.date, c.table?.pA, c.table?.pB, c.table?.diff, c.table?.diffSe]),
    },
  });
}
