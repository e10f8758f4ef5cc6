/**
 * The models and scenarios served: the YAML files of one or more models folders and one or more scenarios
 * folders (`oxus serve --models A --models B --scenarios C`), each named by its file name without `.yaml`.
 * Only files listed here can be run, so a request can never name a path outside those folders. Two files
 * of one kind with the same name in different folders are a clash: `clashes()` names both (`oxus serve`
 * refuses to start on one), and a request for a clashing name is refused naming both files.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { parse } from 'yaml';
import { isScenarioText } from '../model/load.js';
import { HttpError } from './httpErrors.js';
import { Recent } from './recent.js';

export type EntryKind = 'model' | 'scenario';

export interface CatalogEntry {
  readonly id: string;
  readonly kind: EntryKind;
  /** Path shown to users, from the folder's parent: `scenarios/baseline-2016.yaml`. */
  readonly file: string;
  /** Name inside the file (`scenario:` or `model:`). */
  readonly name: string | null;
  readonly title: string | null;
  readonly question: string | null;
  readonly description: string | null;
  /** For scenarios: the id of the served scenario it extends, or of the served model it names. */
  readonly extends: string | null;
  readonly model: string | null;
}

/** Two or more files of one kind that share a name (absolute paths, in folder order). */
export interface NameClash {
  readonly kind: EntryKind;
  readonly id: string;
  readonly paths: readonly string[];
}

interface Cached {
  readonly mtimeMs: number;
  readonly entry: CatalogEntry;
}

const text = (v: unknown): string | null => (typeof v === 'string' ? v.trim() : null);
const idOf = (path: string) => basename(path).replace(/\.ya?ml$/, '');
const folders = (dirs: string | readonly string[], what: string): readonly string[] => {
  const list = [...new Set((typeof dirs === 'string' ? [dirs] : dirs).map((d) => resolve(d)))];
  if (list.length === 0) throw new Error(`the catalog needs at least one ${what} folder`);
  return list;
};
/**
 * Per folder, the folder its files are shown from: its parent (`scenarios/x.yaml`), or further up when
 * two served folders would otherwise show alike (`a/models/x.yaml` and `b/models/x.yaml`).
 */
function shownRoots(dirs: readonly string[]): Map<string, string> {
  const parts = dirs.map((d) => d.split(sep).filter(Boolean));
  const tail = (p: readonly string[], k: number) => p.slice(-k).join('/');
  return new Map(
    dirs.map((dir, i) => {
      const own = parts[i]!;
      let k = 1;
      while (k < own.length && parts.some((p, j) => j !== i && tail(p, k) === tail(own, k))) k++;
      return [dir, resolve(dir, ...Array.from({ length: k }, () => '..'))];
    }),
  );
}

/** Whether `path` lies inside folder `dir` (at any depth). */
const inside = (dir: string, path: string) => {
  const r = relative(dir, path);
  return r !== '' && !r.startsWith(`..${sep}`) && r !== '..' && !isAbsolute(r);
};

/**
 * Lists and resolves the files of the models and scenarios folders, re-reading a file when it changes
 * (the folders are looked at again at most every `FRESH_MS`; see recent.ts).
 */
export class Catalog {
  readonly modelsDirs: readonly string[];
  readonly scenariosDirs: readonly string[];
  private readonly cache = new Map<string, Cached>();
  private readonly paths = new WeakMap<CatalogEntry, string>();
  private readonly roots: Map<string, string>;
  /** Each listing of `all` with its clashes removed, for as long as that listing is current. */
  private readonly listed = new WeakMap<readonly CatalogEntry[], readonly CatalogEntry[]>();
  private listings = {
    model: new Recent(() => this.readAll('model')),
    scenario: new Recent(() => this.readAll('scenario')),
  };

  constructor(modelsDirs: string | readonly string[], scenariosDirs: string | readonly string[]) {
    this.modelsDirs = folders(modelsDirs, 'models');
    this.scenariosDirs = folders(scenariosDirs, 'scenarios');
    this.roots = shownRoots(this.allDirs);
  }

  /** The first scenarios folder: an edited model (not scenario) is compiled as if it lay there. */
  get scenariosDir(): string {
    return this.scenariosDirs[0]!;
  }

  /** Every folder served, each once, models folders first. */
  get allDirs(): readonly string[] {
    return [...new Set([...this.modelsDirs, ...this.scenariosDirs])];
  }

  /**
   * The entries of a kind, folder by folder; of a clashing name only the first folder's file. The same
   * array until the folders are looked at again, so the API can send the JSON it made of it before (a new
   * array on every call had the catalogue serialised and compressed again for every request).
   */
  list(kind: EntryKind): readonly CatalogEntry[] {
    const all = this.all(kind);
    let listed = this.listed.get(all);
    if (listed === undefined) {
      const first = new Map<string, CatalogEntry>();
      for (const e of all) if (!first.has(e.id)) first.set(e.id, e);
      listed = [...first.values()];
      this.listed.set(all, listed);
    }
    return listed;
  }

