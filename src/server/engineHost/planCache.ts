/**
 * Compiled jobs kept by the engine host, so a scenario run again (the web UI's Run, an edit undone, a
 * comparison's side A) is not loaded and compiled again: that takes 150–300 ms of CPU for the Central Asia
 * model, where re-reading its files takes under a millisecond. An entry is keyed by the job's source (path
 * and edited text) and used only while every file it was compiled from still holds, byte for byte, the
 * text it was compiled from, so a cached plan is always the plan a fresh compile would give.
 */
import { readFileSync } from 'node:fs';
import { readText } from '../../model/load.js';
import { compileText, type Prepared, withOverrides } from '../../pipeline.js';
import type { JobSource } from './protocol.js';

interface Entry {
  readonly compiled: Prepared;
  /** The files read from disk to compile it, with their texts then. */
  readonly files: readonly (readonly [path: string, text: string])[];
}

/** What was read from disk to compile `p`: every file of it but the source's own text, when given. */
function filesOf(p: Prepared, source: JobSource): [string, string][] {
  const own = source.text !== undefined;
  const files: [string, string][] = [];
  if (p.scenario) {
    const { paths, texts } = p.scenario;
    // The chain is base first: the last file is the source itself.
    const read = own ? paths.length - 1 : paths.length;
    for (let i = 0; i < read; i++) files.push([paths[i]!, texts[i]!]);
    files.push([p.model.path, p.model.text]);
  } else if (!own) files.push([p.model.path, p.model.text]);
  return files;
}

function unchanged([path, text]: readonly [string, string]): boolean {
  try {
    return readFileSync(path, 'utf8') === text;
  } catch {
    return false;
  }
}

export class PlanCache {
  private readonly entries = new Map<string, Entry>();
  /** Compiles done and cached entries used, for tests and the bench. */
  readonly counts = { compiled: 0, reused: 0 };

  constructor(private readonly size = 16) {}

  /** The compiled job of `source` with the given runs and seed; throws as `prepareText` does. */
  prepare(source: JobSource, overrides: { runs?: number; seed?: number | string }): Prepared {
    const key = JSON.stringify([source.path, source.text ?? null]);
    let entry = this.entries.get(key);
    this.entries.delete(key);
    if (entry?.files.every(unchanged)) this.counts.reused++;
    else {
      const compiled = compileText(source.text ?? readText(source.path), source.path);
      entry = { compiled, files: filesOf(compiled, source) };
      this.counts.compiled++;
    }
    // Most recently used last; the least recently used goes first.
    this.entries.set(key, entry);
    if (this.entries.size > this.size) this.entries.delete(this.entries.keys().next().value!);
    return withOverrides(entry.compiled, overrides);
  }
}
