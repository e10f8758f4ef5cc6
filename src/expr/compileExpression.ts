/**
 * Compiles a parsed mathjs tree into a JavaScript expression over numbered slots.
 * The output contains only numbers we formatted, slot references the scope returns, and calls to the fixed
 * runtime (`F`, `R`, `Math`): no name, string or other text of the user's expression reaches JavaScript.
 */

import { didYouMean, oneOf } from '../didYouMean.js';
import { type QualifiedName, qualify } from '../qualifiedName.js';
import { AGGREGATES, BUILTIN_CONSTANTS, FUNCTIONS } from './functions.js';
import { type MathNode, math } from './mathjs.js';
import { combine, finish, type Hoist, leaf, type Piece } from './pieces.js';

const {
  isAccessorNode,
  isConditionalNode,
  isConstantNode,
  isFunctionNode,
  isIndexNode,
  isOperatorNode,
  isParenthesisNode,
  isSymbolNode,
} = math;

/** What a name means in a scope. */
export type Lookup =
  | {
      kind: 'value';
      code: string;
      /** Qualified name of the derived value read, for dependency order. */
      derived?: QualifiedName;
      /** What the value reads: run state (state variables, event flags, derived values) or not. */
      source?: 'state';
    }
  | { kind: 'perMember'; entity: string }
  | { kind: 'member'; entity: string }
  | { kind: 'entity' };

/** The names an expression can see; implemented by the model checker. */
export interface Scope {
  lookup(name: string): Lookup | undefined;
  lookupMember(member: string, name: string): Lookup | undefined;
  /** The entity type of a per-member name, if it is one. */
  entityOf(name: string): string | undefined;
  members(entity: string): readonly string[];
  withMember(entity: string, member: string): Scope;
  /** Names offered in "did you mean" lists. */
  names(): readonly string[];
}

export interface CompileOptions {
  readonly allowRandom: boolean;
  readonly dt: number;
  /** Variable holding the uniform source in generated code. */
  readonly rng: string;
  /** Where the compiled code may move pure subexpressions out of the step (expr/pieces.ts); none: nowhere. */
  readonly hoist?: Hoist;
}

/** Comparisons: cheap, pure, and the same few of them recur in many statements of a step. */
const COMPARISONS = new Set(['smaller', 'larger', 'smallerEq', 'largerEq', 'equal', 'unequal']);

export interface CompileProblem {
  code: 'E_UNKNOWN_SYMBOL' | 'E_UNKNOWN_FUNCTION' | 'E_EXPR_UNSUPPORTED' | 'E_RANDOM_NOT_ALLOWED' | 'E_ARITY';
  message: string;
  found?: string;
  expected?: string;
  column?: number;
}

export interface Compiled {
  code: string;
  /** Derived values read by the expression (for cycle detection). */
  derived: Set<QualifiedName>;
  random: boolean;
}

/** A number's code (`1`, `(-2.5)`, `1e-9`), its value in group 1. */
const NUMBER = /^\(?(-?[0-9.]+(?:e[+-]?[0-9]+)?)\)?$/;

/** A slot or a number: cheap to read twice. */
const simple = (code: string) => /^[pxyd]\[\d+\]$/.test(code) || NUMBER.test(code);

/** The value of a number's code, or undefined for anything else. */
function literal(code: string): number | undefined {
  const m = NUMBER.exec(code);
  const x = m ? Number(m[1]) : Number.NaN;
  return Number.isFinite(x) ? x : undefined;
}

/**
 * `cond ? value : ` when one side is a finite constant c: true when the other side is NaN-free and farther
 * from c than 2·10⁻¹²·|c| + 2·10⁻¹⁵, where mathjs's tolerance (10⁻¹² of the larger magnitude, at least
 * 10⁻¹⁵; runtime.ts) cannot reach, so `F.eq` would say unequal: the same answer without the call. Empty
 * when neither side is a constant.
 */
