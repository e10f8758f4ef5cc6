/**
 * Loading of the claims catalogue and of an outcomes file: YAML with positions, the zod shape, then the
 * checks across entries. Every problem is collected with its file, line and field path, as for models.
 */
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { z } from 'zod';
import { OxusError, type Problem } from '../errors.js';
import { readText } from '../model/load.js';
import { readYaml, validateWith, type YamlFile } from '../model/yamlFile.js';
import { parsePeriod } from '../time/period.js';
import { rangeOf } from './scales.js';
import { type Catalogue, type Claim, catalogueSchema, type OutcomesFile, outcomesSchema } from './schema.js';

export interface LoadedCatalogue {
  readonly path: string;
  readonly text: string;
  readonly file: Catalogue;
  readonly yaml: YamlFile;
}

export interface LoadedOutcomes {
  readonly path: string;
  readonly text: string;
  readonly file: OutcomesFile;
  readonly yaml: YamlFile;
}

/** Month index of `2004-02` or `2004` (a year means its first month, or its last with `end`). */
export function monthOf(text: string, end = false): number {
  const m = parsePeriod(text.slice(0, 7));
  if (m === undefined) throw new RangeError(`not a month: ${text}`);
  return end && /^\d{4}$/.test(text) ? m + 11 : m;
}

/** The checks of one claim that its shape cannot express. */
function claimProblems(claim: Claim, i: number, yaml: YamlFile, dir: string): Problem[] {
  const at = (...path: (string | number)[]) => ['claims', i, ...path];
  const out: Problem[] = [];
  if (!claim.question && !claim.unresolvable) {
    out.push(
      yaml.problem(
        at(),
        'E_CLAIM_OPEN',
        'a claim needs an operational `question` or an `unresolvable` reason',
        {
          expected: 'question: {…} or unresolvable: "why"',
        },
      ),
    );
  }
  const r = claim.reading;
  if ('term' in r && !rangeOf(r.scale, r.term)) {
    out.push(
      yaml.problem(at('reading', 'term'), 'E_READING', `'${r.term}' is not a term of the ${r.scale} scale`, {
        found: r.term,
      }),
    );
  }
  if ('range' in r && r.range[0] > r.range[1]) {
    out.push(
      yaml.problem(at('reading', 'range'), 'E_READING', 'the low end is above the high end', {
        found: `[${r.range.join(', ')}]`,
      }),
    );
  }
  if (claim.question) {
    const { from, to } = claim.question;
    if (monthOf(from) > monthOf(to, true)) {
      out.push(
        yaml.problem(at('question', 'to'), 'E_WINDOW', 'the window ends before it starts', {
          expected: `a month from ${from}`,
          found: to,
        }),
      );
    }
    if (monthOf(from) < monthOf(claim.date)) {
      out.push(
        yaml.problem(at('question', 'from'), 'E_WINDOW', "the window starts before the claim's date", {
          expected: `${claim.date.slice(0, 7)} or later`,
          found: from,
        }),
      );
    }
  }
  if (claim.model && !existsSync(resolve(dir, claim.model.scenario))) {
    out.push(
      yaml.problem(at('model', 'scenario'), 'E_FILE', 'scenario file not found', {
        found: claim.model.scenario,
      }),
    );
  }
  return out;
}

/** YAML with positions, then the shape: the value (when usable) with the problems found so far. */
export function shaped<T>(
  text: string,
  path: string,
  schema: z.ZodType<T>,
): { yaml?: YamlFile; value?: T; problems: Problem[] } {
  const { yaml, problems } = readYaml(text, path);
  if (problems.length) return { problems };
  const { value, problems: shape } = validateWith(yaml, schema);
  return value === undefined ? { problems: shape } : { yaml, value, problems: [...shape] };
}

/** Parses and checks a catalogue given as text; returns it with every problem (empty when valid). */
export function parseCatalogue(
  text: string,
  path: string,
): { catalogue?: LoadedCatalogue; problems: Problem[] } {
  const { yaml, value, problems: out } = shaped(text, path, catalogueSchema);
  if (!yaml || !value) return { problems: out };
  const seen = new Map<string, number>();
  value.claims.forEach((claim, i) => {
    const first = seen.get(claim.id);
    if (first !== undefined) {
      out.push(
        yaml.problem(['claims', i, 'id'], 'E_DUPLICATE', `claim id '${claim.id}' is used twice`, {
          found: `also claims[${first}]`,
        }),
      );
    } else seen.set(claim.id, i);
    out.push(...claimProblems(claim, i, yaml, dirname(path)));
  });
  return { catalogue: { path, text, file: value, yaml }, problems: out };
}

/** Reads a claims catalogue; throws an OxusError listing every problem. */
export function loadCatalogue(path: string): LoadedCatalogue {
  const { catalogue, problems } = parseCatalogue(readText(path), path);
  if (!catalogue || problems.length) throw new OxusError(problems);
  return catalogue;
}

/** Parses an outcomes file and checks it against the catalogue; returns every problem. */
export function parseOutcomes(
  text: string,
  path: string,
  catalogue: Catalogue,
): { outcomes?: LoadedOutcomes; problems: Problem[] } {
  const { yaml, value, problems: out } = shaped(text, path, outcomesSchema);
  if (!yaml || !value) return { problems: out };
  const claims = new Map(catalogue.claims.map((c) => [c.id, c]));
  const seen = new Set<string>();
  value.outcomes.forEach((o, i) => {
    const at = (...p: (string | number)[]) => ['outcomes', i, ...p];
    const claim = claims.get(o.claim);
    if (!claim) {
      out.push(
        yaml.problem(at('claim'), 'E_UNKNOWN_CLAIM', `no claim '${o.claim}' in the catalogue`, {
          found: o.claim,
        }),
      );
      return;
    }
    if (seen.has(o.claim))
      out.push(yaml.problem(at('claim'), 'E_DUPLICATE', `claim '${o.claim}' is resolved twice`));
    seen.add(o.claim);
    if (claim.unresolvable !== undefined || !claim.question) {
      out.push(
        yaml.problem(
          at('claim'),
          'E_UNRESOLVABLE',
          `claim '${o.claim}' is marked unresolvable in the catalogue`,
          {
            found: claim.unresolvable ?? 'no question',
          },
        ),
      );
      return;
    }
    const { from, to } = claim.question;
    const when = monthOf(o.date);
    if (o.outcome === 'yes' && (when < monthOf(from) || when > monthOf(to, true))) {
      out.push(
        yaml.problem(at('date'), 'E_WINDOW', "a 'yes' must happen inside the question's window", {
          expected: `${from} to ${to}`,
          found: o.date,
        }),
      );
    }
    if (o.outcome === 'no' && when < monthOf(to, true)) {
      out.push(
        yaml.problem(at('date'), 'E_WINDOW', "a 'no' is known only once the window has closed", {
          expected: `${to} or later`,
          found: o.date,
        }),
      );
    }
  });
  return { outcomes: { path, text, file: value, yaml }, problems: out };
}

/** Reads an outcomes file against a catalogue; throws an OxusError listing every problem. */
export function loadOutcomes(path: string, catalogue: Catalogue): LoadedOutcomes {
  const { outcomes, problems } = parseOutcomes(readText(path), path, catalogue);
  if (!outcomes || problems.length) throw new OxusError(problems);
  return outcomes;
}
