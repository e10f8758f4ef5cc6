/** `oxus merge <shards…> --out result.json`: the result of a job run as shards, bit-identical to one run. */
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import type { CliIO } from '../io.js';

export function mergeCommand(program: Command, io: CliIO): void {
  program
    .command('merge')
    .description('merge the shard files of one job (oxus run --shard) into its result, as JSON')
    .argument('<shards...>', 'shard files, in any order')
    .requiredOption('--out <file>', 'where to write the result (JSON)')
    .action(async (files: string[], opts: { out: string }) => {
      // Arrow's library is loaded only by the commands that read or write its files.
      const { decodeShard } = await import('../../shards/shardFile.js');
      const { mergeShards } = await import('../../shards/mergeShards.js');
      const shards = files.map((f) => ({ file: f, ...decodeShard(readFileSync(resolve(io.cwd, f)), f) }));
      const result = mergeShards(shards);
      writeFileSync(resolve(io.cwd, opts.out), `${JSON.stringify(result, null, 1)}\n`);
      io.stderr(`merged ${files.length} shards (${result.receipt.runs} runs) into ${opts.out}\n`);
    });
}
