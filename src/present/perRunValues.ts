/**
 * Per-run values, written only on request (`oxus run --values FILE`): one row per run, a `run` column and
 * one column per series channel and snapshot date, named `key@date` (`IMU.strength@2026Q2`). Written as an
 * Apache Arrow IPC file (also called Feather v2: pandas `read_feather`, polars `read_ipc`, R
 * `arrow::read_feather`) or as CSV; both carry the receipt.
 */
import { makeTable, Schema, Table, tableToIPC } from 'apache-arrow';
import { channelKey } from '../analysis/summarize.js';
import type { RunData } from '../engine/simulate.js';
import type { Receipt } from '../pipeline.js';
import { axisLabels } from '../time/period.js';
import { csvCell } from './csvCell.js';

export interface PerRunTable {
  readonly names: string[];
  /** `columns[j][i]` is column `names[j]` in run firstRun + i. */
  readonly columns: (Float64Array | Int32Array)[];
}

/** The per-run table: run indices, then every series channel at every snapshot date. */
export function perRunTable(data: RunData): PerRunTable {
  const { plan, runs, firstRun } = data;
  const dates = axisLabels(plan.axis);
  const names = ['run'];
  const columns: (Float64Array | Int32Array)[] = [Int32Array.from({ length: runs }, (_, i) => firstRun + i)];
  for (const point of plan.snapshots) {
    plan.channels.forEach((c, ci) => {
      if (c.kind !== 'series') return;
      const column = data.records.column(ci, point);
      names.push(`${channelKey(c)}@${dates[point]}`);
      columns.push(column);
    });
  }
  return { names, columns };
}

/** The table as an Arrow IPC file; the receipt is the schema's `oxus.receipt` metadata (JSON). */
export function renderArrow(table: PerRunTable, receipt: Receipt): Uint8Array {
  const plain = makeTable(Object.fromEntries(table.names.map((n, j) => [n, table.columns[j]!])));
  const metadata = new Map([['oxus.receipt', JSON.stringify(receipt)]]);
  return tableToIPC(new Table(new Schema(plain.schema.fields, metadata), plain.batches), 'file');
}

/**
 * The table as CSV: the receipt as `# key: value` lines (pandas `comment='#'`, R `comment.char = "#"`), a
 * header, then one line per run. Numbers print in JavaScript's shortest form that reads back to the same
 * double, so the CSV is exact too.
 */
export function renderPerRunCsv(table: PerRunTable, receipt: Receipt): string {
  const lines = Object.entries(receipt).map(([k, v]) => `# ${k}: ${v}`);
  lines.push(table.names.map(csvCell).join(','));
  const runs = table.columns[0]?.length ?? 0;
  for (let i = 0; i < runs; i++) lines.push(table.columns.map((c) => String(c[i])).join(','));
  return `${lines.join('\n')}\n`;
}
