/**
 * The backtest's size estimates file (forecasts/estimates.yaml): schema and loader, validated like the
 * catalogue (every problem, file, line, field path).
 */
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { z } from 'zod';
import { OxusError, type Problem } from '../errors.js';
import { readText } from '../model/load.js';
import { period, sourceSchema } from '../model/schema.js';
import type { YamlFile } from '../model/yamlFile.js';
import { shaped } from './load.js';
import { gradeSchema } from './schema.js';

const estimateSchema = z.strictObject({
  /** Snapshot key of the model series, e.g. `IMU.strength`. */
  series: z.string().min(1),
  /** The date as the timeline gives it. */
  when: z.string().min(1),
  /** The model date it is compared at. */
  at: period,
  low: z.number().min(0),
  high: z.number().min(0),
  /** The value scored by CRPS and PIT. */
  central: z.number().min(0),
  why: z.string().min(1),
  source: sourceSchema,
  grade: gradeSchema,
  inSample: z.string().min(1).optional(),
});
export type Estimate = z.infer<typeof estimateSchema>;

export const estimatesSchema = z.strictObject({
  oxus: z.literal(1),
  title: z.string().min(1),
  scenario: z.string().min(1),
  persistence: z.record(
    z.string(),
    z.strictObject({ value: z.number().min(0), why: z.string().min(1), source: sourceSchema }),
  ),
  /**
   * What a source's report is of the true size: the truth times a lognormal error of median 1 and this σ
   * of the log, with why and where the spread comes from; the backtest then also scores what a source
   * would report.
   */
  reporting: z
    .strictObject({ logsd: z.number().min(0).max(3), why: z.string().min(1), source: sourceSchema })
    .optional(),
  estimates: z.array(estimateSchema).min(1),
  excluded: z.array(z.strictObject({ entry: z.string().min(1), why: z.string().min(1) })).optional(),
});
export type EstimatesFile = z.infer<typeof estimatesSchema>;

export interface LoadedEstimates {
  readonly path: string;
  readonly file: EstimatesFile;
  readonly yaml: YamlFile;
  /** Absolute path of the backtest scenario. */
  readonly scenario: string;
}

export function parseEstimates(
  text: string,
  path: string,
): { estimates?: LoadedEstimates; problems: Problem[] } {
  const { yaml, value, problems: out } = shaped(text, path, estimatesSchema);
  if (!yaml || !value) return { problems: out };
  const scenario = resolve(dirname(path), value.scenario);
  if (!existsSync(scenario))
    out.push(yaml.problem(['scenario'], 'E_FILE', 'scenario file not found', { found: value.scenario }));
  value.estimates.forEach((e, i) => {
    if (!(e.low <= e.central && e.central <= e.high)) {
      out.push(
        yaml.problem(['estimates', i, 'central'], 'E_RANGE', 'the central value lies outside low-high', {
          expected: `${e.low} to ${e.high}`,
          found: String(e.central),
        }),
      );
    }
  });
  return { estimates: { path, file: value, yaml, scenario }, problems: out };
}

export function loadEstimates(path: string): LoadedEstimates {
  const { estimates, problems } = parseEstimates(readText(path), path);
  if (!estimates || problems.length) throw new OxusError(problems);
  return estimates;
}
