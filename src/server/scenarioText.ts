/**
 * A scenario edited in the browser, as the YAML text of a scenario file that `extends` the bundled one and
 * overrides only what the user changed (runs and seed are left out of the text a run compiles: they are
 * passed separately, as with `oxus run --runs --seed`). The engine compiles it as if it lay in the base
 * scenario's folder, and the same text saved there runs identically with `oxus run`.
 */
import { basename, relative } from 'node:path';
import { stringify } from 'yaml';
import type { CatalogEntry } from './catalog.js';

type Period = string | number;
type EventRef = { readonly event: string; readonly member?: string | undefined };

export interface Edit {
  /** A fixed value, or a new uncertainty (`{uncertainty}`, optionally with a nominal `value`). */
  readonly overrides?:
    | Readonly<
        Record<string, number | { readonly value?: number | undefined; readonly uncertainty: unknown }>
      >
    | undefined;
  readonly schedules?:
    | Readonly<
        Record<
          string,
          readonly {
            from: string | number;
            to?: string | number | undefined;
            value: number;
            /** A ramp's value at `to` (files and requests; the UI's editor keeps it as it is). */
            to_value?: number | undefined;
          }[]
        >
      >
    | undefined;
  readonly events?:
    | {
        readonly force?: readonly (EventRef & { readonly at: Period })[] | undefined;
        readonly suppress?: readonly (EventRef & { readonly from?: Period | undefined })[] | undefined;
      }
    | undefined;
}

/** True when the edit changes nothing, so the bundled file itself can run. */
export function isEmptyEdit(edit: Edit): boolean {
  return (
    Object.keys(edit.overrides ?? {}).length === 0 &&
    Object.keys(edit.schedules ?? {}).length === 0 &&
    (edit.events?.force?.length ?? 0) === 0 &&
    (edit.events?.suppress?.length ?? 0) === 0
  );
}

const identifier = (name: string | null, fallback: string): string => {
  const id = (name ?? fallback).replace(/[^A-Za-z0-9_]/g, '_');
  return /^[A-Za-z]/.test(id) ? id : `s_${id}`;
};

/**
 * The text of the edited scenario, compiled as if it lay in `folder` (the base scenario's own folder, or for a
 * model the first scenarios folder). `modelPath` is the absolute path of a model entry's file, used when the
 * base is a model rather than a scenario.
 */
export function editedScenarioText(
  base: CatalogEntry,
  edit: Edit & { readonly runs?: number | undefined; readonly seed?: number | string | undefined },
  folder: string,
  modelPath: string,
): string {
  const fromScenario = base.kind === 'scenario';
  const doc: Record<string, unknown> = {
    oxus: 1,
    scenario: `${identifier(base.name, base.id)}_edited`,
    title: `${base.title ?? base.id} (edited)`,
    question: base.question ?? `What does ${base.title ?? base.id} project with these changes?`,
    ...(fromScenario ? { extends: basename(base.file) } : { model: relative(folder, modelPath) }),
  };
  if (edit.runs !== undefined) doc.runs = edit.runs;
  if (edit.seed !== undefined) doc.seed = edit.seed;
  const overrides = Object.entries(edit.overrides ?? {});
  if (overrides.length) doc.parameters = Object.fromEntries(overrides);
  const schedules = Object.entries(edit.schedules ?? {});
  if (schedules.length) {
    doc.schedules = Object.fromEntries(
      schedules.map(([k, entries]) => [
        k,
        entries.map((e) => ({
          from: e.from,
          ...(e.to !== undefined ? { to: e.to } : {}),
          value: e.value,
          ...(e.to_value !== undefined ? { to_value: e.to_value } : {}),
        })),
      ]),
    );
  }
  const force = edit.events?.force ?? [];
  const suppress = edit.events?.suppress ?? [];
  if (force.length || suppress.length) {
    // Key by key, so no undefined member or date reaches the text.
    const ref = (e: EventRef) => ({
      event: e.event,
      ...(e.member !== undefined ? { member: e.member } : {}),
    });
    doc.events = {
      ...(force.length ? { force: force.map((e) => ({ ...ref(e), at: e.at })) } : {}),
      ...(suppress.length
        ? {
            suppress: suppress.map((e) => ({ ...ref(e), ...(e.from !== undefined ? { from: e.from } : {}) })),
          }
        : {}),
    };
  }
  return stringify(doc, { lineWidth: 0 });
}
