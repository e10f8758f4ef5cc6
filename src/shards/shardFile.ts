/**
 * A shard file: one slice of a job's runs, with everything `oxus merge` needs to rebuild the whole job's
 * result bit for bit. It is an Arrow IPC file (readable by pandas, polars and R like the per-run values
 * file) with one row per (run, date) of the slice, run-major, and one column per channel holding the
 * engine's records exactly (doubles for series, 0/1 bytes for flags, 16-bit member indices for leaders).
 * The schema's metadata holds the header (`oxus.shard`: the whole job's receipt, the slice, the result's
 * title) and the compiled plan (`oxus.plan`), whose sha256 must equal the receipt's planHash.
 */
import { makeTable, Schema, Table, tableFromIPC, tableToIPC } from 'apache-arrow';
import { channelKey } from '../analysis/summarize.js';
import type { Plan } from '../compile/plan.js';
import { type ChannelValues, channelKinds, Records } from '../engine/records.js';
import type { RunData } from '../engine/simulate.js';
import { AnalysisError } from '../errors.js';
import type { About, Receipt } from '../pipeline.js';

export const SHARD_FORMAT = 'oxus-shard/1';

export interface ShardHeader {
  readonly format: typeof SHARD_FORMAT;
  /** The receipt of the whole job (all its runs, from run 0): the merged result's receipt. */
  readonly job: Receipt;
  /** This shard: runs from … to − 1; index (from 0) of count when it was run as `--shard I/N`. */
  readonly shard: {
    readonly index?: number;
    readonly count?: number;
    readonly from: number;
    readonly to: number;
  };
  readonly about: About;
}

export interface Shard {
  readonly header: ShardHeader;
  readonly plan: Plan;
  readonly data: RunData;
}

/** How a message names a shard: `shard 1/4, runs 50 to 100`, or `runs 50 to 100` for a run range. */
export function describeShard(shard: ShardHeader['shard']): string {
  const runs = `runs ${shard.from} to ${shard.to - 1}`;
  return shard.count === undefined ? runs : `shard ${shard.index}/${shard.count}, ${runs}`;
}

/** The runs of shard `index` of `count` of a job of `runs` runs: as even a split as whole runs allow. */
export function shardRange(index: number, count: number, runs: number): [number, number] {
  return [Math.floor((index * runs) / count), Math.floor(((index + 1) * runs) / count)];
}

const columnName = (plan: Plan, c: number) => `${plan.channels[c]!.kind}:${channelKey(plan.channels[c]!)}`;

/** The shard file's bytes. */
export function encodeShard(header: ShardHeader, data: RunData): Uint8Array {
  const columns = Object.fromEntries(
    data.plan.channels.map((_, c) => [columnName(data.plan, c), data.records.channel(c)]),
  );
  const plain = makeTable(columns);
  const metadata = new Map([
    ['oxus.shard', JSON.stringify(header)],
    ['oxus.plan', JSON.stringify(data.plan)],
  ]);
  return tableToIPC(new Table(new Schema(plain.schema.fields, metadata), plain.batches), 'file');
}

/** Reads a shard file; `file` names it in errors. Checks its shape, not its agreement with other shards. */
export function decodeShard(bytes: Uint8Array, file: string): Shard {
  const bad = (why: string) => new AnalysisError('E_SHARD_FILE', `${file} is not an oxus shard file: ${why}`);
  let table: Table;
  try {
    table = tableFromIPC(bytes);
  } catch {
    throw bad('it is not an Arrow IPC file');
  }
  const headerText = table.schema.metadata.get('oxus.shard');
  const planText = table.schema.metadata.get('oxus.plan');
  if (!headerText || !planText) throw bad('it has no oxus.shard and oxus.plan metadata');
  const header = JSON.parse(headerText) as ShardHeader;
  const plan = JSON.parse(planText) as Plan;
  if (header.format !== SHARD_FORMAT) throw bad(`expected format ${SHARD_FORMAT}, found ${header.format}`);
  const runs = header.shard.to - header.shard.from;
  const points = plan.axis.steps + 1;
  if (table.numRows !== runs * points || table.numCols !== plan.channels.length)
    throw bad(`expected ${runs} runs × ${points} dates of ${plan.channels.length} channels`);
  const values = plan.channels.map((_, c) => {
    const column = table.getChild(columnName(plan, c));
    if (!column) throw bad(`column ${columnName(plan, c)} is missing`);
    return column.toArray() as ChannelValues;
  });
  return {
    header,
    plan,
    data: {
      plan,
      runs,
      seed: header.job.seed,
      firstRun: header.shard.from,
      points,
      records: Records.fromChannels(channelKinds(plan), points, runs, values),
    },
  };
}
