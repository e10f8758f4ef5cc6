/**
 * `oxus futures <scenario> --drivers A,B`: alternative futures as a 2×2, each driver in its low and high
 * half (or at two values, `A=LOW:HIGH`), the other numbers shared run by run.
 */
import { type Command, InvalidArgumentError } from 'commander';
import { executeFutures } from '../../futures.js';
import { futuresJson, renderFuturesTable } from '../../present/futuresTable.js';
import type { DriverRequest } from '../../teach/futures.js';
import type { CliIO } from '../io.js';
import { outputAtDateCommand } from './outputAtDate.js';

const NUMBER = String.raw`[-+]?(?:\d+\.?\d*|\.\d+)(?:e[-+]?\d+)?`;
const DRIVER = new RegExp(String.raw`^([A-Za-z_][\w.]*)(?:=(${NUMBER}):(${NUMBER}))?$`, 'i');

/** Reads `taliban_haven,russian_strikes=0.2:0.8`. */
export function parseDrivers(value: string): DriverRequest[] {
  return value.split(',').map((part) => {
    const m = DRIVER.exec(part.trim());
    if (!m)
      throw new InvalidArgumentError(
        `each driver is a parameter name, optionally with its low and high values (NAME=LOW:HIGH), such as taliban_haven or host_mode=0:1; found '${part}'.`,
      );
    return { name: m[1]!, ...(m[2] !== undefined ? { low: Number(m[2]), high: Number(m[3]) } : {}) };
  });
}

export function futuresCommand(program: Command, io: CliIO): void {
  outputAtDateCommand(program, io, {
    name: 'futures',
    description:
      'alternative futures (2×2): two drivers each low and high, on common random numbers, side by side',
    outputHelp: 'the output, threshold or event to compare the futures on',
    atHelp: 'the date to compare them at',
    configure: (c) =>
      c.requiredOption(
        '--drivers <A,B>',
        'the two drivers: parameters split at their median, or NAME=LOW:HIGH to fix one at two values',
        parseDrivers,
      ),
    request: (opts, base) => ({ ...base, drivers: opts.drivers as DriverRequest[] }),
    execute: async (p, request, options) => futuresJson(await executeFutures(p, request, options)),
    table: renderFuturesTable,
  });
}
