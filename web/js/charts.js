/**
 * Chart.js configurations. Every chart has a title (and a subtitle naming the run), axis titles with
 * units and a legend; it is drawn on white so an exported PNG reads on its own.
 */

/** Okabe–Ito colours: distinguishable with the common colour-vision deficiencies. */
export const PALETTE = [
  '#0072B2',
  '#D55E00',
  '#009E73',
  '#CC79A7',
  '#E69F00',
  '#56B4E9',
  '#000000',
  '#8C564B',
];

/**
 * @param {number} i
 * @param {number} [alpha]
 */
export function colour(i, alpha = 1) {
  const hex = PALETTE[i % PALETTE.length] ?? '#000000';
  if (alpha === 1) return hex;
  const n = Number.parseInt(hex.slice(1), 16);
  return `rgba(${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255}, ${alpha})`;
}

/**
 * Breaks a text into lines of at most about `max` characters, at spaces (Chart.js draws an array of
 * lines; a single long line would be squeezed).
 * @param {string} text
 * @param {number} max
 * @returns {string[]}
 */
export function wrapText(text, max) {
  /** @type {string[]} */
  const lines = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line && line.length + 1 + word.length > max) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines;
}

/**
 * Wraps a chart's title, subtitle and y-axis title to the size of its box.
 * @param {any} config
 * @param {number} width
 * @param {number} height
 */
export function fitTexts(config, width, height) {
  const { title, subtitle } = config.options.plugins;
  title.text = wrapText(String(title.text), Math.max(20, Math.floor(width / 9)));
  subtitle.text = wrapText(String(subtitle.text), Math.max(30, Math.floor(width / 6.3)));
  const y = config.options.scales.y.title;
  y.text = wrapText(String(y.text), Math.max(16, Math.floor((height - 90) / 7.5)));
}

/** Fills the canvas white before drawing, so exported PNGs are not transparent. */
export const whiteBackground = {
  id: 'whiteBackground',
  /** @param {any} chart */
  beforeDraw(chart) {
    const { ctx, width, height } = chart;
    ctx.save();
    ctx.globalCompositeOperation = 'destination-over';
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(0, 0, width, height);
    ctx.restore();
  },
};

/**
 * @typedef {{title: string, subtitle: string, xLabel: string, yLabel: string, percent?: boolean,
 *   yMin?: number, yMax?: number, stacked?: boolean, lineLegend?: boolean, legendFilter?: (label: string) => boolean}} Frame
 */

/**
 * Options shared by every chart.
 * @param {Frame} f
 */
function options(f) {
  const tick = f.percent
    ? (/** @type {number|string} */ v) =>
        Number(v) < 0 || Number(v) > 1 ? '' : `${Math.round(Number(v) * 100)}%`
    : undefined;
  return {
    responsive: true,
    maintainAspectRatio: false,
    animation: false,
    interaction: { mode: 'index', intersect: false },
    plugins: {
      title: {
        display: true,
        text: f.title,
        font: { size: 15, weight: 'bold' },
        color: '#1a1a1a',
        padding: { top: 4, bottom: 2 },
      },
      subtitle: {
        display: true,
        text: f.subtitle,
        color: '#555',
        font: { size: 11 },
        padding: { bottom: 6 },
      },
      legend: {
        display: true,
        position: 'bottom',
        labels: {
          color: '#1a1a1a',
          boxWidth: 18,
          ...(f.lineLegend ? { boxHeight: 3 } : {}),
          font: { size: 12 },
          ...(f.legendFilter
            ? { filter: (/** @type {{text: string}} */ item) => f.legendFilter?.(item.text) ?? true }
            : {}),
        },
      },
      tooltip: {
        callbacks: f.percent
          ? { label: (/** @type {any} */ c) => `${c.dataset.label}: ${(c.parsed.y * 100).toFixed(1)}%` }
          : {},
      },
    },
    scales: {
      x: {
        stacked: f.stacked ?? false,
        title: { display: true, text: f.xLabel, color: '#1a1a1a', font: { size: 12, weight: 'bold' } },
        ticks: { color: '#333', maxRotation: 0, autoSkipPadding: 12 },
        grid: { color: '#eeeeee' },
      },
      y: {
        stacked: f.stacked ?? false,
        title: { display: true, text: f.yLabel, color: '#1a1a1a', font: { size: 12, weight: 'bold' } },
        ticks: { color: '#333', ...(tick ? { callback: tick } : {}) },
        grid: { color: '#e4e4e4' },
        ...(f.yMin !== undefined ? { min: f.yMin } : {}),
        ...(f.yMax !== undefined ? { max: f.yMax } : {}),
      },
    },
  };
}

