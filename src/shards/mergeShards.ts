/**
 * `oxus merge`: rebuilds a job's result from its shards. The shards must be of one job (same model,
 * scenario, seed, run count and plan, by their receipts) and their run ranges must cover the job exactly
 * once; every problem names the shard file it is about. The per-run records are laid side by side in run
 * order and summarised as a single run's would be, so the result is bit-identical to it.
 */
import { createHash } from 'node:crypto';
import { channelKinds, Records } from '../engine/records.js';
import type { RunData } from '../engine/simulate.js';
import { AnalysisError } from '../errors.js';
import { assembleResult, type Receipt, type Result } from '../pipeline.js';
import { describeShard, type Shard, shardRange } from './shardFile.js';

export interface NamedShard extends Shard {
  readonly file: string;
}

/** Receipt fields that must agree across shards, with the words a message uses for them. */
const MUST_AGREE: readonly [keyof Receipt, string][] = [
  ['model', 'model'],
  ['modelHash', 'model file'],
  ['scenario', 'scenario'],
  ['scenarioHash', 'scenario files'],
  ['seed', 'seed'],
  ['runs', 'run count'],
  ['planHash', 'compiled plan'],
  ['oxus', 'oxus version'],
];

function checkSameJob(shards: readonly NamedShard[]): void {
  const first = shards[0]!;
  for (const s of shards) {
    const hash = createHash('sha256').update(JSON.stringify(s.plan)).digest('hex');
    if (hash !== s.header.job.planHash)
      throw new AnalysisError(
        'E_SHARD_FILE',
        `${s.file}: its plan does not match its receipt (the file was changed)`,
      );
    for (const [field, what] of MUST_AGREE) {
      const a = first.header.job[field];
      const b = s.header.job[field];
      if (a !== b)
        throw new AnalysisError(
          'E_SHARD_FOREIGN',
          `${s.file} is from another job: its ${what} is ${JSON.stringify(b)} where ${first.file} has ${JSON.stringify(a)}`,
        );
    }
  }
  // Shards run as I/N must agree on N (run ranges have none and may be mixed with them).
  const counted = shards.filter((s) => s.header.shard.count !== undefined);
  for (const s of counted) {
    const other = counted[0]!;
    if (s.header.shard.count !== other.header.shard.count)
      throw new AnalysisError(
        'E_SHARD_FOREIGN',
        `${s.file} is shard ${s.header.shard.index}/${s.header.shard.count}, but ${other.file} is one of ${other.header.shard.count}`,
      );
  }
}

/** Ranges disjoint and complete: names the duplicated shard, or the runs (and shard) that are missing. */
function checkCoverage(shards: readonly NamedShard[]): NamedShard[] {
  const sorted = [...shards].sort((a, b) => a.header.shard.from - b.header.shard.from);
  const { runs } = sorted[0]!.header.job;
  const count = shards.find((s) => s.header.shard.count !== undefined)?.header.shard.count;
  const missing = (from: number, to: number) => {
    const lost =
      count === undefined
        ? []
        : Array.from({ length: count }, (_, i) => i).filter((i) => {
            const [a, b] = shardRange(i, count, runs);
            return a < to && b > from;
          });
    const which = lost.length ? `: missing shard ${lost.map((i) => `${i}/${count}`).join(', ')}` : '';
    return new AnalysisError(
      'E_SHARD_MISSING',
      `runs ${from} to ${to - 1} of ${runs} are in no shard given${which}`,
    );
  };
  let next = 0;
  let previous: NamedShard | undefined;
  for (const s of sorted) {
    const { from, to } = s.header.shard;
    if (from < next)
      throw new AnalysisError(
        'E_SHARD_DUPLICATE',
        `${s.file} (${describeShard(s.header.shard)}) overlaps ${previous!.file} (runs ${previous!.header.shard.from} to ${previous!.header.shard.to - 1})`,
      );
    if (from > next) throw missing(next, from);
    next = to;
    previous = s;
  }
  if (next < runs) throw missing(next, runs);
  return sorted;
}

/** The whole job's result from its shards. */
export function mergeShards(shards: readonly NamedShard[]): Result {
  if (shards.length === 0) throw new AnalysisError('E_SHARD_MISSING', 'no shard files given');
  checkSameJob(shards);
  const sorted = checkCoverage(shards);
  const { plan, header } = sorted[0]!;
  const runs = header.job.runs;
  const points = plan.axis.steps + 1;
  // The shards are sorted, disjoint and complete (checked above): their records, in order, are the job's.
  const records = Records.concat(
    channelKinds(plan),
    points,
    sorted.map((s) => s.data.records),
  );
  const data: RunData = { plan, runs, seed: header.job.seed, firstRun: 0, points, records };
  return assembleResult(header.job, header.about, data);
}
