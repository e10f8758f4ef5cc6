/**
 * Scores every forecaster on the resolved claims: the model (probabilities computed elsewhere by running
 * its scenarios), each expert at the low end, midpoint and high end of their reading, the base-rate
 * forecaster and "no change". Pure: takes the catalogue, the outcomes and the model's probabilities.
 */
import { baseRateProbability } from './baseRate.js';
import { bootstrapInterval } from './bootstrap.js';
import { type CalibrationBin, calibration } from './calibration.js';
import { type MurphyDecomposition, murphy } from './murphy.js';
import { expertRange, RANGE_POINTS } from './reading.js';
import type { Claim, Outcome } from './schema.js';
import { brier } from './scores/brier.js';
import { logScore } from './scores/log.js';
import { skill } from './scores/skill.js';

export const BASE_RATE = 'base-rate';
/** Reference for skill scores. */
export const REFERENCE = BASE_RATE;

export interface ClaimForecasts {
  readonly id: string;
  readonly who: string;
  readonly expert: string;
  readonly date: string;
  readonly quote: string;
  readonly seed: string;
  readonly question: string | null;
  readonly unresolvable: string | null;
  readonly outcome: 'yes' | 'no' | null;
  /** Forecaster → probability of "yes": model, base-rate, no-change, expert, expert@low, expert@high. */
  readonly forecasts: Readonly<Record<string, number>>;
}

export interface ForecasterScore {
  readonly n: number;
  readonly brier: number;
  readonly log: number;
  /** 95% percentile bootstrap intervals; null from a single claim, which has nothing to resample. */
  readonly brier_ci: [number, number] | null;
  readonly log_ci: [number, number] | null;
  /** Brier skill against the base-rate forecaster on the claims both answered. */
  readonly brier_skill: {
    readonly value: number | null;
    readonly n: number;
    readonly ci: [number, number] | null;
  } | null;
  readonly murphy: MurphyDecomposition;
  readonly calibration: CalibrationBin[];
}

export interface ScoreReport {
  readonly claims: ClaimForecasts[];
  readonly scores: Record<string, ForecasterScore>;
}

function forecastsOf(claim: Claim, model: ReadonlyMap<string, number>): Record<string, number> {
  const out: Record<string, number> = {};
  const m = model.get(claim.id);
  if (m !== undefined) out.model = m;
  if (claim.baseRate) out[BASE_RATE] = baseRateProbability(claim.baseRate);
  if (claim.noChange) out['no-change'] = claim.noChange.answer === 'yes' ? 1 : 0;
  const range = expertRange(claim.reading);
  out.expert = range.mid;
  out['expert@low'] = range.low;
  out['expert@high'] = range.high;
  return out;
}

/** The forecasters scored, each as (claim forecasts → its probability); per-expert ones share the keys. */
function forecasters(
  claims: readonly ClaimForecasts[],
): Map<string, (c: ClaimForecasts) => number | undefined> {
  const out = new Map<string, (c: ClaimForecasts) => number | undefined>();
  for (const key of ['model', BASE_RATE, 'no-change']) out.set(key, (c) => c.forecasts[key]);
  const suffix = (point: string) => (point === 'mid' ? '' : `@${point}`);
  for (const point of RANGE_POINTS)
    out.set(`experts${suffix(point)}`, (c) => c.forecasts[`expert${suffix(point)}`]);
  // The experts on exactly the claims the model answers: the like-for-like comparison.
  out.set('experts@model-claims', (c) => (c.forecasts.model === undefined ? undefined : c.forecasts.expert));
  for (const who of [...new Set(claims.map((c) => c.expert))].sort()) {
    for (const point of RANGE_POINTS) {
      out.set(`expert:${who}${suffix(point)}`, (c) =>
        c.expert === who ? c.forecasts[`expert${suffix(point)}`] : undefined,
      );
    }
  }
  return out;
}

const pick = <T>(xs: readonly T[], idx: readonly number[]) => idx.map((i) => xs[i]!);

/** Every score of one forecaster's probabilities against outcomes; `ref` is the base rate per claim, if any. */
export function scoreProbabilities(
  p: number[],
  y: (0 | 1)[],
  ref: (number | undefined)[],
  seed: string,
): ForecasterScore {
  const shared = p.flatMap((_, i) => (ref[i] === undefined ? [] : [i]));
  let brierSkill: ForecasterScore['brier_skill'] = null;
  if (shared.length > 0) {
    // From one claim there is nothing to resample: the value alone, no interval.
    const sp = pick(p, shared);
    const sr = pick(ref, shared) as number[];
    const sy = pick(y, shared);
    const value = skill(brier(sp, sy), brier(sr, sy));
    const ci =
      shared.length < 2
        ? null
        : bootstrapInterval(
            shared.length,
            (idx) =>
              skill(brier(pick(sp, idx), pick(sy, idx)), brier(pick(sr, idx), pick(sy, idx))) ?? Number.NaN,
            `${seed}/skill`,
          );
    brierSkill = {
      value,
      n: shared.length,
      ci: ci && !Number.isNaN(ci[0]) && !Number.isNaN(ci[1]) ? ci : null,
    };
  }
  return {
    n: p.length,
    brier: brier(p, y),
    log: logScore(p, y),
    brier_ci:
      p.length < 2
        ? null
        : bootstrapInterval(p.length, (idx) => brier(pick(p, idx), pick(y, idx)), `${seed}/brier`),
    log_ci:
      p.length < 2
        ? null
        : bootstrapInterval(p.length, (idx) => logScore(pick(p, idx), pick(y, idx)), `${seed}/log`),
    brier_skill: brierSkill,
    murphy: murphy(p, y),
    calibration: calibration(p, y),
  };
}

/** Forecasts per claim and scores per forecaster (forecasters with no resolved claim are left out). */
export function scoreClaims(
  claims: readonly Claim[],
  outcomes: readonly Outcome[],
  model: ReadonlyMap<string, number>,
): ScoreReport {
  const resolved = new Map(outcomes.map((o) => [o.claim, o.outcome]));
  const rows: ClaimForecasts[] = claims.map((c) => ({
    id: c.id,
    who: c.who,
    expert: c.expert,
    date: c.date,
    quote: c.quote,
    seed: c.seed,
    question: c.question?.text ?? null,
    unresolvable: c.unresolvable ?? null,
    outcome: resolved.get(c.id) ?? null,
    forecasts: forecastsOf(c, model),
  }));
  const scores: Record<string, ForecasterScore> = {};
  for (const [name, get] of forecasters(rows)) {
    const p: number[] = [];
    const y: (0 | 1)[] = [];
    const ref: (number | undefined)[] = [];
    for (const row of rows) {
      const f = get(row);
      if (f === undefined || row.outcome === null) continue;
      p.push(f);
      y.push(row.outcome === 'yes' ? 1 : 0);
      ref.push(name === REFERENCE ? undefined : row.forecasts[REFERENCE]);
    }
    if (p.length > 0) scores[name] = scoreProbabilities(p, y, ref, name);
  }
  return { claims: rows, scores };
}
