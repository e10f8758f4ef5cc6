/**
 * The figures of the instructors' guide, section 9 ("What they show"), are what the bundled scenarios
 * give: each scenario is run as a user runs it (its own run count and seed, 1,000 runs), the figures are
 * formatted as the guide writes them, and each phrase must appear in the section. Results are bit-identical
 * for any number of workers, so the phrases are exact, not approximate: a model change that moves a figure
 * fails here, naming the phrase the guide should now say.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Summary } from '../../src/analysis/summarize.js';
import { execute, prepare } from '../../src/pipeline.js';
import { readRepo, repoPath } from '../support/build.js';

const section = (() => {
  const guide = readRepo('docs', 'central-asia-model.md');
  const from = guide.indexOf('## 9. Scenarios');
  const to = guide.indexOf('## 10.', from);
  assert.ok(from >= 0 && to > from, 'the guide has sections 9 and 10');
  return guide.slice(from, to).replace(/\s+/g, ' ');
})();

async function summaryOf(scenario: string): Promise<Summary> {
  return (await execute(prepare(repoPath('scenarios', `${scenario}.yaml`)), { workers: 2 })).summary;
}

const last = (s: Summary) => s.dates.length - 1;

function series(s: Summary, output: string, member: string) {
  const found = s.series.find((x) => x.output === output && x.member === member);
  assert.ok(found, `no series ${output} for ${member}`);
  return found;
}

/** A rate as the guide writes it: two decimals, three below 0.1 (the bands' low ends). */
const rate = (x: number) => (x < 0.1 ? x.toFixed(3) : x.toFixed(2));
const percent = (p: number) => `${Math.round(p * 100)}%`;

/** The median attack rate at 2026Q2 and its 90% band, as "Uzbekistan 1.20 (0.43–2.95)". */
function rateWithBand(s: Summary, country: string): string {
  const x = series(s, 'lethal_attack_rate', country);
  const i = last(s);
  return `${country} ${rate(x.percentiles['50']![i]!)} (${rate(x.percentiles['5']![i]!)}–${rate(x.percentiles['95']![i]!)})`;
}

const median = (s: Summary, output: string, member: string) =>
  series(s, output, member).percentiles['50']![last(s)]!;
const attackRate = (s: Summary, country: string) => rate(median(s, 'lethal_attack_rate', country));

function frontBy2026(s: Summary, group: string): number {
  const e = s.events.find((x) => x.event === 'return_to_afghanistan' && x.member === group);
  assert.ok(e, `no return_to_afghanistan for ${group}`);
  return e.pBy[last(s)]!;
}

const vacantMantle = (s: Summary) =>
  s.leaders.find((l) => l.output === 'uzbek_mantle')!.share.none![last(s)]!;

describe("the guide's section 9: what the scenarios show", () => {
  it('quotes the medians, bands and probabilities the scenarios give at 2026Q2', async () => {
    const names = [
      'baseline-2016',
      'russian-strikes-end',
      'russian-strikes-escalate',
      'social-media-crackdown',
      'haven-ibb-ktj',
      'taliban-return-2021',
    ] as const;
    const s = Object.fromEntries(await Promise.all(names.map(async (n) => [n, await summaryOf(n)])));
    const base = s['baseline-2016']!;
    const end = s['russian-strikes-end']!;
    const escalate = s['russian-strikes-escalate']!;
    const media = s['social-media-crackdown']!;
    const haven = s['haven-ibb-ktj']!;
    const taliban = s['taliban-return-2021']!;
    const phrases = [
      `KTJ and IBB hold at medians of ${median(base, 'strength', 'KTJ')} and ${median(base, 'strength', 'IBB')} fighters`,
      `at 2026Q2 ${['Uzbekistan', 'Tajikistan', 'Kyrgyzstan', 'Russia'].map((c) => rateWithBand(base, c)).join(', ')}`,
      `lowers Russia's expected lethal attacks at 2026Q2 from ${attackRate(base, 'Russia')} to ${attackRate(end, 'Russia')} a year`,
      `Uzbekistan's from ${attackRate(base, 'Uzbekistan')} to ${attackRate(end, 'Uzbekistan')}`,
      `takes Uzbekistan to ${attackRate(escalate, 'Uzbekistan')} and Russia to ${attackRate(escalate, 'Russia')}`,
      `KTJ ${median(end, 'strength', 'KTJ')} and IBB ${median(end, 'strength', 'IBB')} without the strikes, ${median(escalate, 'strength', 'KTJ')} and ${median(escalate, 'strength', 'IBB')} with them doubled`,
      `Uzbekistan ${attackRate(media, 'Uzbekistan')} lethal attacks a year at 2026Q2 against ${attackRate(base, 'Uzbekistan')}`,
      `IBB ${percent(frontBy2026(haven, 'IBB'))} and ${percent(frontBy2026(taliban, 'IBB'))} by 2026, against ${percent(frontBy2026(base, 'IBB'))} in the baseline`,
      `vacant in ${percent(vacantMantle(haven))} and ${percent(vacantMantle(taliban))} of runs against ${percent(vacantMantle(base))}`,
      `shrinks under Taliban power after 2021 (median ${median(taliban, 'strength', 'ISKP')} at 2026Q2 against ${median(base, 'strength', 'ISKP')})`,
      `Tajikistan ${attackRate(taliban, 'Tajikistan')} against ${attackRate(base, 'Tajikistan')} with the Taliban's return`,
    ];
    const missing = phrases.filter((p) => !section.includes(p));
    assert.deepEqual(missing, [], 'section 9 should say these (rerun from the scenarios)');
  });
});
