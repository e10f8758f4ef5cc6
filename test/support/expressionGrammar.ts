/**
 * Expressions generated from the grammar of model expressions (not a test file itself): numbers, symbols,
 * unary and binary operators, conditionals, calls of whitelisted functions with their arity, member access
 * (`A.x`), and nesting; mixed with what must never compile: calls of functions outside the whitelist,
 * member access to anything but a member's variable, strings, indexing, matrices, objects, assignments and
 * names of JavaScript globals. Each generated text carries what it contains, so a property can say what
 * must happen to it and a test can count how much of the grammar it covered.
 */
import fc from 'fast-check';
import { type CompileProblem, compileNode, type Scope } from '../../src/expr/compileExpression.js';
import { FUNCTIONS } from '../../src/expr/functions.js';
import { parseExpression } from '../../src/expr/parse.js';

/** A generated expression: its text, and whether it holds a forbidden construct, an operator, a call. */
export interface Generated {
  readonly text: string;
  readonly forbidden: boolean;
  readonly operator: boolean;
  readonly call: boolean;
}

/** Parses and compiles `text` in `scope`; the code, or the problems. */
export function compileText(
  text: string,
  scope: Scope,
  allowRandom = true,
): { code?: string; problems: CompileProblem[] } {
  const parsed = parseExpression(text);
  if ('problem' in parsed)
    return { problems: [{ code: 'E_EXPR_UNSUPPORTED', message: parsed.problem.message }] };
  const problems: CompileProblem[] = [];
  const { code } = compileNode(parsed.node, text, scope, { allowRandom, dt: 0.25, rng: 'ur' }, problems);
  return problems.length ? { problems } : { code, problems };
}

const leaf = (text: string, forbidden = false): Generated => ({
  text,
  forbidden,
  operator: false,
  call: false,
});
const join = (text: string, parts: Generated[], extra: Partial<Generated> = {}): Generated => ({
  text,
  forbidden: parts.some((p) => p.forbidden) || (extra.forbidden ?? false),
  operator: parts.some((p) => p.operator) || (extra.operator ?? false),
  call: parts.some((p) => p.call) || (extra.call ?? false),
});

/** Functions outside the whitelist, mathjs's dangerous ones first (its security page lists them). */
const FORBIDDEN_FUNCTIONS = [
  'evaluate',
  'parse',
  'compile',
  'import',
  'createUnit',
  'simplify',
  'derivative',
  'resolve',
  'reviver',
  'chain',
  'typed',
  'config',
  'help',
  'Function',
  'eval',
  'require',
  'constructor',
  'setTimeout',
  'sqr',
];
/** Names that are not the model's and not built in: each must be an unknown symbol. */
const FORBIDDEN_SYMBOLS = [
  'constructor',
  '__proto__',
  'prototype',
  'process',
  'globalThis',
  'this',
  'window',
  'x',
];
const PROPERTIES = ['constructor', '__proto__', 'prototype', 'call', 'apply', 'bind', 'valueOf', 'y'];
const BINARY = ['+', '-', '*', '/', '%', '^', '<', '>', '<=', '>=', '==', '!=', 'and', 'or', 'xor'];
const WHITELISTED = [...FUNCTIONS.entries()].map(([name, spec]) => ({ name, min: spec.min, max: spec.max }));

const number = fc.oneof(
  fc.integer({ min: 0, max: 1000 }).map(String),
  fc.double({ min: 0, max: 1e6, noNaN: true }).map((v) => String(v)),
  fc.constantFrom('0.5', '1e3', '2.5e-3', '.25', '1e308'),
);

/**
 * The grammar, with `symbols` the model's names and `members` its `Member.variable` pairs. Most texts
 * compile: forbidden pieces are about one in eleven choices at each level.
 */
