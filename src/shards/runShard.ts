/** Runs one shard of a job: its slice of the runs, written with what the merge needs. */
import type { SimulateOptions } from '../engine/simulate.js';
import { AnalysisError } from '../errors.js';
import { aboutOf, type Prepared, receiptOf, simulatePrepared } from '../pipeline.js';
import { encodeShard, SHARD_FORMAT, type ShardHeader, shardRange } from './shardFile.js';

type SliceOptions = Omit<SimulateOptions, 'runs' | 'seed' | 'firstRun'>;

/** Shard `index` (from 0) of `count` of the prepared job: the shard file's bytes and its header. */
export async function runShard(
  p: Prepared,
  index: number,
  count: number,
  options: SliceOptions = {},
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
  return runSlice(p, { index, count, from, to }, options);
}

/**
 * Runs `from` to `to` − 1 of the prepared job as a shard (for batch systems that hand out run ranges
 * rather than an index of N): the shard file's bytes and its header.
 */
export async function runRange(
  p: Prepared,
  from: number,
  to: number,
  options: SliceOptions = {},
): Promise<{ bytes: Uint8Array; header: ShardHeader }> {
  if (!(Number.isInteger(from) && Number.isInteger(to) && from >= 0 && from < to && to <= p.runs))
    throw new AnalysisError(
      'E_SHARD_RANGE',
      `the run range must be FROM:TO with 0 ≤ FROM < TO ≤ the job's ${p.runs} runs (runs FROM to TO − 1), found ${from}:${to}`,
    );
  return runSlice(p, { from, to }, options);
}

async function runSlice(p: Prepared, shard: ShardHeader['shard'], options: SliceOptions) {
  const { from, to } = shard;
  const data = await simulatePrepared(p, { ...options, runs: to - from, firstRun: from });
  const header: ShardHeader = { format: SHARD_FORMAT, job: receiptOf(p, 0), shard, about: aboutOf(p) };
  return { bytes: encodeShard(header, data), header };
}