function farFrom(a: string, b: string, value: string): string {
  const ca = literal(a);
  const cb = literal(b);
  const [x, c] = cb !== undefined ? [a, cb] : ca !== undefined ? [b, ca] : [undefined, undefined];
  if (x === undefined || c === undefined) return '';
  return `Math.abs(${x} - ${c < 0 ? `(${c})` : c}) > ${2e-12 * Math.abs(c) + 2e-15} ? ${value} : `;
}

const BINARY: Readonly<Record<string, (a: string, b: string) => string>> = {
  add: (a, b) => `(${a} + ${b})`,
  subtract: (a, b) => `(${a} - ${b})`,
  multiply: (a, b) => `(${a} * ${b})`,
  dotMultiply: (a, b) => `(${a} * ${b})`,
  divide: (a, b) => `(${a} / ${b})`,
  dotDivide: (a, b) => `(${a} / ${b})`,
  pow: (a, b) => `Math.pow(${a}, ${b})`,
  dotPow: (a, b) => `Math.pow(${a}, ${b})`,
  mod: (a, b) => `F.mod(${a}, ${b})`,
  smaller: (a, b) => `F.lt(${a}, ${b})`,
  larger: (a, b) => `F.gt(${a}, ${b})`,
  smallerEq: (a, b) => `F.le(${a}, ${b})`,
  largerEq: (a, b) => `F.ge(${a}, ${b})`,
  // Equal numbers first without a call (the common case: a state compared with the value it holds), then,
  // against a constant, numbers too far apart to be within tolerance (a flag at 0 compared with 1).
  equal: (a, b) =>
    simple(a) && simple(b)
      ? `(${a} === ${b} ? 1 : ${farFrom(a, b, '0')}F.eq(${a}, ${b}))`
      : `F.eq(${a}, ${b})`,
  unequal: (a, b) =>
    simple(a) && simple(b)
      ? `(${a} === ${b} ? 0 : ${farFrom(a, b, '1')}F.ne(${a}, ${b}))`
      : `F.ne(${a}, ${b})`,
  and: (a, b) => `(${a} && ${b} ? 1 : 0)`,
  or: (a, b) => `(${a} || ${b} ? 1 : 0)`,
  xor: (a, b) => `(!${a} !== !${b} ? 1 : 0)`,
};
const UNARY: Readonly<Record<string, (a: string) => string>> = {
  unaryMinus: (a) => `(-${a})`,
  unaryPlus: (a) => `(+${a})`,
  not: (a) => `(${a} ? 0 : 1)`,
};

function columnOf(text: string, name: string): number | undefined {
  const i = text.search(
    new RegExp(`(?<![A-Za-z0-9_.])${name.replace(/[^A-Za-z0-9_]/g, '')}(?![A-Za-z0-9_])`),
  );
  return i >= 0 ? i + 1 : undefined;
}

