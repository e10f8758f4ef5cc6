/**
 * `oxus score --format csv`: one value per row, `kind,key,field,value`. Kinds: `forecast` (key claim id,
 * field forecaster), `outcome` (key claim id), `score` (key forecaster, fields n, brier, brier_lo, brier_hi,
 * log, log_lo, log_hi, brier_skill, brier_skill_n), `backtest` (key series@date, fields median, p25, p75,
 * p5, p95, central, crps, crps_persistence, pit; with a reporting error also reported_p5, reported_p95,
 * reported_crps, reported_pit), `backtest_total` (key all) and `backtest_grade` (key the grade; n, covered90,
 * covered90_reported).
 */
import type { FullReport } from '../forecast/report.js';
import { csvCell } from './csvCell.js';

export function renderScoreCsv(report: FullReport): string {
  const rows: (string | number | null)[][] = [['kind', 'key', 'field', 'value']];
  for (const c of report.claims) {
    rows.push(['outcome', c.id, 'outcome', c.outcome]);
    for (const [name, p] of Object.entries(c.forecasts)) rows.push(['forecast', c.id, name, p]);
  }
  for (const [name, s] of Object.entries(report.scores)) {
    rows.push(['score', name, 'n', s.n], ['score', name, 'brier', s.brier], ['score', name, 'log', s.log]);
    if (s.brier_ci)
      rows.push(['score', name, 'brier_lo', s.brier_ci[0]], ['score', name, 'brier_hi', s.brier_ci[1]]);
    if (s.log_ci) rows.push(['score', name, 'log_lo', s.log_ci[0]], ['score', name, 'log_hi', s.log_ci[1]]);
    if (s.brier_skill)
      rows.push(
        ['score', name, 'brier_skill', s.brier_skill.value],
        ['score', name, 'brier_skill_n', s.brier_skill.n],
      );
  }
  const b = report.backtest;
  if (b) {
    for (const e of b.estimates) {
      const key = `${e.series}@${e.at}`;
      const fields: [string, number | null][] = [
        ['median', e.median],
        ['p25', e.band50[0]],
        ['p75', e.band50[1]],
        ['p5', e.band90[0]],
        ['p95', e.band90[1]],
        ['central', e.central],
        ['crps', e.crps],
        ['crps_persistence', e.crpsPersistence],
        ['pit', e.pit],
      ];
      if (e.reported)
        fields.push(
          ['reported_p5', e.reported.band90[0]],
          ['reported_p95', e.reported.band90[1]],
          ['reported_crps', e.reported.crps],
          ['reported_pit', e.reported.pit],
        );
      for (const [field, v] of fields) rows.push(['backtest', key, field, v]);
    }
    rows.push(
      ['backtest_total', 'all', 'coverage50', b.coverage50],
      ['backtest_total', 'all', 'coverage90', b.coverage90],
    );
    rows.push(
      ['backtest_total', 'all', 'crps_model', b.crps.model],
      ['backtest_total', 'all', 'crps_persistence', b.crps.persistence],
    );
    if (b.reporting)
      rows.push(
        ['backtest_total', 'all', 'reporting_logsd', b.reporting.logsd],
        ['backtest_total', 'all', 'coverage50_reported', b.coverage50Reported],
        ['backtest_total', 'all', 'coverage90_reported', b.coverage90Reported],
      );
    for (const [grade, g] of Object.entries(b.byGrade)) {
      rows.push(['backtest_grade', grade, 'n', g.n], ['backtest_grade', grade, 'covered90', g.covered90]);
      if (g.covered90Reported !== null)
        rows.push(['backtest_grade', grade, 'covered90_reported', g.covered90Reported]);
    }
    rows.push(['backtest_total', 'all', 'n', b.n]);
  }
  return `${rows.map((r) => r.map((v) => csvCell(v ?? '')).join(',')).join('\n')}\n`;
}
