/**
 * Ownership tokens, with no login: a token is a random secret that stands for one principal (a member or
 * an instructor) of one class. Whoever creates a thing without a token gets a new one in the open class
 * (everyone on this server), and the thing is theirs. The classroom's tokens (store/classes.ts: a class's
 * instructor token and each participant's) stand for their class here too, so a class's participants
 * read each other's runs and saved scenarios and its instructor manages them. Only SHA-256 hashes of
 * tokens are stored, so the database file does not give them away.
 *
 * @example
 *   const tokens = new Tokens(db);
 *   const { token } = tokens.issue();
 *   tokens.verify(token); // → { id, classId: 'open', role: 'member' }
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Database } from '../store/database.js';

export type Role = 'member' | 'instructor';

/** Who makes a request: one token's holder. */
export interface Principal {
  /** Stable id of the token's holder, stored as the owner of what they create (never the token). */
  readonly id: string;
  readonly classId: string;
  readonly role: Role;
}

/** A token as handed out once; the server keeps only its hash. */
export interface IssuedToken {
  readonly token: string;
  readonly principal: Principal;
}

/** The class that tokens issued here belong to, and that requests without a token read. */
export const OPEN_CLASS = 'open';

/** Open-class tokens are `oxus_` and 32 random bytes (256 bits); the classroom's are 24 bytes, unprefixed. */
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{32,100}$/;

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

export class Tokens {
  constructor(private readonly db: Database) {}

  /** A new token in the open class. */
  issue(name: string | null = null): IssuedToken {
    const token = `oxus_${randomBytes(32).toString('base64url')}`;
    const principal: Principal = { id: randomUUID(), classId: OPEN_CLASS, role: 'member' };
    this.db.write([
      [
        'INSERT INTO open_tokens (principal, hash, name, created_at) VALUES (?, ?, ?, ?)',
        [principal.id, sha256(token), name, new Date().toISOString()],
      ],
    ]);
    return { token, principal };
  }

  /**
   * The principal a token stands for, or undefined for an unknown or malformed token. Looked up by its
   * hash (indexed), so no comparison of secrets depends on how much of them matches.
   */
  verify(token: string): Principal | undefined {
    if (!TOKEN_PATTERN.test(token)) return undefined;
    const hash = sha256(token);
    const open = this.db.get('SELECT principal FROM open_tokens WHERE hash = ?', [hash]);
    if (open) return { id: String(open.principal), classId: OPEN_CLASS, role: 'member' };
    const participant = this.db.get('SELECT id, class_code FROM participants WHERE token_hash = ?', [hash]);
    if (participant)
      return { id: String(participant.id), classId: String(participant.class_code), role: 'member' };
    const instructor = this.db.get('SELECT code FROM classes WHERE instructor_hash = ?', [hash]);
    if (instructor)
      return {
        id: `instructor:${String(instructor.code)}`,
        classId: String(instructor.code),
        role: 'instructor',
      };
    return undefined;
  }

  /** A class's title, or undefined when there is none with this code (the open class has its own). */
  className(classId: string): string | undefined {
    if (classId === OPEN_CLASS) return 'Everyone on this server';
    const row = this.db.get('SELECT title FROM classes WHERE code = ?', [classId]);
    return row ? String(row.title) : undefined;
  }
}