export function expressions(symbols: readonly string[], members: readonly string[]): fc.Arbitrary<Generated> {
  const { e } = fc.letrec<{ e: Generated; forbidden: Generated }>((tie) => ({
    e: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      { weight: 4, arbitrary: number.map((t) => leaf(t)) },
      { weight: 4, arbitrary: fc.constantFrom(...symbols, 'pi', 'e', 'true', 'false').map((t) => leaf(t)) },
      { weight: 2, arbitrary: fc.constantFrom(...members).map((t) => leaf(t)) },
      {
        weight: 6,
        arbitrary: fc
          .tuple(tie('e'), fc.constantFrom(...BINARY), tie('e'))
          .map(([x, op, y]) => join(`(${x.text} ${op} ${y.text})`, [x, y], { operator: true })),
      },
      {
        weight: 2,
        arbitrary: fc
          .tuple(fc.constantFrom('-', 'not '), tie('e'))
          .map(([op, x]) => join(`${op}(${x.text})`, [x], { operator: true })),
      },
      {
        weight: 1,
        arbitrary: fc
          .tuple(tie('e'), tie('e'), tie('e'))
          .map(([c, x, y]) => join(`(${c.text} ? ${x.text} : ${y.text})`, [c, x, y], { operator: true })),
      },
      {
        weight: 7,
        arbitrary: fc
          .tuple(fc.constantFrom(...WHITELISTED), fc.array(tie('e'), { minLength: 3, maxLength: 3 }))
          .map(([f, args]) => {
            const used = args.slice(0, Math.min(f.max, Math.max(f.min, 1 + (args[0]!.text.length % 3))));
            return join(`${f.name}(${used.map((a) => a.text).join(', ')})`, used, { call: true });
          }),
      },
      { weight: 3, arbitrary: tie('forbidden') },
    ),
    forbidden: fc.oneof(
      {
        weight: 1,
        arbitrary: fc
          .tuple(fc.constantFrom(...FORBIDDEN_FUNCTIONS), tie('e'))
          .map(([f, x]) => join(`${f}(${x.text})`, [x], { forbidden: true, call: true })),
      },
      {
        weight: 1,
        arbitrary: fc
          .tuple(fc.constantFrom(...FORBIDDEN_FUNCTIONS), fc.string({ maxLength: 12 }))
          .map(([f, s]) => join(`${f}(${JSON.stringify(s)})`, [], { forbidden: true, call: true })),
      },
      { weight: 1, arbitrary: fc.constantFrom(...FORBIDDEN_SYMBOLS).map((t) => leaf(t, true)) },
      { weight: 1, arbitrary: fc.string({ maxLength: 12 }).map((s) => leaf(JSON.stringify(s), true)) },
      {
        weight: 1,
        arbitrary: fc
          .tuple(fc.constantFrom(...symbols, ...members, 'cos', 'A'), fc.constantFrom(...PROPERTIES))
          .map(([o, p]) => leaf(`${o}.${p}`, true)),
      },
      {
        weight: 1,
        arbitrary: fc
          .tuple(tie('e'), fc.constantFrom(...PROPERTIES))
          .map(([x, p]) => join(`(${x.text})["${p}"]`, [x], { forbidden: true })),
      },
      {
        weight: 1,
        arbitrary: fc
          .tuple(fc.constantFrom('cos', 'abs', 'A'), tie('e'))
          .map(([f, x]) => join(`${f}.constructor(${x.text})()`, [x], { forbidden: true, call: true })),
      },
      {
        weight: 1,
        arbitrary: fc
          .tuple(fc.constantFrom(...symbols), tie('e'))
          .map(([s, x]) => join(`${s}[${x.text}]`, [x], { forbidden: true })),
      },
      {
        weight: 1,
        arbitrary: fc
          .tuple(tie('e'), tie('e'))
          .map(([x, y]) => join(`[${x.text}, ${y.text}]`, [x, y], { forbidden: true })),
      },
      { weight: 1, arbitrary: tie('e').map((x) => join(`{k: ${x.text}}`, [x], { forbidden: true })) },
      {
        weight: 1,
        arbitrary: fc
          .tuple(fc.constantFrom(...symbols, 'f(x)'), tie('e'))
          .map(([s, x]) => join(`${s} = ${x.text}`, [x], { forbidden: true })),
      },
    ),
  }));
  return e;
}