/**
 * A fan chart: median line with bands holding 50% and 90% of runs, and optionally sample runs (datasets
 * from `sampleRunDatasets`).
 * @param {Frame & {dates: string[], percentiles: Record<string, number[]>, colourIndex: number,
 *   samples?: any[], showSamples?: boolean}} f
 */
export function fanChart(f) {
  const p = f.percentiles;
  const c = f.colourIndex;
  const line = { pointRadius: 0, borderWidth: 0, tension: 0 };
  /** @type {any} */
  const config = {
    type: 'line',
    data: {
      labels: f.dates,
      datasets: [
        { ...line, label: '5th percentile', data: p['5'], borderColor: 'transparent', fill: false },
        {
          ...line,
          label: '90% of runs (5th–95th percentile)',
          data: p['95'],
          borderColor: colour(c, 0.25),
          backgroundColor: colour(c, 0.15),
          fill: '-1',
        },
        { ...line, label: '25th percentile', data: p['25'], borderColor: 'transparent', fill: false },
        {
          ...line,
          label: '50% of runs (25th–75th percentile)',
          data: p['75'],
          borderColor: colour(c, 0.4),
          backgroundColor: colour(c, 0.35),
          fill: '-1',
        },
        {
          ...line,
          label: 'Median',
          data: p['50'],
          borderColor: colour(c),
          backgroundColor: colour(c),
          borderWidth: 2.5,
          fill: false,
        },
      ],
    },
    options: fanOptions(f),
    plugins: [whiteBackground],
  };
  if (f.samples && f.showSamples) config.data.datasets.push(...f.samples);
  return config;
}

