/**
 * The progress of one run or of a comparison's two: one fraction for the bar and one line of text, which
 * also says how many runs the charts are drawn from while the runs go on.
 */

/**
 * @param {number[]} totals the runs of each
 * @param {(fraction: number, text: string) => void} show
 */
export function progressOf(totals, show) {
  const progress = totals.map((total) => ({ done: 0, total }));
  /** Runs the charts are drawn from while the run goes on (0: none drawn yet). */
  let drawn = 0;
  const n = (/** @type {number} */ x) => x.toLocaleString('en-US');
  const report = () => {
    const all = progress.reduce((s, p) => s + p.total, 0);
    const done = progress.reduce((s, p) => s + p.done, 0);
    const counts = progress
      .filter((p) => p.total > 0)
      .map((p) => `${n(p.done)} of ${n(p.total)}`)
      .join(' and ');
    const partial = drawn
      ? ` Charts show the first ${n(drawn)} runs (exact for those runs), refined as more finish.`
      : '';
    show(all ? done / all : 0, `Simulating: ${counts} runs…${partial}`);
  };
  return {
    /** @param {number} i @param {number} done @param {number} total */
    update(i, done, total) {
      progress[i] = { done, total };
      report();
    },
    /** @param {number} runs the runs the charts now show */
    drawn(runs) {
      drawn = runs;
      report();
    },
  };
}
