/**
 * The database file: created atomically, migrated from older schemas, and refused (never replaced) when it
 * is empty, foreign, damaged, locked by another process or written by a newer version.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import BetterSqlite3 from 'better-sqlite3';
import { Database, StoreError } from '../../../src/server/store/database.js';
import { APPLICATION_ID, MIGRATIONS } from '../../../src/server/store/migrations.js';

describe('database file', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'oxus-store-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  /** Asserts that opening `path` is refused with a message naming it and matching `why`, and the file is unchanged. */
  function assertRefused(path: string, why: RegExp): void {
    const before = readFileSync(path);
    assert.throws(
      () => Database.open(path),
      (err: unknown) => {
        assert.ok(err instanceof StoreError, String(err));
        assert.ok(err.message.startsWith(`${path}: `), err.message);
        assert.match(err.message, why);
        return true;
      },
    );
    assert.deepEqual(readFileSync(path), before, 'the refused file is left as it was');
  }

  it('creates a new file in a new folder, writes it in transactions, and leaves only the file when closed', () => {
    const path = join(dir, 'new', 'oxus.sqlite');
    const db = Database.open(path);
    assert.equal(db.get('PRAGMA journal_mode')?.journal_mode, 'wal');
    assert.equal(db.get('PRAGMA synchronous')?.synchronous, 2, 'FULL: every commit is fsync-ed');
    assert.equal(db.get('PRAGMA application_id')?.application_id, APPLICATION_ID);
    assert.equal(db.get('PRAGMA user_version')?.user_version, MIGRATIONS.length);
    const insert =
      'INSERT INTO saved_scenarios (id, name, description, edit, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)';
    assert.equal(db.write([[insert, ['a', 'A', null, '{}', 't', 't']]]), 1);
    // The second statement fails (same key): the transaction keeps neither row.
    assert.throws(() =>
      db.write([
        [insert, ['b', 'B', null, '{}', 't', 't']],
        [insert, ['a', 'A', null, '{}', 't', 't']],
      ]),
    );
    assert.deepEqual(
      db.all('SELECT id FROM saved_scenarios').map((r) => r.id),
      ['a'],
    );
    db.close();
    assert.deepEqual(readdirSync(join(dir, 'new')), ['oxus.sqlite']);
    const again = Database.open(path);
    assert.equal(again.get('SELECT count(*) AS n FROM saved_scenarios')?.n, 1);
    again.close();
  });

  it('opens a version 1 file (as versions before 0.2 wrote it) and brings it up to date, keeping its rows', () => {
    const path = join(dir, 'v1.sqlite');
    const old = new BetterSqlite3(path);
    old.exec(MIGRATIONS[0]!.sql);
    old
      .prepare('INSERT INTO saved_scenarios VALUES (?, ?, ?, ?, ?, ?)')
      .run('s1', 'Kept', null, '{}', 't', 't');
    old.pragma('user_version = 1');
    old.close();
    const db = Database.open(path);
    assert.equal(db.get('PRAGMA user_version')?.user_version, MIGRATIONS.length);
    assert.equal(db.get('SELECT name FROM saved_scenarios WHERE id = ?', ['s1'])?.name, 'Kept');
    db.close();
  });

  it('refuses a file written by a newer version', () => {
    const path = join(dir, 'newer.sqlite');
    Database.open(path).close();
    const raw = new BetterSqlite3(path);
    raw.pragma(`user_version = ${MIGRATIONS.length + 1}`);
    raw.close();
    assertRefused(path, /newer version of oxus \(schema \d+; this version knows schemas up to \d+\)/);
  });

  it('refuses an empty file instead of taking it for a new database', () => {
    const path = join(dir, 'empty.sqlite');
    writeFileSync(path, '');
    assertRefused(path, /the file is empty \(0 bytes\)/);
    assert.equal(statSync(path).size, 0);
  });

  it('refuses a file that is not SQLite', () => {
    const path = join(dir, 'text.sqlite');
    writeFileSync(path, 'model: not a database\n'.repeat(100));
    assertRefused(path, /not an SQLite database/);
  });

  it('refuses a damaged database', () => {
    const path = join(dir, 'damaged.sqlite');
    const db = Database.open(path);
    const blob = new Uint8Array(200_000).fill(7);
    db.write([
      [
        `INSERT INTO runs (id, created_at, finished_at, title, request, receipt, scenario_text, result) VALUES ('r', 't', 't', 'T', '{}', '{}', NULL, ?)`,
        [blob],
      ],
    ]);
    db.close();
    const bytes = readFileSync(path);
    // Overwrite pages 2 onwards (the schema's tables and the blob's overflow chain) with noise.
    for (let i = 4096; i < bytes.length; i += 7) bytes[i] = (i * 31) & 0xff;
    writeFileSync(path, bytes);
    assertRefused(path, /damaged/);
  });

  it("refuses another program's SQLite file", () => {
    const path = join(dir, 'other.sqlite');
    const raw = new BetterSqlite3(path);
    raw.exec('CREATE TABLE invoices (id INTEGER PRIMARY KEY)');
    raw.close();
    assertRefused(path, /another program \(tables: invoices\)/);
  });

  it('refuses a file another server has open', () => {
    const path = join(dir, 'shared.sqlite');
    const first = Database.open(path);
    try {
      assert.throws(() => Database.open(path), /in use by another process/);
    } finally {
      first.close();
    }
    Database.open(path).close();
  });

  it('removes the temporary copies older versions left after a crash, and a half-created file', () => {
    const sub = join(dir, 'stale');
    const path = join(sub, 'oxus.sqlite');
    Database.open(path).close();
    writeFileSync(join(sub, 'oxus.sqlite.1234.1700000000000.tmp'), 'partial');
    writeFileSync(join(sub, 'oxus.sqlite.creating'), '');
    writeFileSync(join(sub, 'notes.txt'), 'kept');
    Database.open(path).close();
    assert.deepEqual(readdirSync(sub).sort(), ['notes.txt', 'oxus.sqlite']);
  });
});
