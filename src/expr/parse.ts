/**
 * Parsing of rule expressions with a locked-down mathjs instance.
 * Expressions may come from untrusted users (over HTTP), so before mathjs sees the text we bound its size and
 * nesting, and the instance has the functions that mathjs's security guide lists as dangerous disabled
 * (https://mathjs.org/docs/expressions/security.html). oxus never evaluates with mathjs: it only parses, then
 * compiles the tree itself (compile.ts), and the tree is checked node by node against a whitelist.
 */
import { type MathNode, math } from './mathjs.js';

export const LIMITS = { maxLength: 2000, maxDepth: 40, maxNodes: 500 } as const;

const parse = math.parse;
const disabled = (name: string) => () => {
  throw new Error(`function ${name} is disabled`);
};
math.import(
  Object.fromEntries(
    [
      'import',
      'createUnit',
      'reviver',
      'evaluate',
      'parse',
      'simplify',
      'derivative',
      'resolve',
      'compile',
    ].map((n) => [n, disabled(n)]),
  ),
  { override: true },
);

/** A parse failure, with the 1-based character where mathjs stopped, when known. */
export interface ParseProblem {
  code: 'E_EXPR_SYNTAX' | 'E_EXPR_LIMIT';
  message: string;
  column?: number;
}

function nestingDepth(text: string): number {
  let depth = 0;
  let max = 0;
  for (const ch of text) {
    if (ch === '(' || ch === '[' || ch === '{') max = Math.max(max, ++depth);
    else if (ch === ')' || ch === ']' || ch === '}') depth--;
  }
  return max;
}

/** Parses an expression into a mathjs tree, or explains why it cannot. */
export function parseExpression(text: string): { node: MathNode } | { problem: ParseProblem } {
  if (text.length > LIMITS.maxLength) {
    return {
      problem: { code: 'E_EXPR_LIMIT', message: `expression longer than ${LIMITS.maxLength} characters` },
    };
  }
  if (nestingDepth(text) > LIMITS.maxDepth) {
    return { problem: { code: 'E_EXPR_LIMIT', message: `brackets nested deeper than ${LIMITS.maxDepth}` } };
  }
  let node: MathNode;
  try {
    node = parse(text);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    const m = /\(char (\d+)\)/.exec(message);
    return {
      problem: {
        code: 'E_EXPR_SYNTAX',
        message: message.replace(/\s*\(char \d+\)/, ''),
        ...(m ? { column: Number(m[1]) } : {}),
      },
    };
  }
  let count = 0;
  let tooDeep = false;
  const walk = (n: MathNode, depth: number): void => {
    count++;
    if (depth > LIMITS.maxDepth) tooDeep = true;
    if (count > LIMITS.maxNodes || tooDeep) return;
    n.forEach((child) => {
      walk(child, depth + 1);
    });
  };
  walk(node, 0);
  if (count > LIMITS.maxNodes) {
    return {
      problem: { code: 'E_EXPR_LIMIT', message: `expression has more than ${LIMITS.maxNodes} nodes` },
    };
  }
  if (tooDeep)
    return { problem: { code: 'E_EXPR_LIMIT', message: `expression nested deeper than ${LIMITS.maxDepth}` } };
  return { node };
}
