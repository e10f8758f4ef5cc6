/**
 * From a request's `scenario` (or `model`) and edits to what the engine compiles: the bundled file itself
 * when nothing changed, so the run is exactly `oxus run <file>`; otherwise an edited scenario text.
 */
import { join } from 'node:path';
import type { Catalog, CatalogEntry } from '../catalog.js';
import type { JobSource } from '../engineHost/protocol.js';
import { HttpError } from '../httpErrors.js';
import { type Edit, editedScenarioText, isEmptyEdit } from '../scenarioText.js';

export interface ResolvedSource {
  readonly entry: CatalogEntry;
  readonly source: JobSource;
  /** The edited scenario's YAML, or null when the bundled file runs as it is. */
  readonly text: string | null;
}

export function resolveSource(
  catalog: Catalog,
  request: Edit & { scenario?: string | undefined; model?: string | undefined },
): ResolvedSource {
  const kind = request.model !== undefined ? 'model' : 'scenario';
  const id = request.model ?? request.scenario ?? '';
  const entry = catalog.find(kind, id);
  if (!entry) {
    const known = catalog.list(kind).map((e) => e.id);
    throw new HttpError(
      400,
      kind === 'model' ? 'E_UNKNOWN_MODEL' : 'E_UNKNOWN_SCENARIO',
      `there is no ${kind} '${id}'; known: ${known.join(', ') || 'none'}`,
      kind,
    );
  }
  const path = catalog.pathOf(entry);
  if (isEmptyEdit(request)) return { entry, source: { path }, text: null };
  const folder = catalog.editFolderOf(entry);
  const text = editedScenarioText(
    entry,
    { overrides: request.overrides, schedules: request.schedules, events: request.events },
    folder,
    path,
  );
  return { entry, source: { path: join(folder, `${entry.id}.edited.yaml`), text }, text };
}
