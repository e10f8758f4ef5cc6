/** `oxus score`: score the model, the experts, a base rate and "no change" on the claims catalogue. */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { type Command, Option } from 'commander';
import { scoreReport } from '../../forecast/report.js';
import { SCALE_IDS, type ScaleId } from '../../forecast/scales.js';
import { renderScoreCsv } from '../../present/scoreCsv.js';
import { renderScoreTable } from '../../present/scoreTable.js';
import type { CliIO } from '../io.js';
import { positiveInt, workersArg } from '../options.js';

interface ScoreOptions {
  readonly claims: string;
  readonly outcomes: string;
  readonly estimates: string;
  readonly backtest: boolean;
  readonly scale: ScaleId;
  readonly format: string;
  readonly runs?: number;
  readonly workers?: number;
  readonly out?: string;
}

export function scoreCommand(program: Command, io: CliIO): void {
  program
    .command('score')
    .description(
      'score the model, each expert, a base rate and "no change" on the claims in the two articles',
    )
    .option('--claims <file>', 'claims catalogue', 'forecasts/claims.yaml')
    .option('--outcomes <file>', 'outcomes file', 'forecasts/outcomes.yaml')
    .option('--estimates <file>', 'size estimates for the backtest', 'forecasts/estimates.yaml')
    .option('--no-backtest', 'skip the backtest on sizes')
    .addOption(new Option('--scale <scale>', 'estimative words').choices(SCALE_IDS).default('icd203'))
    .addOption(
      new Option('--format <format>', 'output format').choices(['table', 'json', 'csv']).default('table'),
    )
    .option(
      '--runs <n>',
      "override every scenario's run count (the scores then differ from the stated ones)",
      positiveInt('--runs', 20_000),
    )
    .option('--workers <n>', 'worker threads; 0 runs in this thread', workersArg)
    .option('--out <file>', 'write the output to a file instead of stdout')
    .action((opts: ScoreOptions) => score(io, opts));
}

async function score(io: CliIO, opts: ScoreOptions): Promise<void> {
  const report = await scoreReport(
    {
      claims: resolve(io.cwd, opts.claims),
      outcomes: resolve(io.cwd, opts.outcomes),
      ...(opts.backtest ? { estimates: resolve(io.cwd, opts.estimates) } : {}),
    },
    {
      ...(opts.runs !== undefined ? { runs: opts.runs } : {}),
      ...(opts.workers !== undefined ? { workers: opts.workers } : {}),
      ...(io.signal ? { signal: io.signal } : {}),
    },
  );
  const text =
    opts.format === 'json'
      ? `${JSON.stringify({ ...report, scale: opts.scale }, null, 1)}\n`
      : opts.format === 'csv'
        ? renderScoreCsv(report)
        : renderScoreTable(report, opts.scale);
  if (opts.out !== undefined) {
    writeFileSync(resolve(io.cwd, opts.out), text);
    io.stderr(`wrote ${opts.format} to ${opts.out}\n`);
  } else io.stdout(text);
}
