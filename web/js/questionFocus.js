/**
 * The quantity and date a scenario's question names ("… would the IMU still be extinct by the end of
 * 2016?" → the IMU's extinction, 2016Q4), so the compare view opens on what the question asks. A reading
 * of the words, not of the model: where the question names nothing the view knows, the caller's default
 * stands.
 */

const QUARTERS = { first: 1, second: 2, third: 3, fourth: 4 };

/**
 * The date a question asks about, among `dates` (a time axis such as 2014Q3 … 2016Q4, or years).
 * "by the end of 2016" and "by 2020" win over a year mentioned in passing; a year stands for its last date
 * on the axis, "the third quarter of 2015" for 2015Q3; the last one named wins among equals.
 * @param {string} question
 * @param {string[]} dates
 * @returns {string|undefined}
 */
export function questionDate(question, dates) {
  const q = question.toLowerCase();
  const inYear = (/** @type {string} */ y) => dates.filter((d) => d.startsWith(y)).at(-1);
  /** @type {{date: string, weight: number, at: number}[]} */
  const found = [];
  for (const m of q.matchAll(/\b(first|second|third|fourth) quarter of (\d{4})\b/g)) {
    const d = `${m[2]}Q${QUARTERS[/** @type {keyof typeof QUARTERS} */ (m[1])]}`;
    if (dates.includes(d)) found.push({ date: d, weight: 1, at: m.index ?? 0 });
  }
  for (const m of q.matchAll(/\b(by|until|up to|through)?\s*(?:the end of |end-)?(\d{4})\b/g)) {
    const d = inYear(/** @type {string} */ (m[2]));
    if (d) found.push({ date: d, weight: m[1] ? 2 : 0, at: m.index ?? 0 });
  }
  found.sort((a, b) => a.weight - b.weight || a.at - b.at);
  return found.at(-1)?.date;
}

/**
 * The quantity a question names: the one whose member and words occur in it most. A member counts most;
 * a word of the question proper (its last clause: "… - would it still be extinct by the end of 2016?")
 * counts three times a word of its premise, and a quantity must be named there.
 * @template {{label: string, member?: string, output?: string}} T
 * @param {string} question
 * @param {T[]} quantities
 * @returns {T|undefined}
 */
export function questionQuantity(question, quantities) {
  const wordsOf = (/** @type {string} */ t) => t.toLowerCase().match(/[a-z]+/g) ?? [];
  const all = wordsOf(question);
  const tail = new Set(wordsOf(question.split(/,|;|\s[-–—]\s/).at(-1) ?? ''));
  const members = new Set(question.match(/\b[A-Z]{2,}\b/g) ?? []);
  let best;
  let bestScore = 0;
  for (const x of quantities) {
    // The label's words of four letters or more ("extinct", "strength", "threat"), stemmed crudely.
    const own = new Set(wordsOf(`${x.output ?? ''} ${x.label}`).filter((w) => w.length >= 4));
    let score = x.member !== undefined && members.has(x.member) ? 4 : 0;
    let asked = false;
    for (const w of own) {
      const stem = w.slice(0, 6);
      const inTail = [...tail].some((v) => v.startsWith(stem));
      asked ||= inTail;
      if (all.some((v) => v.startsWith(stem))) score += inTail ? 3 : 1;
    }
    // A quantity the question proper does not name is no answer, whatever its premise mentions.
    if (asked && score > bestScore) {
      best = x;
      bestScore = score;
    }
  }
  return best;
}
