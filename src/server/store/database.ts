/**
 * The embedded SQLite database of saved scenarios and run history, in one file.
 *
 * Why sql.js: Node 20 has no `node:sqlite`, and the native bindings (better-sqlite3, sqlite3) build or
 * download binaries in an install script, which this project does not allow. sql.js is SQLite compiled to
 * WebAssembly: nothing to build. It keeps the database in memory, so every write is followed by an export
 * of the whole database to the file, atomically (a temporary file in the same folder, then a rename), so a
 * crash leaves either the old file or the new one, never half of one. One process owns the file.
 */
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import initSqlJs from 'sql.js';

type SqlJs = Awaited<ReturnType<typeof initSqlJs>>;
type SqlDatabase = InstanceType<SqlJs['Database']>;
export type SqlValue = string | number | null | Uint8Array;
export type Row = Record<string, SqlValue>;

let engine: Promise<SqlJs> | undefined;

/** Schema migrations, applied in order; `PRAGMA user_version` records how many ran. */
const MIGRATIONS = [
  `CREATE TABLE saved_scenarios (
     id TEXT PRIMARY KEY,
     name TEXT NOT NULL,
     description TEXT,
     edit TEXT NOT NULL,
     created_at TEXT NOT NULL,
     updated_at TEXT NOT NULL
   );
   CREATE TABLE runs (
     id TEXT PRIMARY KEY,
     created_at TEXT NOT NULL,
     finished_at TEXT NOT NULL,
     title TEXT NOT NULL,
     request TEXT NOT NULL,
     receipt TEXT NOT NULL,
     scenario_text TEXT,
     result BLOB NOT NULL
   );
   CREATE INDEX runs_by_time ON runs (finished_at);`,
];

export class Database {
  private constructor(
    private readonly db: SqlDatabase,
    readonly path: string,
  ) {}

  /** Opens the database file, creating it (and its folder) when missing. */
  static async open(path: string): Promise<Database> {
    engine ??= initSqlJs();
    const SQL = await engine;
    let bytes: Uint8Array | undefined;
    try {
      bytes = readFileSync(path);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
    const store = new Database(new SQL.Database(bytes), path);
    store.migrate();
    return store;
  }

  /** Rows of a query. */
  all(sql: string, params: SqlValue[] = []): Row[] {
    const stmt = this.db.prepare(sql);
    try {
      stmt.bind(params);
      const rows: Row[] = [];
      while (stmt.step()) rows.push(stmt.getAsObject() as Row);
      return rows;
    } finally {
      stmt.free();
    }
  }

  get(sql: string, params: SqlValue[] = []): Row | undefined {
    return this.all(sql, params)[0];
  }

  /** Runs statements that change the database, in one transaction, then saves the file. */
  write(statements: readonly (readonly [string, SqlValue[]])[]): number {
    let changed = 0;
    this.db.run('BEGIN');
    try {
      for (const [sql, params] of statements) {
        this.db.run(sql, params);
        changed += this.db.getRowsModified();
      }
      this.db.run('COMMIT');
    } catch (err) {
      this.db.run('ROLLBACK');
      throw err;
    }
    this.persist();
    return changed;
  }

  close(): void {
    this.db.close();
  }

  private migrate(): void {
    const version = Number(this.get('PRAGMA user_version')?.user_version ?? 0);
    if (version >= MIGRATIONS.length) return;
    this.db.run('BEGIN');
    for (const sql of MIGRATIONS.slice(version)) this.db.run(sql);
    this.db.run(`PRAGMA user_version = ${MIGRATIONS.length}`);
    this.db.run('COMMIT');
    this.persist();
  }

  private persist(): void {
    mkdirSync(dirname(this.path), { recursive: true });
    const tmp = `${this.path}.${process.pid}.${Date.now()}.tmp`;
    try {
      writeFileSync(tmp, this.db.export());
      renameSync(tmp, this.path);
    } catch (err) {
      rmSync(tmp, { force: true });
      throw err;
    }
  }
}
