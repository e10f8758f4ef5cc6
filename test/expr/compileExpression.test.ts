/**
 * The expression compiler: it must mean what mathjs means, reject what it does not support, and never let
 * the text of an expression reach JavaScript.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { all, create } from 'mathjs';
import type { Lookup, Scope } from '../../src/expr/compileExpression.js';
import { F } from '../../src/expr/runtime.js';
import * as samplers from '../../src/random/samplers.js';
import { compileText } from '../support/expressionGrammar.js';

const VARS = ['a', 'b', 'c'];
const scope: Scope = {
  lookup: (n): Lookup | undefined =>
    VARS.includes(n) ? { kind: 'value', code: `p[${VARS.indexOf(n)}]` } : undefined,
  lookupMember: () => undefined,
  entityOf: () => undefined,
  members: () => [],
  withMember: () => scope,
  names: () => VARS,
};

const compile = (text: string, allowRandom = true) => compileText(text, scope, allowRandom);

function evaluateCompiled(code: string, p: number[]): number {
  return new Function('F', 'R', 'p', 'ur', `return ${code};`)(
    F,
    samplers,
    Float64Array.from(p),
    () => 0.5,
  ) as number;
}

// mathjs as the reference, configured like oxus: plain numbers, real results only (predictable: NaN, not complex).
// Powers take a non-negative base here: for a negative base and a fractional exponent, predictable mathjs
// computes odd roots ((-8)^(1/3) = -2) while oxus returns NaN, as documented in docs/model-format.md.
const reference = create(all!, { number: 'number', predictable: true });

const expr: fc.Arbitrary<string> = fc.letrec<{ e: string }>((tie) => ({
  e: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constantFrom('a', 'b', 'c', '0', '1', '2', '0.5', '3.25', 'pi', 'true'),
    fc.tuple(tie('e'), tie('e')).map(([x, y]) => `(abs(${x}) ^ ${y})`),
    fc
      .tuple(
        tie('e'),
        fc.constantFrom('+', '-', '*', '/', '%', '<', '>', '<=', '>=', '==', '!=', 'and', 'or', 'xor'),
        tie('e'),
      )
      .map(([x, op, y]) => `(${x} ${op} ${y})`),
    tie('e').map((x) => `-(${x})`),
    tie('e').map((x) => `not (${x})`),
    fc.tuple(tie('e'), tie('e'), tie('e')).map(([c, x, y]) => `(${c} ? ${x} : ${y})`),
    fc
      .tuple(
        fc.constantFrom(
          'abs',
          'exp',
          'sqrt',
          'floor',
          'ceil',
          'round',
          'sign',
          'log',
          'log10',
          'log2',
          'cbrt',
          'sin',
          'atan',
        ),
        tie('e'),
      )
      .map(([f, x]) => `${f}(${x})`),
    fc.tuple(fc.constantFrom('min', 'max', 'mod'), tie('e'), tie('e')).map(([f, x, y]) => `${f}(${x}, ${y})`),
    fc.tuple(tie('e'), tie('e')).map(([x, y]) => `pow(abs(${x}), ${y})`),
  ),
})).e;

describe('compiled expressions mean what mathjs means', () => {
  it('agree with mathjs evaluate on random expressions and values (property)', () => {
    fc.assert(
      fc.property(
        expr,
        fc.array(fc.double({ min: -50, max: 50, noNaN: true }), { minLength: 3, maxLength: 3 }),
        (text, values) => {
          const { code, problems } = compile(text);
          assert.deepEqual(problems, []);
          const ours = evaluateCompiled(code!, values);
          const theirs = Number(reference.evaluate(text, { a: values[0], b: values[1], c: values[2] }));
          // Where mathjs's result is not finite, ours must not be either: the engine stops any run whose state
          // becomes NaN or infinite, so which non-finite value it is cannot change a result. (At infinities the
          // two differ in corners such as pow(-Infinity, Infinity), where mathjs says NaN and IEEE says Infinity.)
          if (!Number.isFinite(theirs)) return !Number.isFinite(ours);
          // Same operations in the same order give the same double; 1e-9 relative only absorbs mathjs's own
          // epsilon handling in round/floor/ceil near .5 and integer boundaries.
          return Math.abs(ours - theirs) <= 1e-9 * Math.max(1, Math.abs(theirs));
        },
      ),
      { numRuns: 3000, seed: 20261122 },
    );
  });

  it('compare with a constant as mathjs does, at and around the edge of its tolerance (property)', () => {
    // A constant c and a value at c·(1 + f) + g for f and g around mathjs's tolerances (10⁻¹² relative,
    // 10⁻¹⁵ absolute), where a shortcut that decides "unequal" without F.eq would show if its bound were short.
    const constant = fc.constantFrom(0, 1, 2, -1, 3.25, 0.5, 1e6, -1e-3, 1e-20);
    const factor = fc.oneof(
      fc.constant(0),
      fc.double({ min: -3e-12, max: 3e-12, noNaN: true }),
      fc.constantFrom(1e-12, -1e-12, 1.0000001e-12, -1.0000001e-12, 2e-12, -2e-12),
    );
    const offset = fc.oneof(
      fc.constant(0),
      fc.double({ min: -3e-15, max: 3e-15, noNaN: true }),
      fc.constantFrom(1e-15, -1e-15, 1.0001e-15, 2e-15, 2.1e-15),
    );
    fc.assert(
      fc.property(constant, factor, offset, fc.boolean(), fc.boolean(), (c, f, g, left, negate) => {
        const a = c * (1 + f) + g;
        const cText = c < 0 ? `(${c})` : String(c);
        const op = negate ? '!=' : '==';
        const text = left ? `${cText} ${op} a` : `a ${op} ${cText}`;
        const { code, problems } = compile(text);
        assert.deepEqual(problems, []);
        const theirs = Number(reference.evaluate(text, { a }));
        assert.equal(evaluateCompiled(code!, [a, 0, 0]), theirs, `${text} with a = ${a}`);
      }),
      { numRuns: 5000, seed: 20261203 },
    );
  });

  it('known values', () => {
    const cases: [string, number][] = [
      ['2 + 3 * 4', 14],
      ['-2^2', -4],
      ['7 % 3', 1],
      ['-7 % 3', 2],
      ['mod(7, -3)', -2],
      ['0.1 + 0.2 == 0.3', 1],
      ['1 < 2 and 2 < 3', 1],
      ['a > b ? a : b', 5],
      ['round(-2.5)', -3],
      ['clamp(5, 0, 1)', 1],
      ['logistic(0)', 0.5],
      ['hazard(0)', 0],
      ['2a', 10],
    ];
    for (const [text, want] of cases) {
      const { code, problems } = compile(text);
      assert.deepEqual(problems, [], text);
      assert.equal(evaluateCompiled(code!, [5, 3, 1]), want, text);
    }
    // hazard(rate) with dt = 0.25 is 1 - exp(-rate/4).
    assert.equal(evaluateCompiled(compile('hazard(2)').code!, [0, 0, 0]), 1 - Math.exp(-0.5));
  });
});

describe('untrusted expressions cannot escape', () => {
  const attempts = [
    'constructor',
    '__proto__',
    'a.constructor',
    'a["constructor"]',
    'cos.constructor("return process")()',
    'import({}, {override: true})',
    'evaluate("1 + 1")',
    'parse("1")',
    'compile("1")',
    'createUnit("foo")',
    'simplify("x + x")',
    'f(x) = x',
    'a = 1',
    '[1, 2, 3]',
    '{x: 1}',
    '"a string"',
    'process.exit(1)',
    'this',
    '5 cm',
    '2 cm to inch',
    'a; b',
    'x => x',
    'require("fs")',
    'globalThis',
    'Function("return 1")()',
    '1 ? 2',
    'max',
    'a!',
    `${'('.repeat(60)}1${')'.repeat(60)}`,
    `${'1+'.repeat(1200)}1`,
    // mathjs's documented security risks: functions that reach its own parser or JavaScript.
    'reviver("{}")',
    'chain(1).done()',
    'help(cos)',
    'typed("f", {})',
    'config({number: "BigNumber"})',
    'derivative("x^2", "x")',
    'resolve("x", {x: 1})',
    'matrix([1, 2])',
    'range(1, 1000000000)',
    'zeros(100000, 100000)',
    // Constructor and prototype paths, by property and by index.
    'cos["constructor"]["constructor"]("return this")()',
    'exp.__proto__',
    'min.prototype',
    'x.valueOf',
    'toString()',
    'hasOwnProperty("x")',
    // Strings, escapes and JavaScript syntax smuggled in.
    "'\\u0063onstructor'",
    '"\\x63onstructor"',
    ['`$', '{process}`'].join(''),
    '1 /* comment */ + 1',
    '1 // comment',
    'eval("1")',
    'new Function("return 1")',
    'p[0]',
    'ur',
    'F.exp',
    'Math.random()',
  ];
  for (const text of attempts) {
    it(`rejects ${JSON.stringify(text.length > 40 ? `${text.slice(0, 40)}…` : text)}`, () => {
      const { code, problems } = compile(text);
      assert.equal(code, undefined);
      assert.ok(problems.length > 0);
    });
  }

  it('compiled code only ever contains numbers, slots and runtime calls, whatever the input (property)', () => {
    const safe =
      /^(?:\s|\d|\.|e[-+]?\d|[-+*/%()<>=!?:&|,]|p\[\d+\]|ur|Infinity|NaN|(?:F|R|Math)\.[a-z][a-zA-Z0-9]*)*$/;
    const alphabet = fc.constantFrom(
      ...'ab c()[]{}.,;:"\'`=+-*/^%!?<>&|_$\\0123456789xyzconstructor'.split(''),
      'constructor',
      'process',
      'import',
      'exp(',
      'rpois(',
      'min(',
    );
    fc.assert(
      fc.property(
        fc.array(alphabet, { maxLength: 30 }).map((parts) => parts.join('')),
        (text) => {
          const { code } = compile(text);
          return code === undefined || safe.test(code);
        },
      ),
      { numRuns: 5000, seed: 7 },
    );
  });

  it('random functions are refused where only deterministic values are allowed', () => {
    const { problems } = compile('rpois(3)', false);
    assert.equal(problems[0]?.code, 'E_RANDOM_NOT_ALLOWED');
  });

  it('unknown names are reported with suggestions', () => {
    const { problems } = compile('aa + sqr(b)');
    assert.deepEqual(
      problems.map((p) => p.code),
      ['E_UNKNOWN_SYMBOL', 'E_UNKNOWN_FUNCTION'],
    );
    assert.match(problems[0]!.message, /did you mean 'a'/);
    assert.match(problems[1]!.message, /did you mean 'sqrt'/);
  });
});
