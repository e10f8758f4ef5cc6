/**
 * What `oxus futures` prints, and the generated narrative of each future (also in the JSON, for the UI):
 * the four futures side by side, each driver's setting, and the paired effects of the drivers.
 */
import type { FuturesResult } from '../futures.js';
import type { Driver, Level, MeanSe } from '../teach/futures.js';
import type { Outcome } from '../teach/outcome.js';
import { showOutcome } from './assumptionsTable.js';
import { formatNumber, formatPercent } from './format.js';
import { table } from './table.js';

/** A driver at a level in words: "taliban_haven low (below its median 0.42)", "host_mode at 1". */
export function levelPhrase(d: Driver, level: Level): string {
  if (d.setting === 'values')
    return `${d.name} at ${formatNumber((level === 'low' ? d.low : d.high)[0]![0])}`;
  const side = level === 'low' ? 'below' : 'above';
  const median =
    d.slots.length === 1
      ? `its median ${formatNumber(d.split![0]!)}`
      : `the median of each of its ${d.slots.length} entries`;
  return `${d.name} ${level} (drawn ${side} ${median})`;
}

const centre = (o: Outcome) => (o.kind === 'indicator' ? o.mean : o.median!);

/** One sentence or two per future, from its numbers. */
export function futureNarratives(r: FuturesResult): string[] {
  const what = `${r.member !== undefined ? `${r.member} ` : ''}${r.label}`;
  const centres = r.futures.map((f) => centre(f.outcome));
  const top = Math.max(...centres);
  const bottom = Math.min(...centres);
  return r.futures.map((f, i) => {
    const o = f.outcome;
    const setting = `${levelPhrase(r.drivers[0], f.levels[0])}, ${levelPhrase(r.drivers[1], f.levels[1])}`;
    const value =
      o.kind === 'indicator'
        ? `the chance that ${what} has happened by ${r.at} is ${formatPercent(o.mean)} (± ${formatNumber(o.se)}), against ${formatPercent(r.all.mean)} over all the scenario's runs`
        : `${what} at ${r.at} has a median of ${formatNumber(o.median!)}${r.unit ? ` ${r.unit}` : ''} (90% of runs ${formatNumber(o.p5!)} to ${formatNumber(o.p95!)}), against ${formatNumber(r.all.median!)} over all the scenario's runs`;
    const rank =
      top === bottom
        ? ''
        : centres[i] === top
          ? ' The highest of the four.'
          : centres[i] === bottom
            ? ' The lowest of the four.'
            : '';
    const share =
      f.share === null ? '' : ` ${formatPercent(f.share)} of the scenario's runs drew this future.`;
    return `With ${setting}: ${value}.${rank}${share}`;
  });
}

export function futuresJson(r: FuturesResult): FuturesResult & { narratives: string[] } {
  return { ...r, narratives: futureNarratives(r) };
}

const showEffect = (e: MeanSe) =>
  `${e.mean >= 0 ? '+' : ''}${formatNumber(e.mean)} (SE ${formatNumber(e.se)})`;

export function renderFuturesTable(r: FuturesResult): string {
  const [a, b] = r.drivers;
  const t = table([
    'future',
    a.name,
    b.name,
    'share of runs',
    r.kind === 'series' ? 'outcome' : 'probability',
  ]);
  for (const f of r.futures) {
    t.push([
      `${a.name} ${f.levels[0]}, ${b.name} ${f.levels[1]}`,
      f.levels[0],
      f.levels[1],
      f.share === null ? '–' : formatPercent(f.share),
      showOutcome(f.outcome),
    ]);
  }
  const what = `${r.member !== undefined ? `${r.member}.` : ''}${r.output} at ${r.at}`;
  const e = r.effects;
  return `${[
    `Alternative futures: ${what}, ${r.runs.toLocaleString('en-US')} runs a future, seed ${r.receipt.seed} (common random numbers)`,
    `All runs: ${showOutcome(r.all)}`,
    t.toString(),
    'Paired effects (run by run):',
    `  ${a.name} high − low: with ${b.name} low ${showEffect(e.a.low)}, with ${b.name} high ${showEffect(e.a.high)}`,
    `  ${b.name} high − low: with ${a.name} low ${showEffect(e.b.low)}, with ${a.name} high ${showEffect(e.b.high)}`,
    `  interaction (how much ${a.name}'s effect changes with ${b.name}): ${showEffect(e.interaction)}`,
    '',
    ...futureNarratives(r),
    ...r.notes.map((n) => `Note: ${n}`),
  ].join('\n')}\n`;
}
