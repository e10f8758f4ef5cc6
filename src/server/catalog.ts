/**
 * The bundled models and scenarios: the YAML files of two folders, named by file name without `.yaml`.
 * Only files listed here can be run, so a request can never name a path outside those folders.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import { parse } from 'yaml';
import { isScenarioText } from '../model/load.js';
import { Recent } from './recent.js';

export type EntryKind = 'model' | 'scenario';

export interface CatalogEntry {
  readonly id: string;
  readonly kind: EntryKind;
  /** Path shown to users: `scenarios/baseline-2016.yaml`. */
  readonly file: string;
  /** Name inside the file (`scenario:` or `model:`). */
  readonly name: string | null;
  readonly title: string | null;
  readonly question: string | null;
  readonly description: string | null;
  /** For scenarios: the id of the bundled scenario it extends, or of the model it names. */
  readonly extends: string | null;
  readonly model: string | null;
}

interface Cached {
  readonly mtimeMs: number;
  readonly entry: CatalogEntry;
}

const text = (v: unknown): string | null => (typeof v === 'string' ? v.trim() : null);

/**
 * Lists and resolves the files of the models and scenarios folders, re-reading a file when it changes
 * (the folders are looked at again at most every `FRESH_MS`; see recent.ts).
 */
export class Catalog {
  private readonly cache = new Map<string, Cached>();
  private readonly listings = {
    model: new Recent(() => this.readList('model')),
    scenario: new Recent(() => this.readList('scenario')),
  };

  constructor(
    readonly modelsDir: string,
    readonly scenariosDir: string,
  ) {}

  /** The entries of one kind, sorted by file name; the same array until the folders are looked at again. */
  list(kind: EntryKind): readonly CatalogEntry[] {
    return this.listings[kind].get();
  }

  private readList(kind: EntryKind): readonly CatalogEntry[] {
    const dir = this.dirOf(kind);
    let names: string[];
    try {
      names = readdirSync(dir).filter((f) => /\.ya?ml$/.test(f));
    } catch {
      return [];
    }
    return names
      .sort()
      .map((f) => this.entry(join(dir, f), kind))
      .filter((e): e is CatalogEntry => e !== undefined && e.kind === kind);
  }

  /** The entry with this id, or undefined. */
  find(kind: EntryKind, id: string): CatalogEntry | undefined {
    const byId = (entries: readonly CatalogEntry[]) => entries.find((e) => e.id === id);
    const listed = byId(this.list(kind));
    if (listed && existsSync(this.pathOf(listed))) return listed;
    // A file added or removed since the folder was last looked at is seen at once: a miss looks again.
    return byId(this.listings[kind].refresh());
  }

  /** Absolute path of an entry's file (never sent to clients). */
  pathOf(entry: CatalogEntry): string {
    return join(this.dirOf(entry.kind), basename(entry.file));
  }

  private dirOf(kind: EntryKind): string {
    return kind === 'model' ? this.modelsDir : this.scenariosDir;
  }

  private entry(path: string, kind: EntryKind): CatalogEntry | undefined {
    let mtimeMs: number;
    try {
      mtimeMs = statSync(path).mtimeMs;
    } catch {
      return undefined;
    }
    const cached = this.cache.get(path);
    if (cached?.mtimeMs === mtimeMs) return cached.entry;
    const entry = this.read(path, kind);
    this.cache.set(path, { mtimeMs, entry });
    return entry;
  }

  /** Reads the header fields; a file that does not parse is still listed, and running it reports why. */
  private read(path: string, kind: EntryKind): CatalogEntry {
    const source = readFileSync(path, 'utf8');
    let data: Record<string, unknown> = {};
    try {
      const parsed: unknown = parse(source, { maxAliasCount: 100 });
      if (parsed && typeof parsed === 'object') data = parsed as Record<string, unknown>;
    } catch {
      // Listed without its fields; describing or running it reports the syntax error with its line.
    }
    const id = basename(path).replace(/\.ya?ml$/, '');
    const actual: EntryKind = isScenarioText(source) ? 'scenario' : 'model';
    const ref = (v: unknown, dir: string): string | null => {
      const p = text(v);
      if (p === null) return null;
      const target = join(dirname(path), p);
      return dirname(target) === dir ? basename(target).replace(/\.ya?ml$/, '') : null;
    };
    return {
      id,
      kind: actual,
      file: relative(dirname(this.dirOf(kind)), path),
      name: text(data[actual]),
      title: text(data.title),
      question: text(data.question),
      description: text(data.description),
      extends: ref(data.extends, this.scenariosDir),
      model: ref(data.model, this.modelsDir),
    };
  }
}
