/**
 * Reading the project's Markdown (README.md and docs/*.md) for the tests that keep the docs true: fenced
 * code blocks with the example marker before them, tables of a section, links, and the anchors GitHub
 * gives headings (github-slugger, the slug algorithm GitHub's own renderer uses).
 */
import { readdirSync } from 'node:fs';
import GithubSlugger from 'github-slugger';
import { readRepo } from './build.js';

/** README.md and every page of docs/, as paths from the repository root. */
export function docPages(): string[] {
  return [
    'README.md',
    ...readdirSync(new URL('../../../docs/', import.meta.url))
      .filter((f) => f.endsWith('.md'))
      .sort()
      .map((f) => `docs/${f}`),
  ];
}

export interface CodeBlock {
  readonly page: string;
  /** 1-based line of the opening fence. */
  readonly line: number;
  readonly lang: string;
  readonly body: string;
  /** The text of an `<!-- example: … -->` comment on the last non-blank line before the fence. */
  readonly marker: string | undefined;
}

/** The fenced code blocks of a page. */
export function codeBlocks(page: string, text = readRepo(page)): CodeBlock[] {
  const lines = text.split('\n');
  const out: CodeBlock[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^```(\S*)\s*$/.exec(lines[i]!);
    if (!open) continue;
    const end = lines.findIndex((l, j) => j > i && /^```\s*$/.test(l));
    if (end < 0) throw new Error(`${page}:${i + 1}: a code block that is never closed`);
    let before = i - 1;
    while (before >= 0 && lines[before]!.trim() === '') before--;
    const marker = before >= 0 ? /^<!-- example: (.+?) -->$/.exec(lines[before]!.trim())?.[1] : undefined;
    out.push({ page, line: i + 1, lang: open[1]!, body: lines.slice(i + 1, end).join('\n'), marker });
    i = end;
  }
  return out;
}

/** The page without its fenced code blocks and inline code spans (each replaced by blanks of its length). */
export function proseOf(text: string): string {
  const blank = (m: string) => m.replace(/[^\n]/g, ' ');
  return text.replace(/^```[^\n]*\n[\s\S]*?^```[ \t]*$/gm, blank).replace(/`[^`\n]*`/g, blank);
}

/** The cells of one table row: `| a | b \| c |` gives ['a', 'b | c']. */
export function cellsOf(row: string): string[] {
  return row
    .trim()
    .replace(/^\||\|$/g, '')
    .split(/(?<!\\)\|/)
    .map((c) => c.trim().replace(/\\\|/g, '|'));
}

/**
 * The body rows (cells) of the tables in the section under the heading `title` (up to the next heading of
 * the same or a higher level), in order.
 */
export function sectionTables(page: string, title: string): string[][][] {
  const tables: string[][][] = [];
  let current: string[][] | undefined;
  for (const line of sectionLines(page, title)) {
    if (/^\s*\|/.test(line)) {
      if (/^\s*\|[\s|:-]+\|\s*$/.test(line)) continue; // the rule under the header
      if (!current) {
        current = [];
        tables.push(current);
        continue; // the header row
      }
      current.push(cellsOf(line));
    } else current = undefined;
  }
  return tables;
}

/** The text of the section under the heading `title`, up to the next heading of the same or a higher level. */
export function sectionText(page: string, title: string): string {
  return sectionLines(page, title).join('\n');
}

function sectionLines(page: string, title: string): string[] {
  const lines = readRepo(page).split('\n');
  // The level of each line's heading (0 for none; a `#` line inside a code block is not a heading).
  let fenced = false;
  const levels = lines.map((l) => {
    if (/^```/.test(l)) fenced = !fenced;
    return fenced ? 0 : (/^(#{1,6}) /.exec(l)?.[1]?.length ?? 0);
  });
  const start = lines.findIndex((l, i) => levels[i]! > 0 && l.replace(/^#+ /, '') === title);
  if (start < 0) throw new Error(`${page}: no heading '${title}'`);
  const end = levels.findIndex((v, i) => i > start && v > 0 && v <= levels[start]!);
  return lines.slice(start + 1, end < 0 ? undefined : end);
}

/** The names in backticks of a cell: '`log(x)`, `log(x, base)`' gives ['log(x)', 'log(x, base)']. */
export function codeSpans(cell: string): string[] {
  return [...cell.matchAll(/`([^`]+)`/g)].map((m) => m[1]!);
}

/** The anchors of a page's headings, as GitHub makes them (lower case, punctuation dropped, `-2` for repeats). */
export function anchorsOf(text: string): Set<string> {
  const slugger = new GithubSlugger();
  const out = new Set<string>();
  for (const line of proseOfHeadings(text)) out.add(slugger.slug(line));
  return out;
}

/** Heading texts outside code blocks, with inline code kept as its text (GitHub slugs the text, not the ticks). */
function proseOfHeadings(text: string): string[] {
  const withoutBlocks = text.replace(/^```[^\n]*\n[\s\S]*?^```[ \t]*$/gm, '');
  return withoutBlocks
    .split('\n')
    .filter((l) => /^#{1,6} /.test(l))
    .map((l) =>
      l
        .replace(/^#{1,6} /, '')
        .replace(/`([^`]*)`/g, '$1')
        .trim(),
    );
}
