/**
 * The forecasts the server shows: the bundled catalogue and its score report (computed once, on first
 * request, by running the claims' scenarios with their own seeds and runs on the engine host thread, so
 * the request thread goes on answering others meanwhile; ~3 s), with the estimative words of a scale
 * attached for the browser.
 */
import { dirname, resolve } from 'node:path';
import { expertRange } from '../forecast/reading.js';
import { type FullReport, loadScoreFiles, type ScoreFiles } from '../forecast/report.js';
import { describe, SCALES, type ScaleId } from '../forecast/scales.js';
import { httpErrorOf } from './apiProblems.js';
import { type EngineHost, JobFailedError } from './engineHost/host.js';

/** Longest the score report may take to compute (it runs every claim's scenario). */
const SCORE_TIMEOUT_MS = 120_000;

export class Forecasts {
  private report: Promise<FullReport> | undefined;
  readonly files: ScoreFiles;

  constructor(
    dir: string,
    private readonly host: EngineHost,
  ) {
    this.files = {
      claims: resolve(dir, 'claims.yaml'),
      outcomes: resolve(dir, 'outcomes.yaml'),
      estimates: resolve(dir, 'estimates.yaml'),
    };
  }

  /** The catalogue as the browser shows it: each claim with its reading's range and its resolution. */
  catalogue(scale: ScaleId) {
    const { catalogue, outcomes } = loadScoreFiles(this.files);
    const resolved = new Map(outcomes.file.outcomes.map((o) => [o.claim, o]));
    return {
      title: catalogue.file.title,
      description: catalogue.file.description ?? null,
      scale: scaleInfo(scale),
      claims: catalogue.file.claims.map((c) => {
        const r = expertRange(c.reading);
        return {
          id: c.id,
          who: c.who,
          role: c.role,
          expert: c.expert,
          date: c.date,
          seed: c.seed,
          quote: c.quote,
          question: c.question ?? null,
          unresolvable: c.unresolvable ?? null,
          reading: {
            ...c.reading,
            low: r.low,
            mid: r.mid,
            high: r.high,
            label: r.label,
            words: c.reading.words,
          },
          expertWords: describe(scale, r.mid),
          model: c.model
            ? {
                scenario: c.model.scenario,
                kind: c.model.kind,
                note: c.model.note,
                inSample: c.model.inSample ?? null,
              }
            : null,
          outcome: resolved.get(c.id) ?? null,
        };
      }),
    };
  }

  /** The score report, with each forecast worded on `scale`. */
  async scores(scale: ScaleId) {
    this.report ??= this.host.score(this.files, SCORE_TIMEOUT_MS);
    const report = await this.report.catch((err: unknown) => {
      this.report = undefined; // a failure is not cached: the next request tries again
      throw err instanceof JobFailedError
        ? (httpErrorOf(err.failure, { root: dirname(dirname(this.files.claims)) }) ?? err)
        : err;
    });
    return {
      ...report,
      scale: scaleInfo(scale),
      claims: report.claims.map((c) => ({
        ...c,
        words: Object.fromEntries(Object.entries(c.forecasts).map(([k, p]) => [k, describe(scale, p)])),
      })),
    };
  }
}

function scaleInfo(scale: ScaleId) {
  const s = SCALES[scale];
  return {
    id: s.id,
    name: s.name,
    source: s.source,
    grade: s.grade,
    warning: s.warning ?? null,
    terms: s.terms,
  };
}
