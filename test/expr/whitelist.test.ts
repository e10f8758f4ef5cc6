/**
 * Only whitelisted code, tested where it matters: expressions generated from the grammar (test/support/expressionGrammar.ts), most
 * of which compile, some with operators, calls and member access nested in each other, others holding a
 * construct that must never compile. The explicit list of escapes stays in compile.test.ts.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import type { Lookup, Scope } from '../../src/expr/compileExpression.js';
import { compileText, expressions, type Generated } from '../support/expressionGrammar.js';

const VARS = ['a', 'b', 'c'];
/** Members A and B of one entity type, each with a variable x (slots after the three globals). */
const MEMBERS: Record<string, string> = { 'A.x': 'p[3]', 'B.x': 'p[4]' };
const scope: Scope = {
  lookup: (n): Lookup | undefined =>
    VARS.includes(n) ? { kind: 'value', code: `p[${VARS.indexOf(n)}]` } : undefined,
  lookupMember: (member, name): Lookup | undefined => {
    const code = MEMBERS[`${member}.${name}`];
    return code === undefined ? undefined : { kind: 'value', code };
  },
  entityOf: () => undefined,
  members: () => [],
  withMember: () => scope,
  names: () => VARS,
};

/**
 * What compiled code may hold: numbers, operators, the parameter slots, the uniform stream, and calls of
 * the runtime (F), the samplers (R) and Math. Nothing from the text of the expression survives but these.
 */
const SAFE =
  /^(?:\s|\d|\.|e[-+]?\d|[-+*/%()<>=!?:&|,]|p\[\d+\]|ur|Infinity|NaN|(?:F|R|Math)\.[a-z][a-zA-Z0-9]*)*$/;
const RUNS = 5000;

describe('only whitelisted code reaches JavaScript (grammar-generated expressions)', () => {
  it(`compiles what the grammar allows into safe code, and nothing it forbids (${RUNS} expressions)`, (t) => {
    const seen = { compiled: 0, operator: 0, call: 0, member: 0, forbidden: 0, all: 0 };
    fc.assert(
      fc.property(expressions(VARS, Object.keys(MEMBERS)), (g: Generated) => {
        const { code, problems } = compileText(g.text, scope);
        seen.all++;
        if (g.forbidden) {
          seen.forbidden++;
          assert.equal(code, undefined, `${g.text} must not compile`);
          assert.ok(problems.length > 0, `${g.text} is refused with a problem`);
          return;
        }
        // Everything else is in the language: it compiles, to code made only of safe pieces.
        assert.ok(code !== undefined, `${g.text} compiles: ${problems.map((p) => p.message).join('; ')}`);
        assert.match(code, SAFE, `${g.text} compiled to unsafe code ${code}`);
        seen.compiled++;
        if (g.operator) seen.operator++;
        if (g.call) seen.call++;
        if (/\b[AB]\.x\b/.test(g.text)) seen.member++;
      }),
      { numRuns: RUNS, seed: 15 },
    );
    t.diagnostic(
      `of ${seen.all} generated expressions: ${seen.compiled} compile (${seen.operator} with an operator, ${seen.call} with a call, ${seen.member} with member access); ${seen.forbidden} hold a forbidden construct and are refused`,
    );
    // The property must be tested where it matters: most texts compile, and they use the grammar (floors
    // well below what seed 15 gives, so a change of the generator's weights does not break them).
    assert.equal(seen.all, RUNS);
    assert.ok(seen.compiled >= RUNS / 2, `${seen.compiled} of ${RUNS} compile`);
    assert.ok(seen.operator >= seen.compiled / 4, `${seen.operator} compiled expressions have an operator`);
    assert.ok(seen.call >= seen.compiled / 4, `${seen.call} compiled expressions have a call`);
    assert.ok(seen.member >= seen.compiled / 10, `${seen.member} compiled expressions access a member`);
    assert.ok(seen.forbidden >= RUNS / 10, `${seen.forbidden} expressions hold a forbidden construct`);
  });
});
