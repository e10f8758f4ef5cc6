/**
 * Classroom forecasts in the database: classes, participants and their entries. There is no login:
 * creating a class returns an instructor token and joining returns a participant token; only their sha256
 * hashes are stored, and a token is compared in constant time. A participant's entries lock once revealed.
 */
import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import type { Database } from './database.js';

/** Bounds on what requests can store. */
export const CLASS_LIMITS = { maxClasses: 1000, maxParticipants: 300 } as const;

export interface Participant {
  readonly id: string;
  readonly name: string;
  readonly revealedAt: string | null;
  readonly entries: Readonly<Record<string, number>>;
}

export interface ClassInfo {
  readonly code: string;
  readonly title: string;
  readonly createdAt: string;
}

export class ClassError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const hash = (token: string) => createHash('sha256').update(token).digest('hex');
const token = () => randomBytes(24).toString('base64url');
/** Class codes avoid letters and digits that read alike (0/O, 1/I/L). */
const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
const newCode = () => Array.from(randomBytes(8), (b) => CODE_ALPHABET[b % CODE_ALPHABET.length]).join('');

function sameHash(stored: string, given: string | undefined): boolean {
  if (given === undefined) return false;
  const a = Buffer.from(stored, 'hex');
  const b = Buffer.from(hash(given), 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}

export class Classes {
  constructor(private readonly db: Database) {}

  create(title: string): { info: ClassInfo; instructorToken: string } {
    const count = Number(this.db.get('SELECT count(*) AS n FROM classes')!.n);
    if (count >= CLASS_LIMITS.maxClasses)
      throw new ClassError(
        507,
        'E_STORE_FULL',
        `this server holds its limit of ${CLASS_LIMITS.maxClasses} classes`,
      );
    const code = newCode();
    const instructorToken = token();
    const now = new Date().toISOString();
    this.db.write([
      [
        'INSERT INTO classes (code, title, instructor_hash, created_at) VALUES (?, ?, ?, ?)',
        [code, title, hash(instructorToken), now],
      ],
    ]);
    return { info: { code, title, createdAt: now }, instructorToken };
  }

  info(code: string): ClassInfo {
    const row = this.db.get('SELECT code, title, created_at FROM classes WHERE code = ?', [code]);
    if (!row) throw new ClassError(404, 'E_NOT_FOUND', `no class '${code}'`);
    return { code: String(row.code), title: String(row.title), createdAt: String(row.created_at) };
  }

  /** Throws 401 without a token, 403 with one that is not this class's instructor's. */
  checkInstructor(code: string, given: string | undefined): void {
    this.info(code);
    if (given === undefined)
      throw new ClassError(401, 'E_TOKEN_REQUIRED', 'the instructor token is required');
    const row = this.db.get('SELECT instructor_hash FROM classes WHERE code = ?', [code])!;
    if (!sameHash(String(row.instructor_hash), given))
      throw new ClassError(403, 'E_FORBIDDEN', "this token is not the class's instructor token");
  }

  join(code: string, name: string): { participant: Participant; token: string } {
    this.info(code);
    const taken = this.db.get('SELECT 1 FROM participants WHERE class_code = ? AND name = ?', [code, name]);
    if (taken)
      throw new ClassError(409, 'E_NAME_TAKEN', `'${name}' has already joined this class: pick another name`);
    const count = Number(
      this.db.get('SELECT count(*) AS n FROM participants WHERE class_code = ?', [code])!.n,
    );
    if (count >= CLASS_LIMITS.maxParticipants)
      throw new ClassError(
        409,
        'E_CLASS_FULL',
        `the class has its limit of ${CLASS_LIMITS.maxParticipants} participants`,
      );
    const id = randomUUID();
    const t = token();
    this.db.write([
      [
        'INSERT INTO participants (id, class_code, name, token_hash, revealed_at, created_at) VALUES (?, ?, ?, ?, NULL, ?)',
        [id, code, name, hash(t), new Date().toISOString()],
      ],
    ]);
    return { participant: this.participant(id), token: t };
  }

  /** The participant a token belongs to in this class: 401 without a token, 403 with a foreign one. */
  participantOf(code: string, given: string | undefined): Participant {
    this.info(code);
    if (given === undefined)
      throw new ClassError(401, 'E_TOKEN_REQUIRED', 'the participant token is required');
    const row = this.db.get('SELECT id FROM participants WHERE class_code = ? AND token_hash = ?', [
      code,
      hash(given),
    ]);
    if (!row) throw new ClassError(403, 'E_FORBIDDEN', 'this token belongs to no participant of this class');
    return this.participant(String(row.id));
  }

  private participant(id: string): Participant {
    const row = this.db.get('SELECT id, name, revealed_at FROM participants WHERE id = ?', [id])!;
    const entries: Record<string, number> = {};
    for (const e of this.db.all('SELECT claim, p FROM entries WHERE participant_id = ? ORDER BY claim', [id]))
      entries[String(e.claim)] = Number(e.p);
    return {
      id: String(row.id),
      name: String(row.name),
      revealedAt: row.revealed_at === null ? null : String(row.revealed_at),
      entries,
    };
  }

  /** Sets some of a participant's entries (others stay); refused once revealed. */
  setEntries(p: Participant, entries: Readonly<Record<string, number>>): Participant {
    if (p.revealedAt !== null)
      throw new ClassError(
        409,
        'E_LOCKED',
        'your forecasts are revealed and locked: they can no longer change',
      );
    const now = new Date().toISOString();
    this.db.write(
      Object.entries(entries).map(
        ([claim, value]) =>
          [
            'INSERT INTO entries (participant_id, claim, p, updated_at) VALUES (?, ?, ?, ?) ON CONFLICT (participant_id, claim) DO UPDATE SET p = excluded.p, updated_at = excluded.updated_at',
            [p.id, claim, value, now],
          ] as const,
      ),
    );
    return this.participant(p.id);
  }

  /** Locks a participant's entries and reveals the others' forecasts to them; a second reveal changes nothing. */
  reveal(p: Participant): Participant {
    if (Object.keys(p.entries).length === 0)
      throw new ClassError(409, 'E_NOTHING_TO_REVEAL', 'enter at least one forecast before revealing');
    if (p.revealedAt === null)
      this.db.write([
        ['UPDATE participants SET revealed_at = ? WHERE id = ?', [new Date().toISOString(), p.id]],
      ]);
    return this.participant(p.id);
  }

  participants(code: string): Participant[] {
    return this.db
      .all('SELECT id FROM participants WHERE class_code = ? ORDER BY name', [code])
      .map((r) => this.participant(String(r.id)));
  }
}
