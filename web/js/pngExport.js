/**
 * A chart as a PNG at twice its size on screen, drawn afresh with the full subtitle (every edit of the
 * run, where the screen shows the first few) on a canvas of its own, so the file reads on its own.
 */
import { fitTexts } from './charts.js';

/** Pixels per CSS pixel of an exported PNG. */
export const EXPORT_SCALE = 2;

/** Height of one more line of subtitle, in CSS pixels (11 px font and its leading). */
const SUBTITLE_LINE = 14;

/**
 * A copy of a chart configuration: plain objects and arrays copied, functions and other objects shared.
 * @param {any} v
 * @returns {any}
 */
function copy(v) {
  if (Array.isArray(v)) return v.map(copy);
  if (v !== null && typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype)
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, copy(x)]));
  return v;
}

/**
 * @typedef {{title: string, subtitle: string, yTitle: string}} ChartTexts the chart's texts unwrapped
 */

/**
 * Draws `config` with `texts` at `width` × `height` CSS pixels (taller by the subtitle lines the longer
 * subtitle adds) and returns it as a PNG data URL at EXPORT_SCALE.
 * @param {any} config the chart's configuration (its data as shown now)
 * @param {ChartTexts} texts
 * @param {number} width
 * @param {number} height
 * @param {number} shownLines the subtitle's lines on screen
 */
export function chartPng(config, texts, width, height, shownLines) {
  const c = copy(config);
  c.options.plugins.title.text = texts.title;
  c.options.plugins.subtitle.text = texts.subtitle;
  c.options.scales.y.title.text = texts.yTitle;
  c.options.responsive = false;
  c.options.animation = false;
  c.options.devicePixelRatio = EXPORT_SCALE;
  fitTexts(c, width, height);
  const lines = c.options.plugins.subtitle.text.length;
  const tall = height + Math.max(0, lines - shownLines) * SUBTITLE_LINE;
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = tall;
  return drawOutOfSight(canvas, c, () => canvas.toDataURL('image/png'));
}

/**
 * Draws `config` on `canvas` out of sight (Chart.js needs the canvas in the document to measure its
 * fonts), hands the chart to `use`, then destroys the chart and takes the canvas away.
 * @template T
 * @param {HTMLCanvasElement} canvas
 * @param {any} config
 * @param {(chart: any) => T} use
 * @param {{width: number, height: number}} [box] the stage's size in CSS pixels, for a responsive chart
 * @returns {T}
 */
export function drawOutOfSight(canvas, config, use, box) {
  const stage = document.createElement('div');
  stage.className = 'export-stage';
  if (box) {
    stage.style.width = `${box.width}px`;
    stage.style.height = `${box.height}px`;
  }
  stage.append(canvas);
  document.body.append(stage);
  try {
    const Chart = /** @type {any} */ (window).Chart;
    const chart = new Chart(canvas, config);
    try {
      return use(chart);
    } finally {
      chart.destroy();
    }
  } finally {
    stage.remove();
  }
}
