/**
 * The grade the domain pack gives an entry a model cites. A model's `{ domain, entry }` paraphrases one line
 * of the pack (a table row, or a bullet of prose): the line is the one holding most of the entry's words
 * (within the section an entry names first, `2.2 Caulkins: …`; figures count three times; a row whose first cell is the entry's date, the text before its first ": ", wins ties), and its grade is
 * the row's last cell or a "(A)", "(A abstract)", "Grade A" in the prose. Where a line gives several grades
 * ("B/C", a row read from two sources) the weakest counts; a line without one grades the entry `judgment`.
 */

const STRENGTH: Record<string, number> = { A: 3, B: 2, C: 1, U: 0 };

const normalise = (s: string): string =>
  s
    .toLowerCase()
    .replace(/[\u2010-\u2015]/g, '-')
    .replace(/[*"\u201c\u201d\u2018\u2019`]/g, '');

const words = (s: string): Set<string> => new Set(normalise(s).match(/[a-z0-9][a-z0-9,.'-]*[a-z0-9]/g) ?? []);

/** Grades named on one line of the pack (possibly none). */
export function gradesOnLine(line: string): string[] {
  const trimmed = line.trim();
  if (trimmed.startsWith('|')) {
    const cells = trimmed
      .split('|')
      .map((c) => c.trim())
      .filter((c) => c.length > 0);
    return cells.length > 1 ? (cells[cells.length - 1]!.match(/\b[ABCU]\b/g) ?? []) : [];
  }
  const found: string[] = [];
  for (const m of trimmed.matchAll(/\bGrade ([ABCU])\b|\(([ABCU])(?=[\s,;)])/g)) found.push((m[1] ?? m[2])!);
  return found;
}

/** The weakest of some grades, or `judgment` for none. */
export function weakest(grades: readonly string[]): string {
  if (grades.length === 0) return 'judgment';
  return grades.reduce((w, g) => (STRENGTH[g]! < STRENGTH[w]! ? g : w));
}

/** The lines of section `number` (from its heading to the next heading), or all lines if it has none. */
function sectionLines(lines: readonly string[], number: string | undefined): readonly string[] {
  if (number === undefined) return lines;
  const start = lines.findIndex((l) => new RegExp(`^#+\\s+${number.replace('.', '\\.')}\\s`).test(l));
  if (start < 0) return lines;
  const end = lines.findIndex((l, i) => i > start && l.startsWith('#'));
  return lines.slice(start, end < 0 ? undefined : end);
}

/** The line of a pack file an entry cites, and its grade. */
export function packGrade(fileText: string, entry: string): { line: string; grade: string } {
  const colon = entry.indexOf(': ');
  const prefix = colon < 0 ? '' : entry.slice(0, colon);
  const section = /^(\d+(?:\.\d+)+)\s/.exec(prefix)?.[1];
  const body = section !== undefined ? entry.slice(colon + 2) : entry;
  const date = normalise(prefix).trim();
  const want = words(body);
  let weight = 0;
  for (const w of want) weight += /\d/.test(w) ? 3 : 1;
  let best = { score: -1, line: '' };
  for (const line of sectionLines(fileText.split('\n'), section)) {
    if (line.trim().length === 0) continue;
    const have = words(line);
    // Figures say more about which line is meant than words do.
    let common = 0;
    for (const w of want) if (have.has(w)) common += /\d/.test(w) ? 3 : 1;
    const firstCell = line.trim().startsWith('|') ? normalise(line.split('|')[1] ?? '').trim() : '';
    const score = common / Math.max(1, weight) + (firstCell !== '' && firstCell === date ? 0.5 : 0);
    if (score > best.score) best = { score, line };
  }
  return { line: best.line, grade: weakest(gradesOnLine(best.line)) };
}
