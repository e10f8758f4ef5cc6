/**
 * The Central Asia model's lethal attacks after 2016 against a climatology forecaster, on the Brier score
 * for the country-years 2017-2025 the domain pack resolves (docs/central-asia-model.md 7): Russia (the
 * St Petersburg metro bombing of April 2017, whose named mastermind led KTJ, and Crocus City Hall, March
 * 2024, ISKP) and Uzbekistan (no visible resurgence of domestic jihadist violence). Tajikistan's and
 * Kyrgyzstan's later attacks are not listed completely in the pack, so their years are not scored.
 * Climatology: each country's yearly chance from its 2004-2016Q2 frequency of lethal incidents coded
 * jihadist, 1 - exp(-n / 12.5).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { RunData } from '../../src/engine/simulate.js';
import { executeWithData, prepare } from '../../src/pipeline.js';
import { repoPath } from '../support/build.js';

const YEARS = [2017, 2018, 2019, 2020, 2021, 2022, 2023, 2024, 2025];
/** 1 where the pack records a lethal attack by the modelled groups or their recruits in that year. */
const OUTCOMES: Record<string, number[]> = {
  Russia: YEARS.map((y) => (y === 2017 || y === 2024 ? 1 : 0)),
  Uzbekistan: YEARS.map(() => 0),
};
/** Lethal incidents coded jihadist, January 2004 to June 2016 (attacks.md 5.1), in 12.5 years. */
const RECORD: Record<string, number> = { Russia: 0, Uzbekistan: 4 };

/** P(at least one drawn lethal attack in each year), from the runs' cumulative counts. */
function yearly(d: RunData, dates: readonly string[], country: string): number[] {
  const c = d.plan.channels.findIndex(
    (x) => x.kind === 'series' && x.output === 'lethal_attacks' && x.member === country,
  );
  assert.ok(c >= 0, `no lethal_attacks for ${country}`);
  return YEARS.map((y) => {
    const a = dates.indexOf(`${y}Q1`);
    const b = dates.indexOf(`${y + 1}Q1`);
    let hits = 0;
    for (let r = 0; r < d.runs; r++) {
      if (d.records.at(c, r, b) - d.records.at(c, r, a) >= 1) hits++;
    }
    return hits / d.runs;
  });
}

const brier = (p: readonly number[], o: readonly number[]) =>
  p.reduce((s, x, i) => s + (x - o[i]!) ** 2, 0) / p.length;

export interface AttackScores {
  readonly model: Record<string, number>;
  readonly climatology: Record<string, number>;
  /** Share of the drawn lethal attacks in Uzbekistan, 2017-2025, by the groups based in Syria in 2016. */
  readonly syriaShareUz: number;
}

const GROUPS = ['IMU', 'KTJ', 'IBB', 'TIP', 'ISKP', 'HT'];
const SYRIA_BASED = ['KTJ', 'IBB', 'TIP'];

/** Mean over runs of each group's drawn lethal attacks in Uzbekistan from 2017Q1 to 2026Q1. */
function uzbekAttacksByGroup(d: RunData, dates: readonly string[]): Record<string, number> {
  const a = dates.indexOf('2017Q1');
  const b = dates.indexOf('2026Q1');
  const out: Record<string, number> = {};
  for (const member of GROUPS) {
    const c = d.plan.channels.findIndex(
      (x) => x.kind === 'series' && x.output === 'attacks_uzbekistan' && x.member === member,
    );
    assert.ok(c >= 0, `no attacks_uzbekistan for ${member}`);
    const [end, start] = [d.records.column(c, b), d.records.column(c, a)];
    let sum = 0;
    for (let r = 0; r < d.runs; r++) sum += end[r]! - start[r]!;
    out[member] = sum / d.runs;
  }
  return out;
}

async function scores(scenario: string): Promise<AttackScores> {
  const prepared = prepare(repoPath('scenarios', scenario));
  const { result, data } = await executeWithData(prepared, { workers: 2 });
  const model: Record<string, number> = {};
  const climatology: Record<string, number> = {};
  for (const country of Object.keys(OUTCOMES)) {
    model[country] = brier(yearly(data, result.summary.dates, country), OUTCOMES[country]!);
    const p = 1 - Math.exp(-RECORD[country]! / 12.5);
    climatology[country] = brier(
      YEARS.map(() => p),
      OUTCOMES[country]!,
    );
  }
  const byGroup = uzbekAttacksByGroup(data, result.summary.dates);
  const total = GROUPS.reduce((t, m) => t + byGroup[m]!, 0);
  const syriaShareUz = SYRIA_BASED.reduce((t, m) => t + byGroup[m]!, 0) / total;
  return { model, climatology, syriaShareUz };
}

describe('Central Asia: lethal attacks after 2016 against climatology (Brier, country-years 2017-2025)', () => {
  for (const scenario of ['baseline-2016.yaml', 'history-2016.yaml']) {
    it(`${scenario}: the model loses to climatology in Uzbekistan and beats it in Russia, as documented`, async () => {
      const s = await scores(scenario);
      const line = Object.keys(s.model)
        .map((c) => `${c} model ${s.model[c]!.toFixed(3)} climatology ${s.climatology[c]!.toFixed(3)}`)
        .join('; ');
      // Climatology's Brier is exact (0.075 for Uzbekistan, 0.222 for Russia); the model's, from 1,000
      // runs, moves by about 0.01. The documented gaps are several times that.
      assert.ok(s.model.Uzbekistan! > s.climatology.Uzbekistan! + 0.05, line);
      assert.ok(s.model.Russia! < s.climatology.Russia!, line);
      // Why it loses in Uzbekistan: three quarters of the attacks it draws there (75% in both scenarios)
      // are by KTJ, IBB and TIP, based in Syria, whose yield the record to mid-2016 cannot pin down (see
      // centralAsiaCalibration.test.ts). 0.6 leaves room for noise, not for a change of the mechanism.
      assert.ok(
        s.syriaShareUz >= 0.6,
        `Syria-based groups' share of drawn attacks in Uzbekistan: ${s.syriaShareUz}`,
      );
    });
  }
});
