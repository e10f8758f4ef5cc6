/**
 * Descriptions of bundled models and scenarios (parameters, outputs, dates), compiled on the engine host
 * and kept until a file in the models or scenarios folder changes.
 */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { httpErrorOf } from './apiProblems.js';
import type { Catalog, CatalogEntry } from './catalog.js';
import type { Description } from './engineHost/describe.js';
import { type EngineHost, JobFailedError } from './engineHost/host.js';
import { HttpError } from './httpErrors.js';
import { Recent } from './recent.js';

/** A description as the API sends it: the catalog entry, its model's id, and what the engine reports. */
export type DescribedEntry = Omit<CatalogEntry, 'model'> &
  Omit<Description, 'model' | 'modelPath'> & {
    readonly model: Description['model'] & { readonly id: string | null };
  };

export class Descriptions {
  private readonly cache = new Map<string, Promise<Description>>();
  private signature = '';
  private readonly folders = new Recent(() => this.folderSignature());
  private readonly described = new WeakMap<Description, DescribedEntry>();

  /** `warmUpWorkers`: the engine threads a scenario's first description warms (none: no warm-up). */
  constructor(
    private readonly catalog: Catalog,
    private readonly host: EngineHost,
    private readonly warmUpWorkers = 0,
  ) {}

  async get(entry: CatalogEntry): Promise<DescribedEntry> {
    const signature = this.folders.get();
    if (signature !== this.signature) {
      this.cache.clear();
      this.signature = signature;
    }
    const path = this.catalog.pathOf(entry);
    let pending = this.cache.get(path);
    if (!pending) {
      // Someone looking at a scenario is likely to run it next: the host warms the engine on it meanwhile.
      pending = this.host.describe({ path }, this.warmUpWorkers);
      this.cache.set(path, pending);
      pending.catch(() => this.cache.delete(path));
    }
    let description: Description;
    try {
      description = await pending;
    } catch (err) {
      if (!(err instanceof JobFailedError)) throw err;
      throw (
        httpErrorOf(err.failure, { shown: (f) => this.catalog.shownPath(f) }) ??
        new HttpError(422, 'E_INVALID_FILE', err.message)
      );
    }
    // The same object for as long as the description is cached, so its JSON can be cached with it.
    let described = this.described.get(description);
    if (!described) {
      const { modelPath, model, ...rest } = description;
      described = { ...entry, ...rest, model: { id: this.catalog.modelIdOf(modelPath), ...model } };
      this.described.set(description, described);
    }
    return described;
  }

  /** Names, sizes and times of every file in the folders served: any change invalidates the cache. */
  private folderSignature(): string {
    const parts: string[] = [];
    for (const dir of this.catalog.allDirs) {
      let names: string[] = [];
      try {
        names = readdirSync(dir).sort();
      } catch {
        // A missing folder lists nothing.
      }
      for (const name of names) {
        try {
          const s = statSync(join(dir, name));
          parts.push(`${dir}/${name}:${s.size}:${s.mtimeMs}`);
        } catch {
          // Removed between readdir and stat.
        }
      }
    }
    return parts.join('|');
  }
}
