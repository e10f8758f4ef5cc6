/** The time axis of a model under a scenario: start, number of steps and step unit, each date checked. */

import type { Problem } from '../errors.js';
import { MAX_STEPS } from '../limits.js';
import type { LoadedModel, LoadedScenario, Origin } from '../model/load.js';
import { alignedTo, MONTHS_PER_STEP, parsePeriod, type TimeAxis } from '../time/period.js';

/** The axis, with problems for dates off the step unit and for too short or too long axes. */
export function timeAxis(
  model: LoadedModel,
  scenario?: LoadedScenario,
): { axis: TimeAxis; problems: Problem[] } {
  const unit = model.file.time.step;
  const problems: Problem[] = [];
  const point = (value: string | number, at: Origin): number => {
    const m = parsePeriod(value)!;
    if (!alignedTo(m, unit)) {
      problems.push(
        at.yaml.problem(at.path, 'E_TIME', `date is not on a ${unit} boundary`, { found: String(value) }),
      );
    }
    return m;
  };
  const start = scenario?.start
    ? point(scenario.start.value, scenario.start.at)
    : point(model.file.time.start, { yaml: model.yaml, path: ['time', 'start'] });
  const end = scenario?.end
    ? point(scenario.end.value, scenario.end.at)
    : point(model.file.time.end, { yaml: model.yaml, path: ['time', 'end'] });
  const size = MONTHS_PER_STEP[unit];
  let steps = Math.floor((end - start) / size);
  if (steps < 1 || steps > MAX_STEPS) {
    const at = scenario?.end?.at ?? { yaml: model.yaml, path: ['time', 'end'] };
    problems.push(
      at.yaml.problem(at.path, 'E_TIME', `the time axis must have 1 to ${MAX_STEPS} steps`, {
        found: `${steps} steps`,
      }),
    );
    steps = Math.min(Math.max(steps, 1), MAX_STEPS);
  }
  return { axis: { start, steps, unit }, problems };
}
