/**
 * Provenance of the Central Asia model: every parameter, rule and event of models/central-asia.yaml names
 * at least one source, and every quote from a seed article (in the model and in scenarios/) is a verbatim
 * substring of that article (`<id>_*.txt` in OXUS_SEEDS, by default ../shared/seeds beside the repository).
 * Without the documents those checks skip and say how to run them; CI sets OXUS_REQUIRE_SOURCES=1 so that
 * they fail there instead (test/support/sources.ts).
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import YAML from 'yaml';
import { DOMAIN, SEEDS } from '../support/sources.js';

/** The repository root: tests are compiled to dist/test/bundledFiles/. */
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const MODEL = resolve(ROOT, 'models', 'central-asia.yaml');
const SCENARIOS = resolve(ROOT, 'scenarios');

type Dict = Record<string, unknown>;

/** One place that cites: where it is (for messages) and its `sources` value as written. */
interface Citing {
  readonly where: string;
  readonly sources: unknown;
}

const isDict = (v: unknown): v is Dict => typeof v === 'object' && v !== null && !Array.isArray(v);
const entries = (v: unknown): [string, unknown][] => (isDict(v) ? Object.entries(v) : []);

function readYaml(path: string): Dict {
  const doc: unknown = YAML.parse(readFileSync(path, 'utf8'));
  assert.ok(isDict(doc), `${path} is not a YAML mapping`);
  return doc;
}

/** Seed articles by id ("000", "002"); fails clearly when the folder is required but missing. */
function loadSeeds(): Map<string, string> {
  assert.ok(
    existsSync(SEEDS.dir),
    `The seed articles are missing: expected the folder ${SEEDS.dir} (OXUS_SEEDS, by default ` +
      '../shared/seeds beside the repository). Seed quotes in the model cannot be checked without it.',
  );
  const seeds = new Map<string, string>();
  for (const file of readdirSync(SEEDS.dir)) {
    const m = /^(\d+)_.*\.txt$/.exec(file);
    if (m) seeds.set(m[1]!, readFileSync(resolve(SEEDS.dir, file), 'utf8'));
  }
  assert.ok(seeds.size > 0, `No seed articles (<id>_*.txt) in ${SEEDS.dir}`);
  return seeds;
}

/** The parameters, rules and events of the model: each must cite. */
function requiredCitations(model: Dict): Citing[] {
  const out: Citing[] = [];
  for (const section of ['parameters', 'rules', 'events']) {
    for (const [name, def] of entries(model[section])) {
      out.push({ where: `${section}.${name}`, sources: isDict(def) ? def.sources : undefined });
    }
  }
  return out;
}

/** Every `sources` list anywhere in a model or scenario file, including per-member ones. */
function allCitations(doc: Dict, file: string): Citing[] {
  const out: Citing[] = [];
  if (doc.sources !== undefined) out.push({ where: `${file}: sources`, sources: doc.sources });
  for (const section of ['parameters', 'state', 'derived', 'rules', 'events']) {
    for (const [name, def] of entries(doc[section])) {
      if (!isDict(def)) continue;
      if (def.sources !== undefined) out.push({ where: `${file}: ${section}.${name}`, sources: def.sources });
      for (const [member, value] of entries(def.members)) {
        if (isDict(value) && value.sources !== undefined) {
          out.push({ where: `${file}: ${section}.${name}.members.${member}`, sources: value.sources });
        }
      }
    }
  }
  return out;
}

/** Seed quotes that are not verbatim in their article, as readable messages. */
function badQuotes(citations: readonly Citing[], seeds: ReadonlyMap<string, string>): string[] {
  const bad: string[] = [];
  for (const { where, sources } of citations) {
    if (!Array.isArray(sources)) continue;
    for (const source of sources) {
      if (!isDict(source) || source.seed === undefined) continue;
      const id = String(source.seed);
      const article = seeds.get(id);
      if (article === undefined)
        bad.push(`${where}: unknown seed "${id}" (have ${[...seeds.keys()].join(', ')})`);
      else if (typeof source.quote !== 'string' || source.quote.length === 0)
        bad.push(`${where}: seed ${id} without a quote`);
      else if (!article.includes(source.quote))
        bad.push(`${where}: not verbatim in seed ${id}: "${source.quote}"`);
    }
  }
  return bad;
}

function scenarioFiles(): string[] {
  return readdirSync(SCENARIOS)
    .filter((f) => f.endsWith('.yaml'))
    .sort();
}

