/**
 * The Plan: everything the engine needs to run a model under a scenario, as plain data that can be sent to
 * worker threads. Built once by `buildPlan` (checks + code generation); the engine never sees YAML.
 */
import type { Distribution } from '../model/schema.js';
import type { QualifiedName } from '../qualifiedName.js';
import type { TimeAxis } from '../time/period.js';

export interface ParamSlot {
  /** `haven`, or `IMU.recruit` for one member's entry of a table. */
  readonly name: QualifiedName;
  /** The parameter's name in the model (`recruit`), and the member for one entry of a table. */
  readonly parameter: string;
  readonly member?: string;
  readonly value: number;
  readonly dist?: Distribution;
  readonly lo: number;
  readonly hi: number;
  /** A 0/1 switch (values 0 or 1 only). */
  readonly switch?: true;
}

export type InitialValue =
  | { readonly kind: 'value'; readonly value: number }
  | { readonly kind: 'dist'; readonly dist: Distribution; readonly lo: number; readonly hi: number }
  | { readonly kind: 'expr' };

export interface StateSlot {
  /** `S`, `IMU.strength`, or an event flag such as `IMU.pledge_isis`. */
  readonly name: QualifiedName;
  /** The state variable's or event's name in the model (`strength`), and the member it belongs to. */
  readonly variable: string;
  readonly member?: string;
  readonly min: number;
  readonly max: number;
  readonly initial: InitialValue;
  /** An event's fired flag (0 or 1; never clamped or checked). */
  readonly flag?: true;
}

export type ChannelKind = 'series' | 'threshold' | 'leader' | 'event';

/** One recorded quantity: an output for one member (or global), or an event's fired flag. */
export interface Channel {
  readonly output: string;
  readonly member?: string;
  readonly kind: ChannelKind;
  readonly label: string;
  readonly unit?: string;
  /** For leader channels: the members, indexed by the recorded value (-1 means none). */
  readonly members?: readonly string[];
}

export interface Plan {
  readonly model: string;
  readonly title: string;
  readonly scenario?: string;
  readonly axis: TimeAxis;
  /** Step length in years. */
  readonly dt: number;
  readonly params: readonly ParamSlot[];
  /** Gaussian copula: correlated parameter slots and the Cholesky factor of their correlation matrix. */
  readonly copula?: { readonly slots: readonly number[]; readonly L: readonly (readonly number[])[] };
  readonly state: readonly StateSlot[];
  readonly nDerived: number;
  /** Per scheduled parameter, its value at each point (null: the run's drawn value holds). */
  readonly schedules: readonly { readonly slot: number; readonly values: readonly (number | null)[] }[];
  readonly channels: readonly Channel[];
  /** Generated JavaScript: the body of a function of (F, R) returning {init, run}; see compile/codegen.ts. */
  readonly code: string;
  /** Indices of points whose per-run values are exported. */
  readonly snapshots: readonly number[];
}
