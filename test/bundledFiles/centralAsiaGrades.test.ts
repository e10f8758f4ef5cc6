/**
 * Evidence grades of the models' sources: every domain entry and reference in models/ carries a grade, and
 * a domain entry's grade is the one the domain pack gives the line it cites (test/support/domainGrades.ts
 * finds the line; without the pack, in OXUS_DOMAIN or ../shared/domain, that check skips with the reason).
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, it } from 'node:test';
import { parseModel } from '../../src/model/load.js';
import type { Source } from '../../src/model/schema.js';
import { readRepo, repoPath } from '../support/build.js';
import { gradesOnLine, packGrade, weakest } from '../support/domainGrades.js';
import { DOMAIN } from '../support/sources.js';

/** Every source of a model with where it is: parameters (and their members), state, derived, rules, events. */
function sourcesOf(file: string): { where: string; source: Source }[] {
  const parsed = parseModel(readRepo('models', file), file);
  assert.ok(parsed.model, `${file} parses`);
  const m = parsed.model.file;
  const out: { where: string; source: Source }[] = [];
  const add = (where: string, list: readonly Source[] | undefined) => {
    list?.forEach((source, i) => {
      out.push({ where: `${file}: ${where}.sources[${i}]`, source });
    });
  };
  for (const [name, p] of Object.entries(m.parameters ?? {})) {
    add(`parameters.${name}`, p.sources);
    for (const [member, v] of Object.entries(p.members ?? {}))
      if (typeof v === 'object') add(`parameters.${name}.members.${member}`, v.sources);
  }
  for (const section of ['state', 'derived', 'rules', 'events'] as const)
    for (const [name, d] of Object.entries(m[section] ?? {})) add(`${section}.${name}`, d.sources);
  return out;
}

const MODELS = readdirSync(repoPath('models')).filter((f) => f.endsWith('.yaml'));

describe('evidence grades of the models’ sources', () => {
  it('every domain entry and reference in models/ carries a grade', () => {
    const ungraded = MODELS.flatMap(sourcesOf)
      .filter(({ source }) => ('domain' in source || 'ref' in source) && source.grade === undefined)
      .map(({ where }) => where);
    assert.deepEqual(
      ungraded,
      [],
      `add the grade the domain pack gives (or judgment):\n${ungraded.join('\n')}`,
    );
  });

  it('each domain entry’s grade is the one the pack gives the line it cites', { skip: DOMAIN.skip }, () => {
    const packs = new Map<string, string>();
    const pack = (name: string) => {
      if (!packs.has(name)) packs.set(name, readFileSync(resolve(DOMAIN.dir, name), 'utf8'));
      return packs.get(name)!;
    };
    const domain = MODELS.flatMap(sourcesOf).flatMap(({ where, source }) =>
      'domain' in source ? [{ where, source }] : [],
    );
    assert.ok(
      domain.length >= 40,
      `expected the Central Asia model's domain entries, found ${domain.length}`,
    );
    const wrong = domain.flatMap(({ where, source }) => {
      const found = packGrade(pack(source.domain), source.entry);
      return found.grade === source.grade
        ? []
        : [`${where}: graded ${source.grade}, the pack gives ${found.grade} on: ${found.line.slice(0, 120)}`];
    });
    assert.deepEqual(wrong, [], wrong.join('\n'));
  });

  it('reads grades off table rows and prose, the weakest of several', () => {
    assert.deepEqual(gradesOnLine('| 2008 | TIP videos show "several dozen" | Jamestown | B |'), ['B']);
    assert.deepEqual(gradesOnLine('| 26 Jan 2015 | Wilayat Khorasan | warfare.today | B/C |'), ['B', 'C']);
    assert.deepEqual(gradesOnLine('| 2001 | under 2,000 | Patterns 2001 | A (mirror) |'), ['A']);
    assert.deepEqual(gradesOnLine('- **Functional form (U):** recruitment (A abstract)'), ['U', 'A']);
    assert.deepEqual(gradesOnLine('- Clauset & Gleditsch 2012, PLoS ONE. Grade A.'), ['A']);
    assert.deepEqual(gradesOnLine('**Reading notes.** (1) Fighter counts are estimates'), []);
    assert.equal(weakest(['B', 'C']), 'C');
    assert.equal(weakest([]), 'judgment');
  });
});
