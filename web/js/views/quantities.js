/**
 * The quantities an analysis of one output at one date can look at (Sensitivity, Scenario discovery):
 * series, thresholds and events, each member apart, a threshold or event both as its probability by the
 * date and as the time until it happens.
 */
import { channelLabel } from '../format.js';

/**
 * @typedef {{key: string, kind?: string, output: string, member?: string, label: string, measure: string}} Quantity
 *   `kind`: `t` threshold, `e` event (absent for a series)
 */

/**
 * @param {import('../groups.js').Summary} s
 * @returns {Quantity[]}
 */
export function quantitiesOf(s) {
  const chances = [
    ...s.thresholds.map((x) => ({ kind: 't', output: x.output, member: x.member, label: channelLabel(x) })),
    ...s.events.map((x) => ({ kind: 'e', output: x.event, member: x.member, label: channelLabel(x) })),
  ];
  const key = (/** @type {string} */ kind, /** @type {{output: string, member?: string}} */ x) =>
    `${kind}:${x.member ?? ''}:${x.output}`;
  return [
    ...s.series.map((x) => ({
      key: key('s', x),
      output: x.output,
      member: x.member,
      label: channelLabel(x),
      measure: 'value',
    })),
    ...chances.map((x) => ({
      ...x,
      key: key(x.kind, x),
      label: `${x.label} (probability by the date)`,
      measure: 'value',
    })),
    ...chances.map((x) => ({
      ...x,
      key: key(`${x.kind}T`, x),
      label: `${x.label} (time until it happens, up to the date)`,
      measure: 'time',
    })),
  ];
}
