/**
 * The bundled claims catalogue and outcomes: they load without a problem, every quote is word for word in
 * its seed article, every claim is resolvable (with an outcome) or says why not, and broken files report
 * every problem with its line and field path.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, it } from 'node:test';
import { loadCatalogue, loadOutcomes, parseCatalogue, parseOutcomes } from '../../src/forecast/load.js';
import { repoPath } from '../support/build.js';
import { DOMAIN, SEEDS } from '../support/sources.js';

const CLAIMS = repoPath('forecasts', 'claims.yaml');
const OUTCOMES = repoPath('forecasts', 'outcomes.yaml');
function seeds(): Map<string, string> {
  const out = new Map<string, string>();
  for (const f of readdirSync(SEEDS.dir)) {
    const m = /^(\d+)_.*\.txt$/.exec(f);
    if (m) out.set(m[1]!, readFileSync(resolve(SEEDS.dir, f), 'utf8'));
  }
  return out;
}

describe('forecasts/claims.yaml and outcomes.yaml', () => {
  const catalogue = loadCatalogue(CLAIMS);
  const claims = catalogue.file.claims;
  const outcomes = loadOutcomes(OUTCOMES, catalogue.file).file.outcomes;

  it('holds every statement the issue lists', () => {
    const experts = new Set(claims.map((c) => c.expert));
    for (const who of ['rashid', 'lewis', 'azimov', 'nazarov', 'razzakov', 'zuhurov', 'zenn'])
      assert.ok(experts.has(who), who);
    assert.ok(experts.has('state-department') && experts.has('uzbek-intelligence'));
    assert.ok(claims.filter((c) => c.expert === 'zenn').length >= 6, "Zenn's six statements");
  });

  it('every quote is word for word in its seed article', { skip: SEEDS.skip }, () => {
    const articles = seeds();
    const bad = claims.filter((c) => !articles.get(c.seed)?.includes(c.quote)).map((c) => c.id);
    assert.deepEqual(bad, [], `not verbatim: ${bad.join(', ')}`);
  });

  it('every claim is resolved or says why it cannot be', () => {
    const resolved = new Set(outcomes.map((o) => o.claim));
    for (const c of claims) {
      if (c.unresolvable !== undefined) {
        assert.ok(c.unresolvable.length > 20, `${c.id}: a reason, not a word`);
        assert.ok(!resolved.has(c.id), `${c.id} is unresolvable yet resolved`);
      } else {
        assert.ok(c.question, `${c.id} has a question`);
        assert.ok(resolved.has(c.id), `${c.id} has an outcome`);
        assert.ok(c.noChange, `${c.id} has a no-change answer`);
      }
    }
    assert.ok(resolved.size >= 12, `at least 12 resolvable claims, found ${resolved.size}`);
  });

  it('every outcome cites a file of the domain pack', { skip: DOMAIN.skip }, () => {
    const files = new Set(readdirSync(DOMAIN.dir));
    const bad = outcomes.filter((o) => !('domain' in o.source) || !files.has(o.source.domain));
    assert.deepEqual(bad, []);
  });
});

describe('catalogue and outcome problems', () => {
  const claim = (extra: string) => `oxus: 1
title: t
claims:
  - id: a-claim
    who: Someone
    role: a role
    expert: someone
    date: "2004-01-23"
    seed: "002"
    quote: some words
    reading: { words: could, scale: icd203, term: probably, why: because }
${extra}`;

  it('reports every problem at once, with line and field path', () => {
    const text = `${claim(`    question: { text: q, observable: o, threshold: t, place: p, from: 2003-02, to: 2002-12 }
    model: { scenario: ../scenarios/nowhere.yaml, kind: event, event: e, member: M, by: 2009Q1, note: n }
    colour: red
  - id: a-claim
    who: Someone
    role: a role
    expert: someone
    date: "2004"
    seed: "002"
    quote: q
    reading: { words: w, range: [0.8, 0.2], why: because }`)}`;
    const { problems } = parseCatalogue(text, repoPath('forecasts', 'broken.yaml'));
    const got = problems.map((p) => `${p.line} ${p.path} ${p.code}`);
    assert.deepEqual(got, [
      '14 claims[0].colour E_UNKNOWN_KEY',
      '11 claims[0].reading.term E_READING',
      '12 claims[0].question.to E_WINDOW',
      '12 claims[0].question.from E_WINDOW',
      '13 claims[0].model.scenario E_FILE',
      '15 claims[1].id E_DUPLICATE',
      '15 claims[1] E_CLAIM_OPEN',
      '22 claims[1].reading.range E_READING',
    ]);
  });

  it('outcomes: unknown claims, unresolvable claims, duplicates and windows', () => {
    const catalogue = loadCatalogue(CLAIMS).file;
    const text = `oxus: 1
title: class resolutions
outcomes:
  - { claim: nobody-said-this, outcome: "yes", date: 2005-01, source: { judgment: x }, grade: B }
  - { claim: zenn-alliances, outcome: "yes", date: 2017-01, source: { judgment: x }, grade: B }
  - { claim: azimov-serious-threat, outcome: "yes", date: 2012-01, source: { judgment: x }, grade: B }
  - { claim: lewis-small-scale, outcome: "no", date: 2005-01, source: { judgment: x }, grade: B }
  - { claim: lewis-small-scale, outcome: maybe, date: 2009-01, source: { judgment: x }, grade: Q }
`;
    const { problems } = parseOutcomes(text, 'class.yaml', catalogue);
    const got = problems.map((p) => `${p.line} ${p.path} ${p.code}`);
    assert.deepEqual(got, ['8 outcomes[4].outcome E_SCHEMA', '8 outcomes[4].grade E_SCHEMA']);
    const fixed = text.replace('outcome: maybe', 'outcome: "no"').replace('grade: Q', 'grade: C');
    const again = parseOutcomes(fixed, 'class.yaml', catalogue).problems;
    assert.deepEqual(
      again.map((p) => `${p.line} ${p.path} ${p.code}`),
      [
        '4 outcomes[0].claim E_UNKNOWN_CLAIM',
        '5 outcomes[1].claim E_UNRESOLVABLE',
        '6 outcomes[2].date E_WINDOW',
        '7 outcomes[3].date E_WINDOW',
        '8 outcomes[4].claim E_DUPLICATE',
      ],
    );
  });
});
