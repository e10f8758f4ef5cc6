/**
 * What `oxus discover` prints: the box in sentences ("in 81% of the runs where IBB's fighters are at least
 * 1,500 at 2020, taliban_haven is at least 0.71"), the box's restrictions, and the peeling trajectory; the
 * same as long-form CSV `section,step,name,value`.
 */
import type { DiscoveryRestriction, DiscoveryResult } from '../discovery.js';
import { csvCell } from './csvCell.js';
import { evenIndices, formatNumber, formatPercent } from './format.js';
import { table } from './table.js';

/** Units a sentence reads better without ("is at least 0.7", not "0.7 index"). */
const UNITLESS = new Set(['index', 'fraction', 'probability', 'share', '1']);

const OP_WORDS = { '>=': 'is at least', '>': 'is above', '<=': 'is at most', '<': 'is below', '==': 'is' };

/** The runs of interest in words: "IBB's fighters is at least 1,500 at 2020", "IMU pledge has happened by 2016Q4". */
export function outcomeWords(r: DiscoveryResult): string {
  const what = `${r.member !== undefined ? `${r.member}'s ` : ''}${r.label}`;
  if (r.kind !== 'series' && r.when.op === '==' && (r.when.value === 1 || r.when.value === 0))
    return `${what} ${r.when.value === 1 ? 'has' : 'has not'} happened by ${r.at}`;
  const unit = r.unit && !UNITLESS.has(r.unit) ? ` ${r.unit}` : '';
  return `${what} ${OP_WORDS[r.when.op]} ${formatNumber(r.when.value)}${unit} at ${r.at}`;
}

/** One restriction in words: "taliban_haven is at least 0.71", "… is between 0.2 and 0.4", "repression_mode is 1". */
export function restrictionWords(x: DiscoveryRestriction): string {
  if (x.low !== undefined && x.low === x.high) return `${x.parameter} is ${formatNumber(x.low)}`;
  if (x.low !== undefined && x.high !== undefined)
    return `${x.parameter} is between ${formatNumber(x.low)} and ${formatNumber(x.high)}`;
  return x.low !== undefined
    ? `${x.parameter} is at least ${formatNumber(x.low)}`
    : `${x.parameter} is at most ${formatNumber(x.high!)}`;
}

const joined = (parts: string[]) =>
  parts.length <= 1 ? (parts[0] ?? '') : `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}`;

/** The box as sentences: base rate, coverage, density, and what each restriction adds. */
export function discoverySentences(r: DiscoveryResult): string[] {
  const outcome = outcomeWords(r);
  const base = r.cases / r.runs;
  const head = `Of ${r.runs.toLocaleString('en-US')} runs, ${r.cases.toLocaleString('en-US')} (${formatPercent(base)}) are runs where ${outcome}.`;
  const { box } = r;
  if (box.restrictions.length === 0)
    return [head, 'No range of the uncertain parameters holds these runs more densely than all runs do.'];
  const inBox = joined(box.restrictions.map(restrictionWords));
  return [
    head,
    `In ${formatPercent(box.coverage)} of the runs where ${outcome}, ${inBox}.`,
    `Of the runs where ${inBox} (${formatPercent(box.support)} of all runs), ${formatPercent(box.density)} are runs where ${outcome}, against ${formatPercent(base)} of all runs.`,
    ...box.restrictions.map(
      (x) =>
        `Without "${restrictionWords(x)}" that share would be ${formatPercent(x.densityWithout)} (covering ${formatPercent(x.coverageWithout)}).`,
    ),
  ];
}

/** The result with its sentences, as `--format json` and the API give it. */
export function discoveryJson(r: DiscoveryResult): DiscoveryResult & { sentences: string[] } {
  return { ...r, sentences: discoverySentences(r) };
}

export function renderDiscoveryTable(r: DiscoveryResult): string {
  const box = table([
    'parameter',
    'low',
    'high',
    'drawn from',
    'share without it',
    'coverage without it',
    'p',
  ]);
  for (const x of r.box.restrictions) {
    box.push([
      x.parameter,
      x.low !== undefined ? formatNumber(x.low) : '',
      x.high !== undefined ? formatNumber(x.high) : '',
      `${formatNumber(x.range[0])} to ${formatNumber(x.range[1])}`,
      formatPercent(x.densityWithout),
      formatPercent(x.coverageWithout),
      formatNumber(x.pValue),
    ]);
  }
  const path = table(['box', 'restricted', 'coverage', 'density', 'support']);
  // About a dozen boxes of the trajectory, the chosen one among them (JSON and CSV carry every box).
  const shown = new Set([...evenIndices(r.trajectory.length - 1, 12), r.chosen]);
  r.trajectory.forEach((s, i) => {
    if (!shown.has(i)) return;
    path.push([
      i === r.chosen ? `${i} (chosen)` : String(i),
      String(s.restricted),
      formatPercent(s.coverage),
      formatPercent(s.density),
      formatPercent(s.support),
    ]);
  });
  const o = r.options;
  return `${[
    `Scenario discovery (PRIM) of ${r.member !== undefined ? `${r.member}.` : ''}${r.output} at ${r.at}: ${r.runs.toLocaleString('en-US')} runs, seed ${r.receipt.seed}`,
    ...discoverySentences(r),
    '',
    `The box (coverage ${formatPercent(r.box.coverage)}, density ${formatPercent(r.box.density)}, support ${formatPercent(r.box.support)}${o.paste ? ', pasted' : ''}):`,
    box.toString(),
    `Peeling trajectory (α = ${o.alpha}, smallest box ${formatPercent(o.minSupport)} of the runs; chosen: the widest box of density at least ${formatPercent(o.minDensity)}, else the densest; then pasted and its restrictions with p above ${o.significance} dropped):`,
    path.toString(),
  ].join('\n')}\n`;
}

export function renderDiscoveryCsv(r: DiscoveryResult): string {
  const lines = Object.entries(r.receipt).map(([k, v]) => `# ${k}: ${v}`);
  lines.push(`# outcome: ${outcomeWords(r)}`, 'section,step,name,value');
  const row = (...cells: (string | number)[]) => lines.push(cells.map(csvCell).join(','));
  for (const k of ['coverage', 'density', 'support', 'runs', 'cases'] as const) row('box', '', k, r.box[k]);
  for (const x of r.box.restrictions) {
    if (x.low !== undefined) row('restriction', '', `${x.parameter}.low`, x.low);
    if (x.high !== undefined) row('restriction', '', `${x.parameter}.high`, x.high);
    row('restriction', '', `${x.parameter}.densityWithout`, x.densityWithout);
    row('restriction', '', `${x.parameter}.coverageWithout`, x.coverageWithout);
    row('restriction', '', `${x.parameter}.pValue`, x.pValue);
  }
  r.trajectory.forEach((s, i) => {
    for (const k of ['coverage', 'density', 'support', 'restricted'] as const) row('trajectory', i, k, s[k]);
  });
  return `${lines.join('\n')}\n`;
}
