/**
 * What an analysis request names of a shown run: the scenario (or model) and its edits, and where wanted
 * its runs and seed, and nothing else a run request may carry (such as the comparison it belongs to).
 */

/**
 * @param {Record<string, any>} request a run's request as the server recorded it
 * @param {boolean} [runsAndSeed] include the runs and seed
 */
export function analysisSource(request, runsAndSeed = true) {
  const keys = [
    'scenario',
    'model',
    'overrides',
    'schedules',
    'events',
    ...(runsAndSeed ? ['runs', 'seed'] : []),
  ];
  return Object.fromEntries(keys.filter((k) => request[k] !== undefined).map((k) => [k, request[k]]));
}