describe('models/central-asia.yaml: sources', () => {
  const model = readYaml(MODEL);

  it('the seed articles 000 and 002 are present', { skip: SEEDS.skip }, () => {
    const seeds = loadSeeds();
    assert.ok(seeds.has('000'), `seed 000 (CACI Analyst 2016) missing from ${SEEDS.dir}`);
    assert.ok(seeds.has('002'), `seed 002 (RFE/RL 2004) missing from ${SEEDS.dir}`);
  });

  it('every parameter, rule and event has at least one source', () => {
    const citations = requiredCitations(model);
    assert.ok(
      citations.length >= 30,
      `expected a full model, found ${citations.length} parameters, rules and events`,
    );
    const missing = citations
      .filter(({ sources }) => !Array.isArray(sources) || sources.length === 0)
      .map(({ where }) => where);
    assert.deepEqual(missing, [], `without sources: ${missing.join(', ')}`);
  });

  it('every source is a seed quote, a domain entry, a judgment or a reference with text', () => {
    const bad: string[] = [];
    for (const { where, sources } of allCitations(model, 'model')) {
      if (!Array.isArray(sources)) continue;
      for (const s of sources) {
        const ok =
          isDict(s) &&
          ((typeof s.seed === 'string' && typeof s.quote === 'string') ||
            (typeof s.domain === 'string' && typeof s.entry === 'string' && s.entry.length > 0) ||
            (typeof s.judgment === 'string' && s.judgment.length > 0) ||
            (typeof s.ref === 'string' && s.ref.length > 0));
        if (!ok) bad.push(`${where}: ${JSON.stringify(s)}`);
      }
    }
    assert.deepEqual(bad, []);
  });

  it('every seed quote in the model is verbatim in its seed article', { skip: SEEDS.skip }, () => {
    const seeds = loadSeeds();
    const citations = allCitations(model, 'model');
    const quotes = citations.flatMap(({ sources }) =>
      Array.isArray(sources) ? sources.filter((s) => isDict(s) && s.seed !== undefined) : [],
    );
    assert.ok(quotes.length >= 20, `expected the model to quote its articles, found ${quotes.length} quotes`);
    const bad = badQuotes(citations, seeds);
    assert.deepEqual(bad, [], bad.join('\n'));
  });

  it('every domain source names a file of the domain pack', { skip: DOMAIN.skip }, () => {
    assert.ok(
      existsSync(DOMAIN.dir),
      `The domain pack is missing: expected the folder ${DOMAIN.dir} (OXUS_DOMAIN, by default ../shared/domain)`,
    );
    const files = new Set(readdirSync(DOMAIN.dir));
    const bad: string[] = [];
    for (const { where, sources } of allCitations(model, 'model')) {
      if (!Array.isArray(sources)) continue;
      for (const s of sources) {
        if (isDict(s) && s.domain !== undefined && !files.has(String(s.domain)))
          bad.push(`${where}: ${String(s.domain)}`);
      }
    }
    assert.deepEqual(bad, []);
  });

  it("the IMU's 2001 size, where sources disagree, spans both ends and names each", () => {
    const capacity = entries(model.parameters).find(([name]) => name === 'capacity')?.[1];
    assert.ok(isDict(capacity) && isDict(capacity.members));
    const imu = capacity.members.IMU;
    assert.ok(isDict(imu) && isDict(imu.uncertainty), 'capacity.IMU has an uncertainty');
    const { min, max } = imu.uncertainty;
    // seed 002: "some 3,000-4,000 militants"; US State Department: "under 2,000".
    assert.ok(
      typeof min === 'number' && min < 2000,
      `lower end ${String(min)} below the State Department's 2,000`,
    );
    assert.ok(typeof max === 'number' && max >= 4000, `upper end ${String(max)} at the seed's 4,000`);
    const cited = JSON.stringify(imu.sources);
    assert.match(cited, /3,000-4,000/);
    assert.match(cited, /under 2,000/);
  });
});

describe('scenarios/: seed quotes', () => {
  for (const file of scenarioFiles()) {
    it(`${file}: every seed quote is verbatim in its seed article`, { skip: SEEDS.skip }, () => {
      const seeds = loadSeeds();
      const bad = badQuotes(allCitations(readYaml(resolve(SCENARIOS, file)), file), seeds);
      assert.deepEqual(bad, [], bad.join('\n'));
    });
  }
});
