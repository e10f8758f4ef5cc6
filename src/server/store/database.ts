/**
 * The SQLite database of saved scenarios and run history, in one file (better-sqlite3; the README's design
 * notes say why). It runs with a write-ahead log and `synchronous = FULL`: a write costs what it writes
 * plus one fsync, and a committed transaction survives a crash or a power loss. The file is locked to
 * this process (`locking_mode = EXCLUSIVE`), so a second server on the same file is refused, not mixed in.
 */
import {
  closeSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readdirSync,
  readSync,
  renameSync,
  rmSync,
  statSync,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { APPLICATION_ID, MIGRATIONS } from './migrations.js';

export type SqlValue = string | number | bigint | null | Uint8Array;
export type Row = Record<string, SqlValue>;

/** The database file cannot be used; the message names the file and says what to do. */
export class StoreError extends Error {
  constructor(
    readonly path: string,
    problem: string,
  ) {
    super(`${path}: ${problem}`);
    this.name = 'StoreError';
  }
}

const HEADER = 'SQLite format 3\0';

export class Database {
  private constructor(
    private readonly db: BetterSqlite3.Database,
    readonly path: string,
  ) {}

  /**
   * Opens the database file, creating it (and its folder) when missing. A file that is empty, not SQLite,
   * damaged, locked by another process or written by a newer oxus is refused with a StoreError, and left
   * as it is.
   */
  static open(path: string): Database {
    removeStaleFiles(path);
    if (!existsSync(path)) create(path);
    checkHeader(path);
    let db: BetterSqlite3.Database | undefined;
    try {
      db = new BetterSqlite3(path, { fileMustExist: true, timeout: 0 });
      // Checked before anything is written: switching to the write-ahead log rewrites the file's header.
      db.pragma('locking_mode = EXCLUSIVE');
      check(db, path);
      configure(db);
      migrate(db, path);
      return new Database(db, path);
    } catch (err) {
      db?.close();
      throw err instanceof StoreError ? err : new StoreError(path, describe(err));
    }
  }

  /** Rows of a query. */
  all(sql: string, params: readonly SqlValue[] = []): Row[] {
    return this.db.prepare(sql).all(...params) as Row[];
  }

  get(sql: string, params: readonly SqlValue[] = []): Row | undefined {
    return this.db.prepare(sql).get(...params) as Row | undefined;
  }

  /** Runs statements that change the database in one transaction; returns the rows they changed. */
  write(statements: readonly (readonly [string, readonly SqlValue[]])[]): number {
    return this.db.transaction(() => {
      let changed = 0;
      for (const [sql, params] of statements) changed += this.db.prepare(sql).run(...params).changes;
      return changed;
    })();
  }

  /** Checkpoints the write-ahead log into the file and closes it (the -wal file goes away). */
  close(): void {
    if (this.db.open) this.db.close();
  }

  get open(): boolean {
    return this.db.open;
  }
}

function configure(db: BetterSqlite3.Database): void {
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
}

/**
 * A new database is built beside its final name and renamed into place once its schema is committed, so a
 * crash while creating it never leaves an empty file that the next start would have to refuse.
 */
function create(path: string): void {
  mkdirSync(dirname(path), { recursive: true });
  const partial = `${path}.creating`;
  const db = new BetterSqlite3(partial);
  try {
    db.pragma('journal_mode = DELETE');
    migrate(db, partial);
  } finally {
    db.close();
  }
  fsyncFile(partial);
  renameSync(partial, path);
  fsyncFile(dirname(path));
}

function fsyncFile(path: string): void {
  const fd = openSync(path, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/**
 * Removes what an interrupted earlier run left: a half-created database, and the temporary copies that
 * versions before 0.2 wrote next to the file on every save (`oxus.sqlite.<pid>.<time>.tmp`).
 */
function removeStaleFiles(path: string): void {
  const dir = dirname(path);
  if (!existsSync(dir)) return;
  const name = basename(path);
  for (const file of readdirSync(dir)) {
    if (file === `${name}.creating` || file === `${name}.creating-journal`)
      rmSync(join(dir, file), { force: true });
    else if (file.startsWith(`${name}.`) && /^\.\d+\.\d+\.tmp$/.test(file.slice(name.length)))
      rmSync(join(dir, file), { force: true });
  }
}

/** SQLite takes an empty file for a new database; here that means the data is gone, so it is refused. */
function checkHeader(path: string): void {
  const size = statSync(path).size;
  if (size === 0)
    throw new StoreError(
      path,
      'the file is empty (0 bytes), not an oxus database; it was left as it is. Move it away to start a new database, or restore it from a backup',
    );
  const fd = openSync(path, 'r');
  const head = Buffer.alloc(HEADER.length);
  try {
    readSync(fd, head, 0, head.length, 0);
  } finally {
    closeSync(fd);
  }
  if (head.toString('latin1') !== HEADER)
    throw new StoreError(
      path,
      'the file is not an SQLite database; it was left as it is. Point the server at another file, or restore it from a backup',
    );
}

function check(db: BetterSqlite3.Database, path: string): void {
  const result = db.pragma('quick_check', { simple: true });
  if (result !== 'ok')
    throw new StoreError(
      path,
      `the database is damaged (${String(result)}); it was left as it is. Restore it from a backup`,
    );
  const id = db.pragma('application_id', { simple: true }) as number;
  const version = db.pragma('user_version', { simple: true }) as number;
  const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all() as string[];
  const foreign = (id !== 0 && id !== APPLICATION_ID) || (version === 0 && tables.length > 0);
  if (foreign)
    throw new StoreError(
      path,
      `the file is an SQLite database of another program (tables: ${tables.join(', ') || 'none'}); it was left as it is`,
    );
  if (version > MIGRATIONS.length)
    throw new StoreError(
      path,
      `the database was written by a newer version of oxus (schema ${version}; this version knows schemas up to ${MIGRATIONS.length}); upgrade oxus to open it`,
    );
}

/** Applies the migrations the file has not had yet, all in one transaction. */
function migrate(db: BetterSqlite3.Database, path: string): void {
  const version = db.pragma('user_version', { simple: true }) as number;
  if (version >= MIGRATIONS.length) return;
  db.transaction(() => {
    for (const [i, migration] of MIGRATIONS.entries()) {
      if (i < version) continue;
      try {
        db.exec(migration.sql);
      } catch (err) {
        throw new StoreError(
          path,
          `cannot upgrade the database to schema ${i + 1} (${migration.title}): ${describe(err)}`,
        );
      }
    }
    db.pragma(`user_version = ${MIGRATIONS.length}`);
  })();
}

/** SQLite's errors in the user's terms. */
function describe(err: unknown): string {
  const code = (err as { code?: string }).code;
  if (code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED')
    return 'the database is in use by another process (is another oxus server running on this file?)';
  if (code === 'SQLITE_NOTADB') return 'the file is not an SQLite database; it was left as it is';
  if (code === 'SQLITE_CORRUPT')
    return 'the database is damaged; it was left as it is. Restore it from a backup';
  return err instanceof Error ? err.message : String(err);
}
