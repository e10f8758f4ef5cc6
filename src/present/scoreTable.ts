/**
 * The readable tables `oxus score` prints: each claim with every forecaster's probability (and the word
 * of the chosen estimative scale), the scores with their bootstrap intervals, and the backtest on sizes.
 */
import Table from 'cli-table3';
import type { FullReport } from '../forecast/report.js';
import { SCALES, type ScaleId, wordFor } from '../forecast/scales.js';
import type { ForecasterScore } from '../forecast/score.js';
import { formatNumber, formatPercent } from './format.js';

function table(head: string[]): Table.Table {
  return new Table({
    head,
    style: { head: [], border: [], compact: true, 'padding-left': 1, 'padding-right': 1 },
  });
}

const f3 = (x: number | null | undefined) => (x === null || x === undefined ? '–' : x.toFixed(3));
const ci = (c: readonly [number, number] | null) => (c ? `[${f3(c[0])}, ${f3(c[1])}]` : '');
const withWord = (scale: ScaleId, p: number | undefined) =>
  p === undefined ? '–' : `${formatPercent(p)} ${wordFor(scale, p).term}`;

function claimsTable(report: FullReport, scale: ScaleId): string {
  const t = table(['claim', 'outcome', 'model', 'expert (low–high)', 'base rate', 'no change']);
  for (const c of report.claims) {
    const f = c.forecasts;
    t.push([
      `${c.id} (${c.who}, ${c.date})`,
      c.outcome ?? (c.unresolvable ? 'unresolvable' : 'open'),
      withWord(scale, f.model),
      `${withWord(scale, f.expert)} (${formatPercent(f['expert@low']!)}–${formatPercent(f['expert@high']!)})`,
      f['base-rate'] === undefined ? '–' : formatPercent(f['base-rate']),
      f['no-change'] === undefined ? '–' : f['no-change'] === 1 ? 'yes' : 'no',
    ]);
  }
  return t.toString();
}

function scoresTable(report: FullReport): string {
  const t = table([
    'forecaster',
    'n',
    'Brier [95% CI]',
    'log [95% CI]',
    'Brier skill vs base rate [95% CI] (n)',
  ]);
  const row = (name: string, s: ForecasterScore) =>
    t.push([
      name,
      String(s.n),
      `${f3(s.brier)} ${ci(s.brier_ci)}`,
      `${f3(s.log)} ${ci(s.log_ci)}`,
      s.brier_skill ? `${f3(s.brier_skill.value)} ${ci(s.brier_skill.ci)} (${s.brier_skill.n})` : '–',
    ]);
  for (const [name, s] of Object.entries(report.scores)) row(name, s);
  return t.toString();
}

function backtestTable(report: FullReport): string {
  const b = report.backtest;
  if (!b) return '';
  const t = table([
    'estimate',
    'value (range, grade)',
    'model median [50%] [90%]',
    'in 50% / 90%',
    'CRPS model / persistence',
    'PIT',
    ...(b.reporting ? ['as reported: 90%, in it'] : []),
  ]);
  for (const e of b.estimates) {
    t.push([
      `${e.series} ${e.when} (${e.at})${e.inSample ? ' *' : ''}`,
      `${formatNumber(e.central)} (${formatNumber(e.low)}–${formatNumber(e.high)}, ${e.grade})`,
      `${formatNumber(e.median)} [${formatNumber(e.band50[0])}–${formatNumber(e.band50[1])}] [${formatNumber(e.band90[0])}–${formatNumber(e.band90[1])}]`,
      `${e.covered50 ? 'yes' : 'no'} / ${e.covered90 ? 'yes' : 'no'}`,
      `${formatNumber(e.crps)} / ${e.crpsPersistence === null ? '–' : formatNumber(e.crpsPersistence)}`,
      e.pit.toFixed(2),
      ...(e.reported
        ? [
            `[${formatNumber(e.reported.band90[0])}–${formatNumber(e.reported.band90[1])}] ${e.reported.covered90 ? 'yes' : 'no'}`,
          ]
        : []),
    ]);
  }
  return [
    t.toString(),
    `Coverage of ${b.n} estimates: 50% band ${formatPercent(b.coverage50)}, 90% band ${formatPercent(b.coverage90)}. ` +
      `Mean CRPS on the ${b.crps.n} with a persistence value: model ${formatNumber(b.crps.model)}, persistence ${formatNumber(b.crps.persistence)}. ` +
      `PIT histogram (${b.pit.counts.length} bins from 0 to 1): ${b.pit.counts.join(' ')}. ` +
      `* ${b.inSample} of the ${b.n} were used in setting the model up (in-sample).`,
    `90% band by grade (covered of n${b.reporting ? ', then as reported' : ''}): ${Object.entries(b.byGrade)
      .map(
        ([g, c]) =>
          `${g} ${c.covered90} of ${c.n}${c.covered90Reported === null ? '' : ` / ${c.covered90Reported}`}`,
      )
      .join(
        '; ',
      )}. Median 90% band width ÷ estimate: ${b.width90.model.toFixed(2)}${b.width90.reported === null ? '' : ` (as reported ${b.width90.reported.toFixed(2)})`}.`,
    ...(b.reporting
      ? [
          `As reported: each run's value times a lognormal reporting error of median 1 and log-sd ${b.reporting.logsd} (the estimates file says why); coverage 50% ${formatPercent(b.coverage50Reported!)}, 90% ${formatPercent(b.coverage90Reported!)}.`,
        ]
      : []),
  ].join('\n');
}

/** Renders a score report as text tables, with probabilities worded on `scale`. */
export function renderScoreTable(report: FullReport, scale: ScaleId = 'icd203'): string {
  const s = SCALES[scale];
  const receipts = Object.values(report.receipts)
    .map(
      (r) =>
        `${r.scenario} (seed ${r.seed}, ${r.runs.toLocaleString('en-US')} runs, plan ${r.planHash.slice(0, 12)})`,
    )
    .join('; ');
  return [
    `Claims (words: ${s.name}${s.warning ? `; ${s.warning}` : ''})`,
    claimsTable(report, scale),
    'Scores (lower Brier and log are better; log clipped to [1%, 99%]; experts read at the midpoint, @low and @high at the ends)',
    scoresTable(report),
    report.backtest ? 'Backtest on sizes' : '',
    backtestTable(report),
    `Model runs: ${receipts}.`,
    report.method.caution,
    '',
  ]
    .filter((x) => x !== '')
    .join('\n');
}
