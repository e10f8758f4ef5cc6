/**
 * Impossible parameters of a distribution, in plain words, all at once (docs/model-format.md,
 * "Distributions"). The schema already ensures every number is finite; these are the relations.
 */
import type { Distribution } from '../model/schema.js';

type Choice = Extract<Distribution, { dist: 'choice' }>;

/** Pushes a problem if a named number is not finite (the schema rejects these; other callers may not). */
function requireFinite(problems: string[], name: string, value: number): void {
  if (!Number.isFinite(value)) problems.push(`${name} must be a finite number, found ${value}`);
}

/** Pushes a problem if a finite number is not strictly positive. */
function requirePositive(problems: string[], name: string, value: number): void {
  if (Number.isFinite(value) && !(value > 0)) problems.push(`${name} must be > 0, found ${value}`);
}

/** Pushes a problem if finite bounds are not in strictly increasing order. */
function requireOrdered(problems: string[], min: number, max: number, minNote = '', maxNote = ''): void {
  if (Number.isFinite(min) && Number.isFinite(max) && !(min < max)) {
    problems.push(`min (${min}${minNote}) must be less than max (${max}${maxNote})`);
  }
}

/** Pushes a problem if a mode lies outside valid bounds [min, max]. */
function requireModeInside(problems: string[], min: number, mode: number, max: number): void {
  if (min < max && Number.isFinite(mode) && !(mode >= min && mode <= max)) {
    problems.push(`mode (${mode}) must be between min (${min}) and max (${max})`);
  }
}

/** The problems of a `choice`: no values, non-finite values, weights of the wrong length, sign or sum. */
function choiceProblems(problems: string[], d: Choice): void {
  if (d.values.length === 0) problems.push('values must not be empty');
  d.values.forEach((v, i) => {
    if (!Number.isFinite(v)) problems.push(`values must be finite numbers, found ${v} (value ${i + 1})`);
  });
  if (d.weights === undefined) return;
  if (d.weights.length !== d.values.length) {
    problems.push(
      `weights must have the same length as values (${d.values.length}), found ${d.weights.length}`,
    );
  }
  d.weights.forEach((w, i) => {
    if (!(w >= 0 && Number.isFinite(w))) problems.push(`weights must be >= 0, found ${w} (weight ${i + 1})`);
  });
  if (d.weights.length > 0 && d.weights.every((w) => w === 0)) problems.push('weights must not all be 0');
}

/**
 * Every impossible-parameter problem of a distribution, e.g. "min (5) must be less than max (3)" or
 * "sd must be > 0, found -1"; empty when the distribution can be drawn from.
 */
export function distributionProblems(d: Distribution): string[] {
  const problems: string[] = [];
  switch (d.dist) {
    case 'uniform':
      requireFinite(problems, 'min', d.min);
      requireFinite(problems, 'max', d.max);
      requireOrdered(problems, d.min, d.max);
      break;
    case 'triangular':
    case 'pert':
      requireFinite(problems, 'min', d.min);
      requireFinite(problems, 'mode', d.mode);
      requireFinite(problems, 'max', d.max);
      requireOrdered(problems, d.min, d.max);
      requireModeInside(problems, d.min, d.mode, d.max);
      if (d.dist === 'pert' && d.lambda !== undefined && !(d.lambda >= 0 && Number.isFinite(d.lambda))) {
        problems.push(`lambda must be >= 0, found ${d.lambda}`);
      }
      break;
    case 'normal':
      requireFinite(problems, 'mean', d.mean);
      requireFinite(problems, 'sd', d.sd);
      requirePositive(problems, 'sd', d.sd);
      break;
    case 'lognormal':
      requireFinite(problems, 'mu', d.mu);
      requireFinite(problems, 'sigma', d.sigma);
      requirePositive(problems, 'sigma', d.sigma);
      break;
    case 'gamma':
      requireFinite(problems, 'shape', d.shape);
      requireFinite(problems, 'rate', d.rate);
      requirePositive(problems, 'shape', d.shape);
      requirePositive(problems, 'rate', d.rate);
      break;
    case 'beta': {
      requireFinite(problems, 'alpha', d.alpha);
      requireFinite(problems, 'beta', d.beta);
      requirePositive(problems, 'alpha', d.alpha);
      requirePositive(problems, 'beta', d.beta);
      const min = d.min ?? 0;
      const max = d.max ?? 1;
      requireFinite(problems, 'min', min);
      requireFinite(problems, 'max', max);
      const defaultNote = ', the default';
      requireOrdered(
        problems,
        min,
        max,
        d.min === undefined ? defaultNote : '',
        d.max === undefined ? defaultNote : '',
      );
      break;
    }
    case 'choice':
      choiceProblems(problems, d);
      break;
  }
  return problems;
}
