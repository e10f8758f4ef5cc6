/**
 * Every figure of the lessons (web/lessons/*.html) is produced by a command the lesson names: each
 * `<code data-command="ID">oxus …</code>` is run in-process as written plus `--format json` (the lesson shows
 * the command a teacher types, whose table holds the same numbers), and each
 * `<span class="fig" data-run="ID" data-path="a.b.0.c" data-as="percent|number|signed|text">` (a path segment
 * `key=value` picks the array element whose `key` is `value`) must read exactly what the
 * JSON holds at that path, formatted as the UI and the CLI format numbers. So a change of the model that
 * moves a figure fails here, naming the lesson, the figure and both values.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { formatNumber, formatPercent } from '../../src/present/format.js';
import { repoPath } from '../support/build.js';
import { oxus } from '../support/cli.js';

const LESSONS = readdirSync(repoPath('web', 'lessons')).filter((f) => /^\d.*\.html$/.test(f));

/** The text between tags, with the entities the lessons use decoded. */
const textOf = (html: string) =>
  html
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();

export interface LessonFigures {
  readonly commands: Map<string, string[]>;
  readonly figures: { run: string; path: string; as: string; text: string }[];
}

/** The commands and figures of a lesson page. */
export function lessonFigures(html: string): LessonFigures {
  const commands = new Map<string, string[]>();
  for (const m of html.matchAll(/<code data-command="([\w-]+)">([\s\S]*?)<\/code>/g)) {
    const words = textOf(m[2]!).split(' ');
    assert.equal(words[0], 'oxus', `command ${m[1]} starts with oxus`);
    commands.set(m[1]!, words.slice(1));
  }
  const figures = [
    ...html.matchAll(
      /<span class="fig" data-run="([\w-]+)" data-path="([\w.=-]+)" data-as="(\w+)">([\s\S]*?)<\/span>/g,
    ),
  ].map((m) => ({ run: m[1]!, path: m[2]!, as: m[3]!, text: textOf(m[4]!) }));
  return { commands, figures };
}

/** The value at a dotted path; a segment `key=value` picks the element of an array whose `key` is `value`. */
function at(value: unknown, path: string): unknown {
  return path.split('.').reduce<unknown>((v, segment) => {
    const [key, wanted] = segment.split('=');
    if (wanted !== undefined) return (v as Record<string, unknown>[]).find((x) => String(x[key!]) === wanted);
    return (v as Record<string, unknown> | undefined)?.[segment];
  }, value);
}

function formatted(v: unknown, as: string, what: string): string {
  if (as === 'text') return String(v);
  assert.equal(typeof v, 'number', `${what}: a number (found ${JSON.stringify(v)})`);
  const x = v as number;
  if (as === 'percent') return formatPercent(x);
  if (as === 'number') return formatNumber(x);
  if (as === 'signed') return x > 0 ? `+${formatNumber(x)}` : formatNumber(x).replace('-', '−');
  throw new Error(`unknown figure format '${as}'`);
}

describe('lesson figures', () => {
  assert.ok(LESSONS.length >= 3, 'three lessons');
  for (const file of LESSONS) {
    it(`${file}: every figure is what its command gives`, async () => {
      const { commands, figures } = lessonFigures(readFileSync(repoPath('web', 'lessons', file), 'utf8'));
      assert.ok(figures.length > 0, 'the lesson has figures');
      const used = new Set(figures.map((f) => f.run));
      assert.deepEqual([...commands.keys()].sort(), [...used].sort(), 'each command gives a figure');
      for (const [id, args] of commands) {
        assert.ok(!args.includes('--format'), `${id}: the lesson shows the table's command`);
        const r = await oxus(...args, '--format', 'json');
        assert.equal(r.code, 0, `${id}: ${r.stderr}`);
        const json = JSON.parse(r.stdout);
        for (const f of figures.filter((x) => x.run === id))
          assert.equal(
            f.text,
            formatted(at(json, f.path), f.as, `${file}: ${id} ${f.path}`),
            `${file}: ${id} ${f.path}`,
          );
      }
    });
  }
});
