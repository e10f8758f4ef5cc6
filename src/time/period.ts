/**
 * Calendar periods for the model's time axis: a year (`2016`), a quarter (`2016Q2`) or a month (`2016-05`).
 * A period is stored as a month index (year * 12 + month - 1) so arithmetic across step sizes is exact.
 */
export type StepUnit = 'year' | 'quarter' | 'month';

export const MONTHS_PER_STEP: Record<StepUnit, number> = { year: 12, quarter: 3, month: 1 };

const PATTERN = /^(\d{4})(?:Q([1-4])|-(0[1-9]|1[0-2]))?$/;

/** Parses `2016`, `2016Q2` or `2016-05` into a month index; returns undefined when the text is not a period. */
export function parsePeriod(text: string | number): number | undefined {
  const m = PATTERN.exec(String(text).trim());
  if (!m) return undefined;
  const year = Number(m[1]);
  if (m[2] !== undefined) return year * 12 + (Number(m[2]) - 1) * 3;
  if (m[3] !== undefined) return year * 12 + Number(m[3]) - 1;
  return year * 12;
}

/** Formats a month index in the notation of the step unit, e.g. `2016Q2` for quarters. */
export function formatPeriod(monthIndex: number, unit: StepUnit): string {
  const year = Math.floor(monthIndex / 12);
  const month = monthIndex - year * 12;
  if (unit === 'year') return String(year);
  if (unit === 'quarter') return `${year}Q${Math.floor(month / 3) + 1}`;
  return `${year}-${String(month + 1).padStart(2, '0')}`;
}

/** Decimal year of a month index: 2016Q2 -> 2016.25. */
export function decimalYear(monthIndex: number): number {
  return monthIndex / 12;
}

/** True when the period starts on a boundary of the step unit (quarters start in Jan, Apr, Jul, Oct). */
export function alignedTo(monthIndex: number, unit: StepUnit): boolean {
  return monthIndex % MONTHS_PER_STEP[unit] === 0;
}

/** The time axis of one simulation: `steps` steps, `steps + 1` recorded points from `start`. */
export interface TimeAxis {
  readonly start: number;
  readonly steps: number;
  readonly unit: StepUnit;
}

/** Month index of point k on the axis. */
export function pointAt(axis: TimeAxis, k: number): number {
  return axis.start + k * MONTHS_PER_STEP[axis.unit];
}

/** Labels of all recorded points, e.g. ['2016Q2', '2016Q3', …]. */
export function axisLabels(axis: TimeAxis): string[] {
  const labels: string[] = [];
  for (let k = 0; k <= axis.steps; k++) labels.push(formatPeriod(pointAt(axis, k), axis.unit));
  return labels;
}

/** Index of the point at a period, or undefined when it is off the axis or between points. */
export function indexOf(axis: TimeAxis, monthIndex: number): number | undefined {
  const offset = monthIndex - axis.start;
  const size = MONTHS_PER_STEP[axis.unit];
  if (offset < 0 || offset % size !== 0) return undefined;
  const k = offset / size;
  return k <= axis.steps ? k : undefined;
}
