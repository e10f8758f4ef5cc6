/**
 * What the UI needs to know about a scenario (or a model on its defaults) before running it: every
 * parameter as it stands in the scenario, with unit, range, uncertainty and sources; the outputs; the dates.
 * Built from the compiled plan, so values are those the engine will use.
 */
import type { Distribution, Source } from '../../model/schema.js';
import { unitOf } from '../../model/unitOf.js';
import { type Prepared, type Receipt, receiptOf } from '../../pipeline.js';
import { axisLabels } from '../../time/period.js';

export interface ParameterInfo {
  /** `taliban_haven`, or `IMU.recruit` for one member's entry of a table: the key of an override. */
  readonly name: string;
  readonly parameter: string;
  readonly member: string | null;
  readonly label: string;
  /** This member's unit (a table's members may have units of their own). */
  readonly unit: string;
  /** A 0/1 switch: the UI shows a checkbox. */
  readonly switch: boolean;
  /** A key driver, marked by the model: the UI lists key drivers first. */
  readonly key: boolean;
  readonly description: string | null;
  /** Allowed values [min, max]; null where a bound is open. */
  readonly range: readonly [number | null, number | null];
  /** Nominal value and uncertainty in this scenario. */
  readonly value: number;
  readonly uncertainty: Distribution | null;
  /** Whether the scenario (or a scenario it extends) changes this parameter. */
  readonly changedByScenario: boolean;
  /** Whether the scenario schedules it over time (a fixed value then holds outside the windows only). */
  readonly scheduled: boolean;
  readonly sources: readonly Source[];
}

export interface OutputInfo {
  readonly id: string;
  readonly kind: 'series' | 'threshold' | 'leader' | 'event';
  readonly label: string;
  readonly unit: string | null;
  /** Members whose unit differs from `unit`. */
  readonly units: Readonly<Record<string, string>> | null;
  readonly for: string | null;
  readonly description: string | null;
}

export interface Description {
  /** Absolute path of the model file (the server maps it to a model id; never sent to clients). */
  readonly modelPath: string;
  readonly model: { readonly name: string; readonly title: string; readonly description: string | null };
  readonly scenario: { readonly name: string; readonly title: string; readonly question: string } | null;
  readonly timeUnit: string;
  readonly dates: readonly string[];
  readonly snapshots: readonly string[];
  readonly entities: Readonly<Record<string, readonly string[]>>;
  readonly runs: number;
  readonly seed: number | string;
  readonly parameters: readonly ParameterInfo[];
  readonly schedules: Readonly<Record<string, unknown>>;
  /** The events the scenario (or a scenario it extends) forces or suppresses, as its file names them. */
  readonly events: {
    readonly force: readonly { event: string; member?: string; at: string | number }[];
    readonly suppress: readonly { event: string; member?: string; from?: string | number }[];
  };
  readonly outputs: readonly OutputInfo[];
  /** Receipt of a run with the default runs and seed. */
  readonly receipt: Receipt;
}

/** An event reference without an undefined member (so none reaches the JSON). */
const eventRef = (e: { event: string; member?: string | undefined }) => ({
  event: e.event,
  ...(e.member !== undefined ? { member: e.member } : {}),
});

const finiteOrNull = (x: number): number | null => (Number.isFinite(x) ? x : null);

/** Describes a prepared scenario or model. */
export function describe(p: Prepared): Description {
  const { plan, model, scenario } = p;
  const file = model.file;
  const dates = axisLabels(plan.axis);
  const scheduled = new Set(plan.schedules.map((s) => plan.params[s.slot]!.name));
  const parameters = plan.params.map((slot): ParameterInfo => {
    const { parameter } = slot;
    const member = slot.member ?? null;
    const def = file.parameters?.[parameter];
    const entry = member !== null ? def?.members?.[member] : undefined;
    const own = typeof entry === 'object' ? (entry.sources ?? []) : [];
    return {
      name: slot.name,
      parameter,
      member,
      label: def?.label ?? parameter,
      unit: def ? unitOf(def, member ?? undefined) : '',
      switch: def?.switch === true,
      key: def?.key === true,
      description: def?.description?.trim() ?? null,
      range: [finiteOrNull(slot.lo), finiteOrNull(slot.hi)],
      value: slot.value,
      uncertainty: slot.dist ?? null,
      changedByScenario: scenario
        ? scenario.parameters.has(slot.name) || scenario.parameters.has(parameter)
        : false,
      scheduled: scheduled.has(slot.name),
      sources: [...own, ...(def?.sources ?? [])],
    };
  });
  const outputs: OutputInfo[] = [
    ...Object.entries(file.outputs ?? {}).map(([id, o]) => ({
      id,
      kind: o.kind,
      label: o.label ?? id,
      unit: o.kind === 'series' ? o.unit : null,
      units: o.kind === 'series' ? (o.units ?? null) : null,
      for: o.for ?? null,
      description: o.description?.trim() ?? null,
    })),
    ...Object.entries(file.events ?? {}).map(([id, e]) => ({
      id,
      kind: 'event' as const,
      label: e.label ?? id,
      unit: null,
      units: null,
      for: e.for ?? null,
      description: e.description?.trim() ?? null,
    })),
  ];
  return {
    modelPath: model.path,
    model: { name: file.model, title: file.title, description: file.description?.trim() ?? null },
    scenario: scenario ? { name: scenario.name, title: scenario.title, question: scenario.question } : null,
    timeUnit: plan.axis.unit,
    dates,
    snapshots: plan.snapshots.map((k) => dates[k]!),
    entities: file.entities ?? {},
    runs: p.runs,
    seed: p.seed,
    parameters,
    schedules: scenario ? Object.fromEntries([...scenario.schedules].map(([k, e]) => [k, e.value])) : {},
    events: {
      force: (scenario?.force ?? []).map((e) => ({ ...eventRef(e.value), at: e.value.at })),
      suppress: (scenario?.suppress ?? []).map((e) => ({
        ...eventRef(e.value),
        ...(e.value.from !== undefined ? { from: e.value.from } : {}),
      })),
    },
    outputs,
    receipt: receiptOf(p),
  };
}
