/**
 * The table `oxus sensitivity` prints: one row per parameter (or group), strongest first, with the method's
 * statistics; and the long-form CSV `parameter,statistic,value` (the per-date values as `statistic@date`,
 * their intervals as `statistic_lo@date` and `statistic_hi@date`).
 */
import type { SensitivityResult } from '../sensitivity.js';
import { csvCell } from './csvCell.js';
import { formatNumber } from './format.js';
import { table } from './table.js';

const COLUMNS: Record<SensitivityResult['method'], readonly string[]> = {
  rank: ['rho', 'rho_ci', 'srrc'],
  tornado: ['low', 'high', 'swing', 'swing_ci', 'lowValue', 'highValue'],
  sobol: ['S1', 'S1_ci', 'ST', 'ST_ci'],
  morris: ['mu_star', 'mu_star_ci', 'mu', 'sigma'],
};

/** The statistic a method ranks by. */
const RANK_BY: Record<SensitivityResult['method'], string> = {
  rank: 'rho',
  tornado: 'swing',
  sobol: 'ST',
  morris: 'mu_star',
};

const show = (v: unknown): string =>
  typeof v === 'number'
    ? formatNumber(v)
    : Array.isArray(v)
      ? `[${v.map((x) => formatNumber(x as number)).join(', ')}]`
      : v === null
        ? '–'
        : v === undefined
          ? ''
          : String(v);

/** Parameters ordered by the method's main statistic, largest in absolute value first. */
export function ranked(result: SensitivityResult): SensitivityResult['parameters'] {
  const by = RANK_BY[result.method];
  return [...result.parameters].sort((a, b) => Math.abs(b[by] as number) - Math.abs(a[by] as number));
}

export function renderSensitivityTable(result: SensitivityResult): string {
  const what = `${result.member !== undefined ? `${result.member}.` : ''}${result.output} at ${result.at}`;
  const cols = COLUMNS[result.method];
  const t = table(['parameter', ...cols]);
  for (const p of ranked(result))
    t.push([p.members ? `${p.name} (${p.members.length})` : p.name, ...cols.map((c) => show(p[c]))]);
  const r = result.receipt;
  return `${[
    `Sensitivity (${result.method}) of ${what}: ${result.runs.toLocaleString('en-US')} evaluations, seed ${r.seed}${result.groupBy === 'parameter' ? ', grouped by parameter' : ''}`,
    `Assumes: ${result.assumption}`,
    ...(result.r2 !== undefined ? [`Rank regression R² = ${show(result.r2)}`] : []),
    t.toString(),
  ].join('\n')}\n`;
}

export function renderSensitivityCsv(result: SensitivityResult): string {
  const lines = Object.entries(result.receipt).map(([k, v]) => `# ${k}: ${v}`);
  lines.push(`# method: ${result.method}`, 'parameter,statistic,value');
  for (const p of result.parameters) {
    for (const c of COLUMNS[result.method]) {
      const v = p[c];
      if (Array.isArray(v)) {
        v.forEach((x, i) => {
          lines.push([p.name, `${c}_${i ? 'hi' : 'lo'}`, x].map(csvCell).join(','));
        });
      } else if (typeof v === 'number') lines.push([p.name, c, v].map(csvCell).join(','));
    }
  }
  const h = result.horizons;
  h.values.forEach((row, i) => {
    row.forEach((v, k) => {
      const at = `${h.statistic}@${h.dates[k]}`;
      const name = result.parameters[i]!.name;
      for (const [statistic, x] of [
        [at, v],
        [`${h.statistic}_lo@${h.dates[k]}`, h.low[i]![k]!],
        [`${h.statistic}_hi@${h.dates[k]}`, h.high[i]![k]!],
      ] as const)
        lines.push([name, statistic, x].map(csvCell).join(','));
    });
  });
  return `${lines.join('\n')}\n`;
}
