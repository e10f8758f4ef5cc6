/**
 * Shared state of one buildPlan pass: the model file, the symbol table, and the problem list, with
 * helpers that turn a field path into a located Problem.
 */

import type { Problem } from '../errors.js';
import { type CompileProblem, compileNode, type Scope } from '../expr/compileExpression.js';
import { parseExpression } from '../expr/parse.js';
import type { Origin } from '../model/load.js';
import type { Path, YamlFile } from '../model/yamlFile.js';
import type { QualifiedName } from '../qualifiedName.js';
import { numberCode } from './codegen.js';
import type { Hoister } from './hoister.js';
import { type Read, recordingScope } from './readRecorder.js';
import type { Symbols } from './symbols.js';

export class BuildContext {
  readonly problems: Problem[] = [];
  private readonly seen = new Set<string>();
  /** Set once the expressions that run before the step loop (initial values) are compiled. */
  hoister?: Hoister;
  /** Told every name each expression reads, with where the expression stands (the model map). */
  onRead?: (at: Path | Origin, read: Read) => void;
  constructor(
    readonly yaml: YamlFile,
    readonly sym: Symbols,
  ) {}

  /** Records a problem at `path` of the model file, or of the origin given. */
  report(
    at: Path | Origin,
    code: string,
    message: string,
    extra: { expected?: string; found?: string; key?: string; column?: number } = {},
  ): void {
    const { yaml, path } = Array.isArray(at) ? { yaml: this.yaml, path: at as Path } : (at as Origin);
    const problem = yaml.problem(path, code, message, extra);
    // A per-member expression is compiled once per member: report each of its problems once.
    const key = `${problem.file}|${problem.path}|${code}|${message}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.problems.push(problem);
  }

  /**
   * Parses and compiles an expression (or a number) in `scope`. Problems are reported at `at`; the
   * returned code is 'NaN' when it failed, so later stages can go on collecting problems.
   */
  expression(
    text: string | number,
    at: Path | Origin,
    scope: Scope,
    opts: { allowRandom: boolean; rng?: string },
  ): { code: string; derived: Set<QualifiedName>; random: boolean } {
    if (typeof text === 'number') return { code: numberCode(text), derived: new Set(), random: false };
    const parsed = parseExpression(text);
    if ('problem' in parsed) {
      const p = parsed.problem;
      this.report(at, p.code, p.message, {
        found: JSON.stringify(text.length > 60 ? `${text.slice(0, 60)}…` : text),
        ...(p.column !== undefined ? { column: p.column } : {}),
      });
      return { code: 'NaN', derived: new Set(), random: false };
    }
    const problems: CompileProblem[] = [];
    const onRead = this.onRead;
    const compiled = compileNode(
      parsed.node,
      text,
      onRead ? recordingScope(scope, (read) => onRead(at, read)) : scope,
      {
        allowRandom: opts.allowRandom,
        dt: this.sym.dt,
        rng: opts.rng ?? 'ur',
        ...(this.hoister ? { hoist: this.hoister } : {}),
      },
      problems,
    );
    for (const p of problems) {
      this.report(at, p.code, p.message, {
        ...(p.expected !== undefined ? { expected: p.expected } : {}),
        ...(p.found !== undefined ? { found: p.found } : {}),
        ...(p.column !== undefined ? { column: p.column } : {}),
      });
    }
    return compiled;
  }
}