  /** Names that two or more files of one kind share. */
  clashes(): NameClash[] {
    const out: NameClash[] = [];
    for (const kind of ['model', 'scenario'] as const) {
      const byId = new Map<string, string[]>();
      for (const e of this.all(kind)) byId.set(e.id, [...(byId.get(e.id) ?? []), this.pathOf(e)]);
      for (const [id, paths] of byId) if (paths.length > 1) out.push({ kind, id, paths });
    }
    return out;
  }

  /**
   * The entry with this id, or undefined. A name two folders share is refused (409 `E_NAME_CLASH`) naming
   * both files, rather than silently choosing one.
   */
  find(kind: EntryKind, id: string): CatalogEntry | undefined {
    let found = this.all(kind).filter((e) => e.id === id);
    // A file added or removed since the folders were last looked at is seen at once: a miss looks again.
    if (found.length === 0 || !found.every((e) => existsSync(this.pathOf(e)))) {
      this.listings = { ...this.listings, [kind]: new Recent(() => this.readAll(kind)) };
      found = this.all(kind).filter((e) => e.id === id);
    }
    if (found.length > 1) {
      throw new HttpError(
        409,
        'E_NAME_CLASH',
        `${found.length} ${kind} files are named '${id}': ${found.map((e) => e.file).join(' and ')}; rename all but one`,
        kind,
      );
    }
    return found[0];
  }

  /** Absolute path of an entry's file (never sent to clients). */
  pathOf(entry: CatalogEntry): string {
    const path = this.paths.get(entry);
    if (path === undefined) throw new Error(`not an entry of this catalog: ${entry.kind} '${entry.id}'`);
    return path;
  }

  /** The folder an edit of this entry is compiled in: a scenario's own folder, else the first scenarios folder. */
  editFolderOf(entry: CatalogEntry): string {
    return entry.kind === 'scenario' ? dirname(this.pathOf(entry)) : this.scenariosDir;
  }

  /** The id of the served model whose file this is, or null. */
  modelIdOf(path: string): string | null {
    const entry = this.list('model').find((e) => this.pathOf(e) === path);
    return entry?.id ?? null;
  }

  /**
   * A file's path as clients see it: from the parent of the served folder that holds it
   * (`scenarios/x.yaml`; see shownRoots), else from the first scenarios folder's; never absolute.
   */
  shownPath(path: string): string {
    const dir = this.allDirs.filter((d) => inside(d, path)).sort((a, b) => b.length - a.length)[0];
    return relative(this.roots.get(dir ?? this.scenariosDir)!, path);
  }

  private dirsOf(kind: EntryKind): readonly string[] {
    return kind === 'model' ? this.modelsDirs : this.scenariosDirs;
  }

  /** Every entry of a kind, clashes included; the same array until the folders are looked at again. */
  private all(kind: EntryKind): readonly CatalogEntry[] {
    return this.listings[kind].get();
  }

  /** Every entry of a kind, clashes included, folder by folder and by file name within a folder. */
  private readAll(kind: EntryKind): readonly CatalogEntry[] {
    const out: CatalogEntry[] = [];
    for (const dir of this.dirsOf(kind)) {
      let names: string[];
      try {
        names = readdirSync(dir).filter((f) => /\.ya?ml$/.test(f));
      } catch {
        continue;
      }
      for (const f of names.sort()) {
        const e = this.entry(join(dir, f), dir);
        if (e !== undefined && e.kind === kind) out.push(e);
      }
    }
    return out;
  }

  private entry(path: string, dir: string): CatalogEntry | undefined {
    let mtimeMs: number;
    try {
      mtimeMs = statSync(path).mtimeMs;
    } catch {
      return undefined;
    }
    const cached = this.cache.get(path);
    if (cached?.mtimeMs === mtimeMs) return cached.entry;
    const entry = this.read(path, dir);
    this.cache.set(path, { mtimeMs, entry });
    this.paths.set(entry, path);
    return entry;
  }

  /** Reads the header fields; a file that does not parse is still listed, and running it reports why. */
  private read(path: string, dir: string): CatalogEntry {
    const source = readFileSync(path, 'utf8');
    let data: Record<string, unknown> = {};
    try {
      const parsed: unknown = parse(source, { maxAliasCount: 100 });
      if (parsed && typeof parsed === 'object') data = parsed as Record<string, unknown>;
    } catch {
      // Listed without its fields; describing or running it reports the syntax error with its line.
    }
    const actual: EntryKind = isScenarioText(source) ? 'scenario' : 'model';
    const ref = (v: unknown, dirs: readonly string[]): string | null => {
      const p = text(v);
      if (p === null) return null;
      const target = join(dirname(path), p);
      return dirs.includes(dirname(target)) ? idOf(target) : null;
    };
    return {
      id: idOf(path),
      kind: actual,
      file: relative(this.roots.get(dir)!, path),
      name: text(data[actual]),
      title: text(data.title),
      question: text(data.question),
      description: text(data.description),
      extends: ref(data.extends, this.scenariosDirs),
      model: ref(data.model, this.modelsDirs),
    };
  }
}
