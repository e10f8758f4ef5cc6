/**
 * The Forecasts page: the claims catalogue with quotes and sources, every forecaster's scores, the
 * calibration chart and the backtest; the scale of estimative words is a choice kept in the URL.
 */
import { api, errorNodes } from './js/api.js';
import { destroyChartsIn } from './js/figure.js';
import { showNav } from './js/nav.js';
import { showClassroom } from './js/views/classroom.js';
import { showBacktest, showClaims, showScores } from './js/views/forecasts.js';

const $ = (/** @type {string} */ id) => /** @type {HTMLElement} */ (document.getElementById(id));
const scaleSelect = /** @type {HTMLSelectElement} */ ($('fc-scale'));

async function draw() {
  const scale = scaleSelect.value;
  $('fc-errors').replaceChildren();
  $('fc-status').textContent = 'Loading…';
  try {
    const catalogue = await api(`/api/forecasts?scale=${encodeURIComponent(scale)}`);
    $('fc-scale-note').textContent =
      `${catalogue.scale.source}; grade ${catalogue.scale.grade}.${catalogue.scale.warning ? ` ${catalogue.scale.warning}` : ''}`;
    showClaims($('fc-claims'), catalogue);
    const report = await api(`/api/forecasts/scores?scale=${encodeURIComponent(scale)}`);
    destroyChartsIn($('fc-scores'));
    showScores($('fc-scores'), report);
    showBacktest($('fc-backtest'), report);
    $('fc-status').textContent =
      `Scores of ${Object.keys(report.scores).length} forecasters on ${report.claims.filter((/** @type {any} */ c) => c.outcome).length} resolved claims.`;
  } catch (err) {
    $('fc-status').textContent = '';
    $('fc-errors').replaceChildren(...errorNodes(err));
  }
}

showNav();
const params = new URLSearchParams(location.search);
scaleSelect.value = params.get('scale') ?? 'icd203';
if (scaleSelect.selectedIndex < 0) scaleSelect.value = 'icd203';
scaleSelect.addEventListener('change', () => {
  params.set('scale', scaleSelect.value);
  history.replaceState(null, '', `?${params}`);
  void draw();
});

// In a class, the catalogue's readings, the model's forecasts and the scores stay hidden until the reveal.
const classCode = params.get('class');
const sections = ['fc-h-scores', 'fc-h-claims', 'fc-h-backtest'].map(
  (id) => /** @type {HTMLElement} */ ($(id).parentElement),
);
let drawn = false;
const reveal = () => {
  for (const s of sections) s.hidden = false;
  if (!drawn) {
    drawn = true;
    void draw();
  }
};
if (classCode) for (const s of sections) s.hidden = true;
else reveal();
void showClassroom({
  panel: $('fc-classroom'),
  code: classCode,
  teach: params.get('teach') === '1',
  onReveal: reveal,
});
