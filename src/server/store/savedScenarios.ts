/**
 * Scenarios saved from the UI: a name, a note, and the edit (bundled scenario or model, overrides,
 * schedules, runs, seed) that reproduces them.
 */
import { randomUUID } from 'node:crypto';
import type { Owned } from '../ownership/access.js';
import type { SavedScenarioInput } from '../requestSchemas.js';
import type { Database, Row } from './database.js';

export type Edit = Omit<SavedScenarioInput, 'name' | 'description'>;

export interface SavedScenario extends Owned {
  readonly id: string;
  readonly name: string;
  readonly description: string | null;
  readonly edit: Edit;
  readonly createdAt: string;
  readonly updatedAt: string;
}

function savedOf(row: Row): SavedScenario {
  return {
    id: String(row.id),
    name: String(row.name),
    description: row.description === null ? null : String(row.description),
    edit: JSON.parse(String(row.edit)) as Edit,
    createdAt: String(row.created_at),
    updatedAt: String(row.updated_at),
    owner: row.owner === null ? null : String(row.owner),
    classId: String(row.class_id),
  };
}

const split = ({ name, description, ...edit }: SavedScenarioInput) => ({
  name,
  description: description ?? null,
  edit,
});

export class SavedScenarios {
  constructor(private readonly db: Database) {}

  /** The saved scenarios of one class, newest first. */
  list(classId: string): SavedScenario[] {
    return this.db
      .all('SELECT * FROM saved_scenarios WHERE class_id = ? ORDER BY updated_at DESC, id', [classId])
      .map(savedOf);
  }

  get(id: string): SavedScenario | undefined {
    const row = this.db.get('SELECT * FROM saved_scenarios WHERE id = ?', [id]);
    return row ? savedOf(row) : undefined;
  }

  create(input: SavedScenarioInput, owner: Owned): SavedScenario {
    const id = randomUUID();
    const now = new Date().toISOString();
    const { name, description, edit } = split(input);
    this.db.write([
      [
        'INSERT INTO saved_scenarios (id, name, description, edit, created_at, updated_at, owner, class_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
        [id, name, description, JSON.stringify(edit), now, now, owner.owner, owner.classId],
      ],
    ]);
    return this.get(id)!;
  }

  /** Replaces a saved scenario; undefined when there is none with this id. */
  replace(id: string, input: SavedScenarioInput): SavedScenario | undefined {
    const { name, description, edit } = split(input);
    const changed = this.db.write([
      [
        'UPDATE saved_scenarios SET name = ?, description = ?, edit = ?, updated_at = ? WHERE id = ?',
        [name, description, JSON.stringify(edit), new Date().toISOString(), id],
      ],
    ]);
    return changed ? this.get(id) : undefined;
  }

  remove(id: string): boolean {
    return this.db.write([['DELETE FROM saved_scenarios WHERE id = ?', [id]]]) > 0;
  }
}
