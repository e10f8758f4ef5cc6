/**
 * Pieces of compiled code with what they depend on, so that the compiler can move pure subexpressions out
 * of the step loop: those over parameters and constants to once a run, comparisons over the state to once
 * a step (compile/hoister.ts keeps them). Moving a pure expression changes no number, only how often it is
 * computed: a model's rules repeat the same few comparisons (`stage == 1`) and per-run constants
 * (`hazard(rate)`) in dozens of statements a step.
 */

/**
 * Receives the pure subexpressions that need not be computed where they stand and returns code reading
 * their value: `perRun` those over parameters and constants only, `perStep` comparisons over the state
 * at the start of the step or the time.
 */
export interface Hoist {
  perRun(code: string): string;
  perStep(code: string): string;
}

/**
 * What a piece of compiled code depends on, in increasing order: nothing (a constant), parameters, the
 * state at the start of the step or the time, or anything else (derived values, the next state, random
 * draws).
 */
export const CONSTANT = 0;
export const PARAMS = 1;
export const STATE = 2;
export const OTHER = 3;
export type Depends = typeof CONSTANT | typeof PARAMS | typeof STATE | typeof OTHER;

/** A piece is `trivial` when it is a constant or reads a single slot: never worth moving. */
export interface Piece {
  readonly code: string;
  readonly depends: Depends;
  readonly trivial?: true;
}

/** A constant, a slot or a name read by generated code (slot codes come from compile/symbols.ts). */
export function leaf(code: string): Piece {
  if (code.startsWith('p[')) return { code, depends: PARAMS, trivial: true };
  if (code.startsWith('x[') || code === 't' || code === 'k') return { code, depends: STATE, trivial: true };
  if (/^\(?-?[0-9.]+(e[+-]?[0-9]+)?\)?$/.test(code)) return { code, depends: CONSTANT, trivial: true };
  return { code, depends: OTHER, trivial: true };
}

/**
 * The piece `make(codes of parts)`: parts over parameters only are moved to once a run unless the whole
 * is too; a comparison over the state is moved to once a step. `random` marks a draw (never moved).
 */
export function combine(
  parts: readonly Piece[],
  make: (codes: string[]) => string,
  hoist: Hoist | undefined,
  kind: { readonly random?: boolean; readonly comparison?: boolean } = {},
): Piece {
  let depends: Depends = kind.random ? OTHER : CONSTANT;
  for (const p of parts) if (p.depends > depends) depends = p.depends;
  if (!hoist) return { code: make(parts.map((p) => p.code)), depends };
  const codes = parts.map((p) => (depends !== PARAMS ? perRun(p, hoist) : p.code));
  const code = make(codes);
  if (kind.comparison && depends === STATE) return { code: hoist.perStep(code), depends, trivial: true };
  return { code, depends };
}

/** The code of a finished expression, moved to once a run when it reads only parameters. */
export function finish(piece: Piece, hoist: Hoist | undefined): string {
  return hoist ? perRun(piece, hoist) : piece.code;
}

function perRun(p: Piece, hoist: Hoist): string {
  return p.depends === PARAMS && !p.trivial ? hoist.perRun(p.code) : p.code;
}
