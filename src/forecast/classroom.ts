/**
 * Scores of a class: each participant beside the model, the experts, the base rate and "no change" on the
 * claims the participant answered; the class table, the class's calibration and the spread of answers per
 * claim. Pure: takes the score report and the participants' entries.
 */
import { quantileSorted } from '../analysis/quantile.js';
import { type CalibrationBin, calibration } from './calibration.js';
import { type ClaimForecasts, type ForecasterScore, REFERENCE, scoreProbabilities } from './score.js';
import { brier } from './scores/brier.js';

export interface Entrant {
  readonly name: string;
  readonly revealed: boolean;
  readonly entries: Readonly<Record<string, number>>;
}

/** The forecasters a participant is compared with, on the same claims. */
export const COMPARED = ['model', 'expert', REFERENCE, 'no-change'] as const;

export interface ParticipantScores {
  /** null until at least one entered claim is resolved. */
  readonly you: ForecasterScore | null;
  /** Brier of each other forecaster on the resolved claims you entered that it also answered. */
  readonly others: Record<string, { readonly n: number; readonly brier: number } | null>;
}

const resolved = (claims: readonly ClaimForecasts[]) => claims.filter((c) => c.outcome !== null);
const y = (c: ClaimForecasts): 0 | 1 => (c.outcome === 'yes' ? 1 : 0);

export function participantScores(
  claims: readonly ClaimForecasts[],
  entries: Readonly<Record<string, number>>,
): ParticipantScores {
  const mine = resolved(claims).filter((c) => entries[c.id] !== undefined);
  const you = mine.length
    ? scoreProbabilities(
        mine.map((c) => entries[c.id]!),
        mine.map(y),
        mine.map((c) => c.forecasts[REFERENCE]),
        'participant',
      )
    : null;
  const others: ParticipantScores['others'] = {};
  for (const f of COMPARED) {
    const both = mine.filter((c) => c.forecasts[f] !== undefined);
    others[f] = both.length
      ? {
          n: both.length,
          brier: brier(
            both.map((c) => c.forecasts[f]!),
            both.map(y),
          ),
        }
      : null;
  }
  return { you, others };
}

export interface ClassRow {
  readonly name: string;
  readonly revealed: boolean;
  readonly entered: number;
  readonly n: number;
  readonly brier: number | null;
  readonly log: number | null;
}

export interface Spread {
  readonly claim: string;
  readonly n: number;
  readonly min: number | null;
  readonly q25: number | null;
  readonly median: number | null;
  readonly q75: number | null;
  readonly max: number | null;
  readonly outcome: 'yes' | 'no' | null;
}

export interface ClassReport {
  readonly rows: ClassRow[];
  /** Every entry of every participant on resolved claims, pooled. */
  readonly calibration: CalibrationBin[];
  readonly spread: Spread[];
}

export function classReport(claims: readonly ClaimForecasts[], entrants: readonly Entrant[]): ClassReport {
  const rows = entrants.map((e) => {
    const s = participantScores(claims, e.entries).you;
    return {
      name: e.name,
      revealed: e.revealed,
      entered: Object.keys(e.entries).length,
      n: s?.n ?? 0,
      brier: s?.brier ?? null,
      log: s?.log ?? null,
    };
  });
  const p: number[] = [];
  const o: (0 | 1)[] = [];
  for (const c of resolved(claims)) {
    for (const e of entrants) {
      const v = e.entries[c.id];
      if (v !== undefined) {
        p.push(v);
        o.push(y(c));
      }
    }
  }
  const spread = claims.map((c) => {
    const values = Float64Array.from(
      entrants.flatMap((e) => (e.entries[c.id] === undefined ? [] : [e.entries[c.id]!])),
    ).sort();
    const q = (x: number) => (values.length ? quantileSorted(values, x) : null);
    return {
      claim: c.id,
      n: values.length,
      min: q(0),
      q25: q(0.25),
      median: q(0.5),
      q75: q(0.75),
      max: q(1),
      outcome: c.outcome,
    };
  });
  return { rows, calibration: calibration(p, o), spread };
}