/** Legend label of the one entry that stands for every sample run. */
const SAMPLE_LEGEND = /^Sample runs \(/;

/**
 * A fan's options: percentile edges and all sample runs but the first stay out of the legend; clicking
 * the sample runs' entry hides or shows them all; sample runs stay out of the tooltip.
 * @param {Frame} f
 */
function fanOptions(f) {
  const o = options({
    ...f,
    legendFilter: (text) =>
      !text.endsWith('percentile') && (!text.startsWith('Sample run') || SAMPLE_LEGEND.test(text)),
  });
  const legend = /** @type {any} */ (o.plugins.legend);
  legend.onClick = (/** @type {any} */ e, /** @type {any} */ item, /** @type {any} */ l) => {
    const chart = l.chart;
    const sets = chart.data.datasets;
    if (!sets[item.datasetIndex]?.sampleRun) {
      /** @type {any} */ (window).Chart.defaults.plugins.legend.onClick.call(l, e, item, l);
      return;
    }
    const show = !chart.isDatasetVisible(item.datasetIndex);
    sets.forEach((/** @type {any} */ d, /** @type {number} */ i) => {
      if (d.sampleRun) chart.setDatasetVisibility(i, show);
    });
    chart.update();
  };
  /** @type {any} */ (o.plugins.tooltip).filter = (/** @type {any} */ item) => !item.dataset.sampleRun;
  return o;
}

/**
 * Thin, semi-transparent lines of single runs' trajectories, to draw over a fan in its colour. Only the
 * first has a legend entry, standing for all of them. They come after the fan's datasets, so Chart.js draws
 * them first, beneath the bands and the median.
 * @param {number[][]} trajectories
 * @param {number} colourIndex
 */
export function sampleRunDatasets(trajectories, colourIndex) {
  return trajectories.map((data, i) => ({
    label: i === 0 ? `Sample runs (first ${trajectories.length})` : `Sample run ${i + 1}`,
    data,
    sampleRun: true,
    borderColor: colour(colourIndex, 0.55),
    // No fill: the legend shows an outline, not a band's swatch.
    backgroundColor: 'transparent',
    borderWidth: 1,
    pointRadius: 0,
    pointHoverRadius: 0,
    tension: 0,
    fill: false,
  }));
}

/**
 * Adds or removes a fan chart's sample runs.
 * @param {any} chart a Chart.js chart drawn from `fanChart`
 * @param {any[]} samples from `sampleRunDatasets`
 * @param {boolean} on
 */
export function showSampleRuns(chart, samples, on) {
  const sets = chart.data.datasets;
  for (let i = sets.length - 1; i >= 0; i--) if (sets[i].sampleRun) sets.splice(i, 1);
  if (on) sets.push(...samples);
  chart.update();
}

/** Dash patterns of the second and later lines of a chart. */
const DASHES = [
  [8, 4],
  [3, 3],
  [12, 3, 3, 3],
  [2, 5],
  [6, 2, 2, 2, 2, 2],
  [14, 6],
];

/**
 * Lines (medians of several groups, probabilities by date, differences).
 * @param {Frame & {dates: string[], lines: {label: string, data: (number|null)[], colourIndex: number, dashed?: boolean}[]}} f
 */
export function lineChart(f) {
  return {
    type: 'line',
    data: {
      labels: f.dates,
      datasets: f.lines.map((l, i) => ({
        label: l.label,
        data: l.data,
        borderColor: colour(l.colourIndex),
        backgroundColor: colour(l.colourIndex),
        // Lines that coincide stay visible: Chart.js draws the first dataset on top, so the last line is
        // solid and wide at the bottom and the others are narrower dashes over it.
        borderWidth: i === f.lines.length - 1 ? 3.5 : 2,
        borderDash: l.dashed ? [6, 4] : i === f.lines.length - 1 ? [] : (DASHES[i % DASHES.length] ?? []),
        pointRadius: 0,
        tension: 0,
        fill: false,
      })),
    },
    options: options({ ...f, lineLegend: true }),
    plugins: [whiteBackground],
  };
}

/**
 * Stacked areas: shares that add up to 1 (which member leads).
 * @param {Frame & {dates: string[], areas: {label: string, data: number[], colourIndex: number}[]}} f
 */
export function stackedChart(f) {
  return {
    type: 'line',
    data: {
      labels: f.dates,
      datasets: f.areas.map((a, i) => ({
        label: a.label,
        data: a.data,
        borderColor: colour(a.colourIndex),
        backgroundColor: colour(a.colourIndex, 0.55),
        borderWidth: 1,
        pointRadius: 0,
        fill: i === 0 ? 'origin' : '-1',
      })),
    },
    options: options({ ...f, stacked: true, yMin: 0, yMax: 1 }),
    plugins: [whiteBackground],
  };
}

/**
 * Bars: a histogram of per-run values.
 * @param {Frame & {labels: string[], data: number[], colourIndex: number, seriesLabel: string}} f
 */
export function barChart(f) {
  const config = {
    type: 'bar',
    data: {
      labels: f.labels,
      datasets: [
        {
          label: f.seriesLabel,
          data: f.data,
          backgroundColor: colour(f.colourIndex, 0.75),
          borderColor: colour(f.colourIndex),
          borderWidth: 1,
          barPercentage: 1,
          categoryPercentage: 1,
        },
      ],
    },
    options: options(f),
    plugins: [whiteBackground],
  };
  config.options.interaction = { mode: 'nearest', intersect: true };
  return config;
}
