/**
 * What `oxus signposts` prints, and a sentence per signpost (also in the JSON, for the UI): "If IBB
 * Strength at 2018Q2 at or above its median, 812 fighters, P(…) goes from 20% to 55% (if not, 12%)".
 */
import type { Condition } from '../analysis/discovery/outcome.js';
import type { SignpostsResult } from '../signposts.js';
import { formatNumber, formatPercent } from './format.js';
import { table } from './table.js';

/** The future in words: "IMU Strength at 2026Q2 >= 300", "Pledge to ISIS has happened by 2016Q4". */
export function futureText(r: SignpostsResult): string {
  const f = r.future;
  const what = `${f.member !== undefined ? `${f.member} ` : ''}${f.label}`;
  const w: Condition = f.when;
  if (f.kind !== 'series' && w.op === '==' && w.value === 1) return `${what} has happened by ${f.at}`;
  if (f.kind !== 'series' && w.op === '==' && w.value === 0) return `${what} has not happened by ${f.at}`;
  return `${what} at ${f.at} ${w.op} ${formatNumber(w.value)}${f.unit ? ` ${f.unit}` : ''}`;
}

const ratio = (x: number | null) =>
  x === null ? 'only in runs where it comes true' : `${formatNumber(x)} times as often where it comes true`;

export function signpostSentences(r: SignpostsResult): string[] {
  const future = futureText(r);
  return r.signposts.map(
    (s) =>
      `If ${s.text}: P(${future}) goes from ${formatPercent(r.prior.p)} to ${formatPercent(s.ifSeen.p)} (if not, to ${formatPercent(s.ifNot.p)}). It shows in ${formatPercent(s.pSeen)} of the runs, ${ratio(s.likelihoodRatio)}.`,
  );
}

export function signpostsJson(r: SignpostsResult): SignpostsResult & { sentences: string[] } {
  return { ...r, sentences: signpostSentences(r) };
}

export function renderSignpostsTable(r: SignpostsResult): string {
  const t = table(['signpost', 'seen in', 'P if seen', 'P if not', 'expected shift', 'likelihood ratio']);
  for (const s of r.signposts) {
    t.push([
      s.text,
      formatPercent(s.pSeen),
      `${formatPercent(s.ifSeen.p)} ± ${formatNumber(s.ifSeen.se)}`,
      `${formatPercent(s.ifNot.p)} ± ${formatNumber(s.ifNot.se)}`,
      formatNumber(s.expectedShift),
      s.likelihoodRatio === null ? '∞' : formatNumber(s.likelihoodRatio),
    ]);
  }
  const left = r.scored - r.signposts.length;
  return `${[
    `Signposts for: ${future(r)}`,
    `P(${futureText(r)}) over all ${r.runs.toLocaleString('en-US')} runs: ${formatPercent(r.prior.p)} ± ${formatNumber(r.prior.se)} (seed ${r.receipt.seed})`,
    t.toString(),
    ...(left > 0 ? [`… and ${left} more scored signposts (--top to list more)`] : []),
    ...(r.unobservable.length > 0
      ? [`${r.unobservable.length} left out: every run or none shows them by their date`]
      : []),
    '',
    ...signpostSentences(r),
  ].join('\n')}\n`;
}

const future = (r: SignpostsResult) => `${futureText(r)}${r.by !== null ? `, watched by ${r.by}` : ''}`;
