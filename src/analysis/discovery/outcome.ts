/**
 * The runs scenario discovery explains: those whose output at one date meets a condition such as `>= 1500`
 * (for a threshold or an event, by default: it has happened by that date).
 */
import { AnalysisError } from '../../errors.js';

export type Comparison = '>=' | '>' | '<=' | '<' | '==';

export interface Condition {
  readonly op: Comparison;
  readonly value: number;
}

const CONDITION = /^\s*(>=|>|<=|<|==|=)\s*([-+]?(?:\d[\d_]*\.?\d*|\.\d+)(?:e[-+]?\d+)?)\s*$/i;

/** Reads `>= 1500`, `< 0.3`, `== 1` (`=` is `==`); a clear error for anything else. */
export function parseCondition(text: string): Condition {
  const m = CONDITION.exec(text);
  const value = m ? Number(m[2]!.replace(/_/g, '')) : Number.NaN;
  if (!m || !Number.isFinite(value)) {
    throw new AnalysisError(
      'E_CONDITION',
      `--when ${JSON.stringify(text)} is not a condition: expected a comparison and a number, such as ">= 1500" or "< 0.3" (one of >=, >, <=, <, ==)`,
    );
  }
  return { op: m[1] === '=' ? '==' : (m[1] as Comparison), value };
}

/** 1 for each value that meets the condition, else 0. */
export function casesOf(values: Float64Array, c: Condition): Uint8Array {
  const y = new Uint8Array(values.length);
  for (let r = 0; r < values.length; r++) y[r] = meets(values[r]!, c) ? 1 : 0;
  return y;
}

function meets(v: number, { op, value }: Condition): boolean {
  switch (op) {
    case '>=':
      return v >= value;
    case '>':
      return v > value;
    case '<=':
      return v <= value;
    case '<':
      return v < value;
    case '==':
      return v === value;
  }
}