/** Compiles `node` (parsed from `text`) in `scope`; problems are pushed, never thrown. */
export function compileNode(
  node: MathNode,
  text: string,
  scope: Scope,
  options: CompileOptions,
  problems: CompileProblem[],
): Compiled {
  const derived = new Set<QualifiedName>();
  let random = false;
  const fail = (p: CompileProblem): string => {
    problems.push(p);
    return 'NaN';
  };

  const unknownSymbol = (name: string, s: Scope): string => {
    return fail({
      code: 'E_UNKNOWN_SYMBOL',
      message: `unknown symbol '${name}'${didYouMean(name, [...s.names(), ...FUNCTIONS.keys()])}`,
      found: name,
      expected: 'a parameter, state variable, derived value, event, Member.name, or t, dt, k, pi, e',
      ...optionalColumn(text, name),
    });
  };

  const resolved = (lookup: Lookup | undefined, name: string, s: Scope): string => {
    if (lookup === undefined) return unknownSymbol(name, s);
    switch (lookup.kind) {
      case 'value':
        if (lookup.derived !== undefined) derived.add(lookup.derived);
        return lookup.code;
      case 'perMember':
        return fail({
          code: 'E_UNKNOWN_SYMBOL',
          message: `'${name}' has a value per ${lookup.entity}: write Member.${name} or an aggregate such as sumOf(${name})`,
          found: name,
          ...optionalColumn(text, name),
        });
      case 'member':
        return fail({
          code: 'E_EXPR_UNSUPPORTED',
          message: `'${name}' is a member of ${lookup.entity}: write ${name}.variable`,
          found: name,
          ...optionalColumn(text, name),
        });
      case 'entity':
        return fail({
          code: 'E_EXPR_UNSUPPORTED',
          message: `'${name}' is an entity type: use an aggregate such as sumOf(...) over its members`,
          found: name,
          ...optionalColumn(text, name),
        });
    }
  };

  const entitiesIn = (n: MathNode, s: Scope, out: Set<string>): void => {
    if (isSymbolNode(n)) {
      const e = s.entityOf(n.name);
      if (e !== undefined) out.add(e);
    }
    if (isAccessorNode(n)) return; // Member.name is already bound to one member
    if (isFunctionNode(n) && AGGREGATES.has(n.fn.name)) return; // nested aggregates bind their own
    n.forEach((child) => {
      if (!(isFunctionNode(n) && child === n.fn)) entitiesIn(child, s, out);
    });
  };

  const hoist = options.hoist;
  const visit = (n: MathNode, s: Scope): Piece => {
    if (isParenthesisNode(n)) return visit(n.content, s);
    if (isConstantNode(n)) {
      const v: unknown = n.value;
      if (typeof v === 'number' && Number.isFinite(v)) return leaf(v < 0 ? `(${v})` : String(v));
      if (typeof v === 'boolean') return leaf(v ? '1' : '0');
      return leaf(
        fail({
          code: 'E_EXPR_UNSUPPORTED',
          message: 'only finite numbers are allowed as constants',
          found: typeof v === 'string' ? `the string "${v.slice(0, 40)}"` : String(v),
        }),
      );
    }
    if (isSymbolNode(n)) {
      const builtin = BUILTIN_CONSTANTS.get(n.name);
      if (builtin !== undefined && s.lookup(n.name) === undefined) return leaf(builtin);
      return leaf(resolved(s.lookup(n.name), n.name, s));
    }
    if (isOperatorNode(n)) {
      const args = n.args.map((a) => visit(a, s));
      if (args.length === 2 && Object.hasOwn(BINARY, n.fn)) {
        const comparison = COMPARISONS.has(n.fn);
        return combine(args, ([a, b]) => BINARY[n.fn]!(a!, b!), hoist, { comparison });
      }
      if (args.length === 1 && Object.hasOwn(UNARY, n.fn))
        return combine(args, ([a]) => UNARY[n.fn]!(a!), hoist);
      return leaf(
        fail({
          code: 'E_EXPR_UNSUPPORTED',
          message: `operator '${n.op}' is not supported`,
          found: n.op,
        }),
      );
    }
    if (isConditionalNode(n)) {
      const parts = [visit(n.condition, s), visit(n.trueExpr, s), visit(n.falseExpr, s)];
      return combine(parts, ([c, a, b]) => `(${c} ? ${a} : ${b})`, hoist);
    }
    if (isAccessorNode(n)) {
      const idx = n.index;
      const key =
        isIndexNode(idx) && idx.dotNotation && idx.dimensions.length === 1 ? idx.dimensions[0] : undefined;
      if (
        !isSymbolNode(n.object) ||
        key === undefined ||
        !isConstantNode(key) ||
        typeof key.value !== 'string'
      ) {
        return leaf(
          fail({
            code: 'E_EXPR_UNSUPPORTED',
            message: 'indexing is not supported; write Member.variable',
            found: n.toString().slice(0, 60),
          }),
        );
      }
      const member = n.object.name;
      const name = key.value;
      const found = s.lookupMember(member, name);
      if (found === undefined) {
        const isMember = s.lookup(member)?.kind === 'member';
        return leaf(
          fail({
            code: 'E_UNKNOWN_SYMBOL',
            message: isMember ? `${member} has no variable '${name}'` : `unknown member '${member}'`,
            found: qualify(name, member),
            ...optionalColumn(text, member),
          }),
        );
      }
      return leaf(resolved(found, qualify(name, member), s));
    }
    if (isFunctionNode(n)) {
      const name = isSymbolNode(n.fn) ? n.fn.name : undefined;
      if (name === undefined) {
        return leaf(
          fail({
            code: 'E_EXPR_UNSUPPORTED',
            message: 'only named functions can be called',
            found: n.toString().slice(0, 60),
          }),
        );
      }
      const aggregate = AGGREGATES.get(name);
      if (aggregate) {
        if (n.args.length !== 1) {
          return leaf(
            fail({
              code: 'E_ARITY',
              message: `${name} takes 1 argument`,
              found: `${n.args.length} arguments`,
            }),
          );
        }
        const inner = n.args[0]!;
        const types = new Set<string>();
        entitiesIn(inner, s, types);
        if (types.size !== 1) {
          return leaf(
            fail({
              code: 'E_EXPR_UNSUPPORTED',
              message:
                types.size === 0
                  ? `${name}(...) needs a per-member value inside, such as ${name}(strength)`
                  : `${name}(...) mixes values of different entity types: ${[...types].join(', ')}`,
              found: inner.toString().slice(0, 60),
            }),
          );
        }
        const entity = [...types][0]!;
        const parts = s.members(entity).map((m) => visit(inner, s.withMember(entity, m)));
        return combine(parts, aggregate, hoist);
      }
      const spec = FUNCTIONS.get(name);
      if (spec === undefined || s.lookup(name) !== undefined) {
        const known = [...FUNCTIONS.keys(), ...AGGREGATES.keys()];
        return leaf(
          fail({
            code: 'E_UNKNOWN_FUNCTION',
            message: `unknown function '${name}'${didYouMean(name, known)}`,
            found: name,
            expected: oneOf(known, 'a function', known.length),
            ...optionalColumn(text, name),
          }),
        );
      }
      if (n.args.length < spec.min || n.args.length > spec.max) {
        const want = spec.min === spec.max ? `${spec.min}` : `${spec.min} to ${spec.max}`;
        return leaf(
          fail({
            code: 'E_ARITY',
            message: `${name} takes ${want} argument${spec.max === 1 ? '' : 's'}`,
            expected: want,
            found: String(n.args.length),
          }),
        );
      }
      if (spec.random) {
        random = true;
        if (!options.allowRandom) {
          return leaf(
            fail({
              code: 'E_RANDOM_NOT_ALLOWED',
              message: `${name} draws a random number every step; it is allowed only in rules and event effects (use a parameter's uncertainty for a value drawn once per run)`,
              found: name,
              ...optionalColumn(text, name),
            }),
          );
        }
      }
      const ctx = { dt: options.dt, rng: options.rng };
      const parts = n.args.map((a) => visit(a, s));
      return combine(parts, (codes) => spec.emit(codes, ctx), hoist, spec.random ? { random: true } : {});
    }
    return leaf(
      fail({
        code: 'E_EXPR_UNSUPPORTED',
        message: `${n.type.replace(/Node$/, '').toLowerCase()} expressions are not supported`,
        found: n.toString().slice(0, 60),
      }),
    );
  };

  const code = finish(visit(node, scope), hoist);
  return { code, derived, random };
}

function optionalColumn(text: string, name: string): { column?: number } {
  const c = columnOf(text, name);
  return c === undefined ? {} : { column: c };
}
