/**
 * Lines a reader cannot see on a chart: a line that runs on top of or tight against another at every date
 * (within 3% of the chart's span, a few widths of the drawn line on a chart 300 px high), and lines flat at
 * zero along the axis. The charts draw them in different dashes; this names them in a note under it.
 */

/**
 * @typedef {{label: string, data: (number|null)[]}} Line
 */

/** Lines closer than this share of the span at every date read as one line. */
const OVERLAP = 0.03;

/**
 * Groups of two or more lines that coincide, and the lines at zero throughout.
 * @param {Line[]} lines
 * @returns {{together: string[][], zero: string[]}}
 */
export function hiddenLines(lines) {
  const values = lines.flatMap((l) => l.data.filter((v) => v !== null && Number.isFinite(v)));
  const span = values.length ? Math.max(...values) - Math.min(...values) : 0;
  const tol = span * OVERLAP;
  const isZero = (/** @type {Line} */ l) => l.data.every((v) => v === null || v === 0);
  const zero = lines.filter(isZero).map((l) => l.label);
  const rest = lines.filter((l) => !isZero(l));
  /** @type {string[][]} */
  const together = [];
  const placed = new Set();
  rest.forEach((l, i) => {
    if (placed.has(i)) return;
    const group = [l.label];
    rest.forEach((m, j) => {
      if (j <= i || placed.has(j)) return;
      const close = l.data.every((v, k) => {
        const w = m.data[k];
        return v === w || (v !== null && w !== null && w !== undefined && Math.abs(v - w) <= tol);
      });
      if (close) {
        group.push(m.label);
        placed.add(j);
      }
    });
    if (group.length > 1) together.push(group);
  });
  return { together, zero };
}

/** "A", "A and B", "A, B and C". @param {string[]} names */
const listOf = (names) =>
  names.length < 2 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;

/**
 * The note under a chart naming the lines that hide others, or '' when every line can be seen.
 * @param {Line[]} lines
 * @param {string} zeroText what zero means on this chart ("0%", "0 fighters")
 */
export function hiddenLinesNote(lines, zeroText) {
  if (lines.length < 2) return '';
  const { together, zero } = hiddenLines(lines);
  const parts = [
    ...together.map(
      (g) => `${listOf(g)} coincide or run close together (drawn in different dashes, one over the other)`,
    ),
    ...(zero.length
      ? [`${listOf(zero)} ${zero.length === 1 ? 'stays' : 'stay'} at ${zeroText} throughout (along the axis)`]
      : []),
  ];
  return parts.length ? `${parts.join('. ')}.` : '';
}
