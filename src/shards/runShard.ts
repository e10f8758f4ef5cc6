/** Runs one shard of a job: its slice of the runs, written with what the merge needs. */
import type { SimulateOptions } from '../engine/simulate.js';
import { AnalysisError } from '../errors.js';
import { aboutOf, type Prepared, receiptOf, simulatePrepared } from '../pipeline.js';
import { encodeShard, SHARD_FORMAT, type ShardHeader, shardRange } from './shardFile.js';

/** Shard `index` (from 0) of `count` of the prepared job: the shard file's bytes and its header. */
export async function runShard(
  p: Prepared,
  index: number,
  count: number,
  options: Omit<SimulateOptions, 'runs' | 'seed' | 'firstRun'> = {},
): Promise<{ bytes: Uint8Array; header: ShardHeader }> {
  if (!(Number.isInteger(count) && count >= 1 && count <= p.runs))
    throw new AnalysisError(
      'E_SHARD_COUNT',
      `the shard count must be from 1 to the job's ${p.runs} runs, found ${count}`,
    );
  if (!(Number.isInteger(index) && index >= 0 && index < count))
    throw new AnalysisError(
      'E_SHARD_INDEX',
      `the shard index must be from 0 to ${count - 1}, found ${index}`,
    );
  const [from, to] = shardRange(index, count, p.runs);
  const data = await simulatePrepared(p, { ...options, runs: to - from, firstRun: from });
  const header: ShardHeader = {
    format: SHARD_FORMAT,
    job: receiptOf(p, 0),
    shard: { index, count, from, to },
    about: aboutOf(p),
  };
  return { bytes: encodeShard(header, data), header };
}
