/** The point of a date on a time axis, for the analyses that read an output at one date. */
import { AnalysisError } from '../errors.js';
import { axisLabels, type TimeAxis } from '../time/period.js';

/** The index of `at` among the axis's dates (`2020`, `2016Q4`); an error listing the axis if it is none. */
export function pointOfDate(axis: TimeAxis, at: string): number {
  const dates = axisLabels(axis);
  const point = dates.indexOf(at);
  if (point < 0) {
    throw new AnalysisError(
      'E_TIME',
      `${at} is not a date of the time axis: expected one from ${dates[0]} to ${dates[dates.length - 1]} (step ${axis.unit})`,
    );
  }
  return point;
}
