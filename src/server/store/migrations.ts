/**
 * The database's schema as numbered migrations, applied in order inside one transaction; `PRAGMA
 * user_version` records how many ran. Never edit a migration that has shipped: add the next one, so a file
 * written by any earlier version opens and is brought up to date.
 */

/** Marks the file as an oxus database (`PRAGMA application_id`; "OXUS" in ASCII). */
export const APPLICATION_ID = 0x4f585553;

export interface Migration {
  /** What the migration does, for the error message when it fails. */
  readonly title: string;
  readonly sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    title: 'saved scenarios and run history',
    sql: `CREATE TABLE saved_scenarios (
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
  },
  {
    // Version 1 files were written by sql.js without an application id; from here on the id tells an
    // oxus database from any other SQLite file.
    title: 'application id',
    sql: `PRAGMA application_id = ${APPLICATION_ID};`,
  },
  {
    // Classroom forecasts: a class (instructor token hashed), participants (token hashed; a name once per
    // class) and their probability per claim; revealed_at locks a participant's entries.
    title: 'classroom forecasts',
    sql: `CREATE TABLE classes (
       code TEXT PRIMARY KEY,
       title TEXT NOT NULL,
       instructor_hash TEXT NOT NULL,
       created_at TEXT NOT NULL
     );
     CREATE TABLE participants (
       id TEXT PRIMARY KEY,
       class_code TEXT NOT NULL REFERENCES classes (code),
       name TEXT NOT NULL,
       token_hash TEXT NOT NULL,
       revealed_at TEXT,
       created_at TEXT NOT NULL,
       UNIQUE (class_code, name)
     );
     CREATE TABLE entries (
       participant_id TEXT NOT NULL REFERENCES participants (id),
       claim TEXT NOT NULL,
       p REAL NOT NULL,
       updated_at TEXT NOT NULL,
       PRIMARY KEY (participant_id, claim)
     );`,
  },
  {
    // Ownership (src/server/ownership/): tokens of the open class, stored as SHA-256 hashes (the
    // classroom's instructor and participant tokens above stand for their class too); things carry their
    // owner and class. Rows from before have no owner and belong to the open class.
    title: 'ownership of runs and saved scenarios',
    sql: `CREATE TABLE open_tokens (
       principal TEXT PRIMARY KEY,
       hash TEXT NOT NULL UNIQUE,
       name TEXT,
       created_at TEXT NOT NULL
     );
     CREATE INDEX participants_by_token ON participants (token_hash);
     CREATE INDEX classes_by_instructor ON classes (instructor_hash);
     ALTER TABLE saved_scenarios ADD COLUMN owner TEXT;
     ALTER TABLE saved_scenarios ADD COLUMN class_id TEXT NOT NULL DEFAULT 'open';
     ALTER TABLE runs ADD COLUMN owner TEXT;
     ALTER TABLE runs ADD COLUMN class_id TEXT NOT NULL DEFAULT 'open';`,
  },
];
