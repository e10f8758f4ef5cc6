/**
 * The functions an expression may call, with their arity and the JavaScript they compile to.
 * Anything not listed here is rejected by the compiler. Arguments arrive as compiled code.
 */
export interface FunctionSpec {
  readonly min: number;
  readonly max: number;
  /** True for functions that draw a random number each time they are evaluated. */
  readonly random?: true;
  readonly emit: (args: readonly string[], ctx: { readonly dt: number; readonly rng: string }) => string;
}

const call = (fn: string) => (args: readonly string[]) => `${fn}(${args.join(', ')})`;
/** Whether compiled code draws a random number (every draw is a call of `R`, see `draw`). */
const draws = (code: string) => code.includes('R.');
/**
 * clamp(x, lo, hi) as F.clamp computes it, written out so no call is made; its arguments are then
 * evaluated hi, lo, x, so it stays a call when more than one of them draws (the draws' order would change).
 */
const clamp = (a: readonly string[]) =>
  a.filter(draws).length > 1 ? call('F.clamp')(a) : `Math.min(${a[2]}, Math.max(${a[1]}, ${a[0]}))`;
/** mathjs's variadic min/max, as nested two-argument steps (no argument arrays on the hot path). */
const fold = (fn: string) => (args: readonly string[]) =>
  args.slice(1).reduce((acc, a) => `${fn}(${acc}, ${a})`, `(+${args[0]})`);
const draw = (fn: string) => (args: readonly string[], ctx: { rng: string }) =>
  `R.${fn}(${[ctx.rng, ...args].join(', ')})`;

export const FUNCTIONS: ReadonlyMap<string, FunctionSpec> = new Map<string, FunctionSpec>([
  ['abs', { min: 1, max: 1, emit: call('Math.abs') }],
  ['exp', { min: 1, max: 1, emit: call('Math.exp') }],
  ['log', { min: 1, max: 2, emit: call('F.log') }],
  ['log10', { min: 1, max: 1, emit: call('Math.log10') }],
  ['log2', { min: 1, max: 1, emit: call('Math.log2') }],
  ['sqrt', { min: 1, max: 1, emit: call('Math.sqrt') }],
  ['cbrt', { min: 1, max: 1, emit: call('Math.cbrt') }],
  ['min', { min: 1, max: 64, emit: fold('F.min2') }],
  ['max', { min: 1, max: 64, emit: fold('F.max2') }],
  ['floor', { min: 1, max: 1, emit: call('F.floor') }],
  ['ceil', { min: 1, max: 1, emit: call('F.ceil') }],
  ['round', { min: 1, max: 1, emit: call('F.round') }],
  ['sign', { min: 1, max: 1, emit: call('Math.sign') }],
  ['pow', { min: 2, max: 2, emit: call('Math.pow') }],
  ['sin', { min: 1, max: 1, emit: call('Math.sin') }],
  ['cos', { min: 1, max: 1, emit: call('Math.cos') }],
  ['tan', { min: 1, max: 1, emit: call('Math.tan') }],
  ['atan', { min: 1, max: 1, emit: call('Math.atan') }],
  ['mod', { min: 2, max: 2, emit: call('F.mod') }],
  ['clamp', { min: 3, max: 3, emit: clamp }],
  ['logistic', { min: 1, max: 1, emit: call('F.logistic') }],
  ['hazard', { min: 1, max: 1, emit: (a, ctx) => `F.hazard(${a[0]}, ${ctx.dt})` }],
  ['rpois', { min: 1, max: 1, random: true, emit: draw('rpois') }],
  ['rbinom', { min: 2, max: 2, random: true, emit: draw('rbinom') }],
  ['rnorm', { min: 2, max: 2, random: true, emit: draw('rnorm') }],
  ['rbern', { min: 1, max: 1, random: true, emit: draw('rbern') }],
  ['runif', { min: 2, max: 2, random: true, emit: draw('runif') }],
  ['rexp', { min: 1, max: 1, random: true, emit: draw('rexp') }],
]);

/** Aggregates over the members of an entity type: the argument is evaluated in each member's scope. */
export const AGGREGATES: ReadonlyMap<string, (parts: readonly string[]) => string> = new Map([
  ['sumOf', (p: readonly string[]) => `(${p.join(' + ')})`],
  ['meanOf', (p: readonly string[]) => `((${p.join(' + ')}) / ${p.length})`],
  ['maxOf', (p: readonly string[]) => `Math.max(${p.join(', ')})`],
  ['minOf', (p: readonly string[]) => `Math.min(${p.join(', ')})`],
  ['countOf', (p: readonly string[]) => `(${p.map((x) => `(${x} ? 1 : 0)`).join(' + ')})`],
]);

/** Names every expression can use besides the model's own. */
export const BUILTIN_CONSTANTS: ReadonlyMap<string, string> = new Map([
  ['pi', String(Math.PI)],
  ['e', String(Math.E)],
  ['true', '1'],
  ['false', '0'],
]);
