/**
 * The model's probability for a claim, read from the result of its scenario: an event's P(fired by), a
 * threshold's P(holds at), a leader's share, or the share of runs meeting conditions at a snapshot.
 * A name or date the result does not have is a problem at the claim's line, never a silent zero.
 */
import { oneOf } from '../didYouMean.js';
import type { Result } from '../pipeline.js';
import type { ScenarioRun } from './modelRuns.js';
import type { ModelAnswer } from './schema.js';

export type Answer = { p: number } | { problem: { field: string; message: string; expected?: string } };

/** Index of `date` on the result's axis, or a problem naming the axis. */
function dateIndex(result: Result, date: string | number, field: string): number | Answer {
  const k = result.summary.dates.indexOf(String(date));
  if (k >= 0) return k;
  const d = result.summary.dates;
  return {
    problem: {
      field,
      message: `date ${date} is not on the scenario's axis`,
      expected: `${d[0]} to ${d[d.length - 1]}`,
    },
  };
}

function read(spec: ModelAnswer, run: ScenarioRun): Answer {
  const result = run.result;
  const s = result.summary;
  if (spec.kind === 'event') {
    const e = s.events.find((x) => x.event === spec.event && x.member === spec.member);
    if (!e)
      return missing(
        'event',
        `${spec.event} for ${spec.member}`,
        s.events.map((x) => `${x.event}.${x.member}`),
      );
    const k = dateIndex(result, spec.by, 'by');
    return typeof k === 'number' ? { p: e.pBy[k]! } : k;
  }
  if (spec.kind === 'threshold') {
    const t = s.thresholds.find((x) => x.output === spec.output && x.member === spec.member);
    if (!t)
      return missing(
        'output',
        `${spec.output} for ${spec.member}`,
        s.thresholds.map((x) => `${x.output}.${x.member}`),
      );
    const k = dateIndex(result, spec.at, 'at');
    return typeof k === 'number' ? { p: t.pAt[k]! } : k;
  }
  if (spec.kind === 'leader') {
    const l = s.leaders.find((x) => x.output === spec.output);
    if (!l)
      return missing(
        'output',
        spec.output,
        s.leaders.map((x) => x.output),
      );
    const bad = spec.members.filter((m) => !(m in l.share));
    if (bad.length) return missing('members', bad.join(', '), Object.keys(l.share));
    const k = dateIndex(result, spec.at, 'at');
    return typeof k === 'number' ? { p: spec.members.reduce((sum, m) => sum + l.share[m]![k]!, 0) } : k;
  }
  const values = run.valuesAt(String(spec.at));
  if (!values) return dateIndex(result, spec.at, 'at') as Answer;
  const keys = spec.all.flatMap((c) => c.of);
  const bad = keys.filter((key) => !(key in values));
  if (bad.length) return missing('all', bad.join(', '), Object.keys(values));
  const runs = values[keys[0]!]!.length;
  let hits = 0;
  for (let i = 0; i < runs; i++) {
    const ok = spec.all.every((c) => {
      const v = c.of.reduce((sum, key) => sum + values[key]![i]!, 0);
      return c.atLeast !== undefined ? v >= c.atLeast : v < c.below!;
    });
    if (ok) hits++;
  }
  return { p: hits / runs };
}

function missing(field: string, what: string, have: readonly string[]): Answer {
  return {
    problem: { field, message: `the scenario's result has no ${what}`, expected: oneOf(have) },
  };
}

/** The probability of "yes" (with `not`, its complement), or a problem. */
export function modelAnswer(spec: ModelAnswer, run: ScenarioRun): Answer {
  const a = read(spec, run);
  return 'p' in a && spec.not ? { p: 1 - a.p } : a;
}
