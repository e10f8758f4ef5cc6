/**
 * No dead links in README.md and docs/: every relative Markdown link names a file or folder that exists,
 * every `#anchor` (on the same page or another) names a heading of that page as GitHub anchors it, and
 * every path of the repository written in backticks (`src/model/schema.ts`, `docs/errors.md`) exists, so a
 * renamed or deleted file cannot stay in the docs. Web links are not fetched (tests do not use the network).
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { describe, it } from 'node:test';
import { readRepo, repoPath } from '../support/build.js';
import { anchorsOf, docPages, proseOf } from '../support/markdown.js';

/** The repository's own top-level folders: a backticked path starting with one of them is a reference. */
const TOP = ['src', 'test', 'docs', 'web', 'models', 'scenarios', 'forecasts', 'bench', '.ci'];

/** `x.yaml`, `x.ts`: a file name that stands for any file ("a test of `src/compile/x.ts`"). */
const isPlaceholder = (path: string) => /(^|\/)x\.\w+$/.test(path);

/** Whether a path from the repository root exists; `*` in the last part matches any characters. */
function exists(path: string): boolean {
  if (!path.includes('*')) return existsSync(repoPath(path));
  const dir = dirname(path);
  const pattern = new RegExp(
    `^${path
      .slice(dir.length + 1)
      .replace(/[.+?^${}()|[\]\\]/g, '\\$&')
      .replace(/\*/g, '.*')}$`,
  );
  return existsSync(repoPath(dir)) && readdirSync(repoPath(dir)).some((f) => pattern.test(f));
}

interface Dead {
  readonly page: string;
  readonly line: number;
  readonly target: string;
  readonly why: string;
}

const lineOf = (text: string, index: number) => text.slice(0, index).split('\n').length;

/** The dead Markdown links of a page: `[text](target)` and `[text](target#anchor)`. */
function deadLinks(page: string): Dead[] {
  const text = readRepo(page);
  const prose = proseOf(text);
  const out: Dead[] = [];
  for (const m of prose.matchAll(/\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)) {
    const target = m[1]!;
    if (/^[a-z][a-z0-9+.-]*:/i.test(target)) continue; // https:, mailto:
    const [file = '', anchor] = target.split('#');
    const path = file === '' ? page : normalize(join(dirname(page), decodeURIComponent(file)));
    const dead = (why: string) => out.push({ page, line: lineOf(prose, m.index), target, why });
    if (path.startsWith('..') || !existsSync(repoPath(path))) dead('no such file in the repository');
    else if (anchor !== undefined) {
      if (!path.endsWith('.md')) dead('an anchor into a file that is not Markdown');
      else if (!anchorsOf(readRepo(path)).has(decodeURIComponent(anchor)))
        dead(`no heading of ${path} has the anchor #${anchor}`);
    }
  }
  return out;
}

/** The repository paths written in backticks on a page that do not exist. */
function deadPaths(page: string): Dead[] {
  const text = readRepo(page).replace(/^```[^\n]*\n[\s\S]*?^```[ \t]*$/gm, (b) => b.replace(/[^\n]/g, ' '));
  const out: Dead[] = [];
  for (const m of text.matchAll(/`([^`\s]+)`/g)) {
    const path = m[1]!.replace(/[.,:;]$/, '');
    if (!TOP.some((top) => path.startsWith(`${top}/`)) || isPlaceholder(path)) continue;
    if (!exists(path.replace(/\/$/, '')))
      out.push({ page, line: lineOf(text, m.index), target: path, why: 'no such file or folder' });
  }
  return out;
}

const report = (dead: readonly Dead[]) => dead.map((d) => `${d.page}:${d.line}: ${d.target}: ${d.why}`);

describe('links in the docs', () => {
  it('every relative link and anchor leads somewhere', () => {
    const links = docPages().flatMap(deadLinks);
    assert.deepEqual(report(links), []);
  });

  it('every path of the repository named in backticks exists', () => {
    assert.deepEqual(report(docPages().flatMap(deadPaths)), []);
  });

  it('the README links to every page of docs/', () => {
    const readme = readRepo('README.md');
    const linked = new Set([...proseOf(readme).matchAll(/\]\((docs\/[^)#]+)/g)].map((m) => m[1]));
    assert.deepEqual(
      docPages().filter((p) => p.startsWith('docs/') && !linked.has(p)),
      [],
      'pages of docs/ the README does not link to',
    );
  });

  it('catches a dead link, a dead anchor and a dead path (so passing means something)', () => {
    const anchors = anchorsOf(
      '# Model and scenario file format (version 1)\n## `oxus serve`\n## Units\n## Units\n',
    );
    assert.deepEqual(
      [...anchors],
      ['model-and-scenario-file-format-version-1', 'oxus-serve', 'units', 'units-1'],
    );
    assert.equal(exists('docs/model-format.md'), true);
    assert.equal(exists('src/model/check.ts'), false, 'the path issue 7 found dead');
    assert.equal(exists('models/*.yaml'), true);
    assert.equal(exists('models/*.toml'), false);
  });
});
