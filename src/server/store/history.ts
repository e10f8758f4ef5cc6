/**
 * Run history: each finished run's request, receipt and result (its summary), so a class can come back to
 * its work and re-run any entry bit for bit. Results are stored gzipped (JSON of per-run snapshot values
 * compresses about threefold); the oldest entries are dropped beyond the configured count and size.
 */
import { promisify } from 'node:util';
import { gunzip, gzip } from 'node:zlib';
import type { Receipt } from '../../pipeline.js';
import type { Owned } from '../ownership/access.js';
import type { RunRequest } from '../requestSchemas.js';
import type { Database, Row, SqlValue } from './database.js';

const gzipAsync = promisify(gzip);
const gunzipAsync = promisify(gunzip);

export interface HistoryEntry extends Owned {
  readonly id: string;
  readonly createdAt: string;
  readonly finishedAt: string;
  readonly title: string;
  readonly request: RunRequest;
  readonly receipt: Receipt;
  /** The edited scenario's YAML, when the run changed a bundled scenario. */
  readonly scenarioText: string | null;
}

const COLUMNS = 'id, created_at, finished_at, title, request, receipt, scenario_text, owner, class_id';

function entryOf(row: Row): HistoryEntry {
  return {
    id: String(row.id),
    createdAt: String(row.created_at),
    finishedAt: String(row.finished_at),
    title: String(row.title),
    request: JSON.parse(String(row.request)) as RunRequest,
    receipt: JSON.parse(String(row.receipt)) as Receipt,
    scenarioText: row.scenario_text === null ? null : String(row.scenario_text),
    owner: row.owner === null ? null : String(row.owner),
    classId: String(row.class_id),
  };
}

export class History {
  constructor(
    private readonly db: Database,
    private readonly limit: number,
    private readonly maxBytes: number,
  ) {}

  /** Stores a finished run; `resultJson` is its Result as JSON text. */
  async add(entry: HistoryEntry, resultJson: string): Promise<void> {
    const blob = new Uint8Array(await gzipAsync(resultJson));
    const drop = this.oldest(blob.length);
    this.db.write([
      ...drop.map((id): [string, SqlValue[]] => ['DELETE FROM runs WHERE id = ?', [id]]),
      [
        `INSERT INTO runs (${COLUMNS}, result) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        [
          entry.id,
          entry.createdAt,
          entry.finishedAt,
          entry.title,
          JSON.stringify(entry.request),
          JSON.stringify(entry.receipt),
          entry.scenarioText,
          entry.owner,
          entry.classId,
          blob,
        ],
      ],
    ]);
  }

  /** Entries to drop so that, with a new result of `bytes`, the history stays within its count and size. */
  private oldest(bytes: number): string[] {
    const rows = this.db.all('SELECT id, length(result) AS n FROM runs ORDER BY finished_at DESC, id');
    let total = bytes;
    return rows
      .filter((row, i) => {
        total += Number(row.n);
        return i + 1 >= this.limit || total > this.maxBytes;
      })
      .map((row) => String(row.id));
  }

  /** One class's runs, newest first. */
  list(classId: string, limit: number, offset: number): { total: number; items: HistoryEntry[] } {
    const total = Number(this.db.get('SELECT count(*) AS n FROM runs WHERE class_id = ?', [classId])?.n ?? 0);
    const rows = this.db.all(
      `SELECT ${COLUMNS} FROM runs WHERE class_id = ? ORDER BY finished_at DESC, id LIMIT ? OFFSET ?`,
      [classId, limit, offset],
    );
    return { total, items: rows.map(entryOf) };
  }

  get(id: string): HistoryEntry | undefined {
    const row = this.db.get(`SELECT ${COLUMNS} FROM runs WHERE id = ?`, [id]);
    return row ? entryOf(row) : undefined;
  }

  /** The stored Result as JSON text, exactly as it was sent when the run finished. */
  async resultJson(id: string): Promise<string | undefined> {
    const row = this.db.get('SELECT result FROM runs WHERE id = ?', [id]);
    if (!row || !(row.result instanceof Uint8Array)) return undefined;
    return (await gunzipAsync(row.result)).toString('utf8');
  }

  remove(id: string): boolean {
    return this.db.write([['DELETE FROM runs WHERE id = ?', [id]]]) > 0;
  }
}
