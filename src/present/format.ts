/** Number and label formatting shared by the CLI's table and CSV outputs. */

/** Three significant figures, integers above 100, thousands separated: 1,234 · 56.7 · 0.0123. */
export function formatNumber(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  const a = Math.abs(x);
  if (a >= 100) return Math.round(x).toLocaleString('en-US');
  if (a === 0) return '0';
  return Number(x.toPrecision(3)).toString();
}

/** Like formatNumber, shorter for large values: 31.3k, 1.2M. */
export function compactNumber(x: number): string {
  const a = Math.abs(x);
  if (a >= 1e6) return `${Number((x / 1e6).toPrecision(3))}M`;
  if (a >= 1e4) return `${Number((x / 1e3).toPrecision(3))}k`;
  return formatNumber(x);
}

/** A percentage with no decimals, but "<1%" and ">99%" at the ends. */
export function formatPercent(p: number): string {
  if (p > 0 && p < 0.005) return '<1%';
  if (p < 1 && p > 0.995) return '>99%';
  return `${Math.round(p * 100)}%`;
}

/** About `count` evenly spaced indices from 0 to last, always including both ends. */
export function evenIndices(last: number, count: number): number[] {
  if (last <= 0) return [0];
  const n = Math.min(count, last + 1);
  const out = new Set<number>();
  for (let i = 0; i < n; i++) out.add(Math.round((i * last) / (n - 1)));
  return [...out];
}

/** A count with its noun in the right number: `counted(1, 'event')` is "1 event", 2 gives "2 events". */
export function counted(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
}
