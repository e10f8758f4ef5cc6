/**
 * Simulations: `POST /api/runs` starts one (`?wait=true` answers with the result), `GET /api/runs/:id`
 * reports its status, `/result` and `/result.csv` give its numbers, `/events` streams its progress as
 * server-sent events, and `POST /api/runs/:id/cancel` stops it.
 */
import { type Response, Router } from 'express';
import type { Result } from '../../pipeline.js';
import { renderCsv } from '../../present/csv.js';
import { shuttingDown } from '../apiProblems.js';
import type { AppContext } from '../appContext.js';
import { HttpError } from '../httpErrors.js';
import { assertCanChange, classOf, creatorOf, readable } from '../ownership/access.js';
import { idParam, runRequestSchema, waitQuery } from '../requestSchemas.js';
import type { RunInfo } from '../runs/runManager.js';
import { openEventStream } from '../runs/sse.js';
import { parseBody, parseWith } from '../validate.js';

/** Links a client follows from a run. */
export function withLinks(run: RunInfo) {
  const self = `/api/runs/${run.id}`;
  return {
    ...run,
    links: {
      self,
      result: `${self}/result`,
      csv: `${self}/result.csv`,
      events: `${self}/events`,
      cancel: `${self}/cancel`,
    },
  };
}

/** Answers a started run: 202 with its status, or with `wait`, 200 with the run and its result. */
export async function answerStarted(
  ctx: AppContext,
  res: Response,
  run: RunInfo,
  wait: boolean,
  token?: string,
): Promise<void> {
  // A token issued for this run (the request had none) comes back in the body too.
  const issued = token !== undefined ? `,"token":${JSON.stringify(token)}` : '';
  if (!wait) {
    res
      .status(202)
      .location(`/api/runs/${run.id}`)
      .type('json')
      .send(`{"run":${JSON.stringify(withLinks(run))}${issued}}`);
    return;
  }
  const done = (await ctx.runs.settled(run.id)) ?? run;
  if (done.status !== 'done') {
    const e = done.error ?? { code: 'E_INTERNAL', message: 'the run did not finish', path: '' };
    if (e.code === 'E_SHUTTING_DOWN')
      throw shuttingDown('the server is shutting down: the run was cancelled');
    throw new HttpError(STATUS_OF[e.code] ?? 422, e.code, e.message, e.path);
  }
  const json = await ctx.runs.resultJson(run.id);
  res
    .status(200)
    .type('json')
    .send(`{"run":${JSON.stringify(withLinks(done))}${issued},"result":${json}}`);
}

/** The status of a run that did not finish, by its error's code; the others are the scenario's (422). */
const STATUS_OF: Record<string, number> = { E_CANCELLED: 409, E_INTERNAL: 500, E_WORKER_CRASHED: 500 };

export const isWait = (query: unknown): boolean => {
  const { wait } = parseWith(waitQuery, query, 'query');
  return wait === 'true' || wait === '1';
};

export function runRoutes(ctx: AppContext): Router {
  const router = Router();
  const known = (id: string, res: Response): RunInfo => {
    const run = readable(res, idParam.safeParse(id).success ? ctx.runs.info(id) : undefined);
    if (!run) throw new HttpError(404, 'E_NOT_FOUND', `no run '${id}'`);
    return run;
  };
  const finishedJson = async (id: string, res: Response): Promise<string> => {
    const run = known(id, res);
    const json = await ctx.runs.resultJson(id);
    if (json === undefined) {
      throw new HttpError(
        409,
        'E_NOT_READY',
        run.status === 'running' ? 'the run has not finished yet' : `the run ${run.status}: no result`,
      );
    }
    return json;
  };

  router.post('/runs', async (req, res) => {
    // A refused request must cost nothing: it is refused before its body is checked, and no token is
    // issued (and stored) for it.
    ctx.runs.assertCanStart();
    const wait = isWait(req.query);
    const request = parseBody(runRequestSchema(ctx.settings.maxRuns), req);
    const { principal, token } = creatorOf(ctx.tokens, res);
    const run = await ctx.runs.start(request, { owner: principal.id, classId: principal.classId });
    await answerStarted(ctx, res, run, wait, token);
  });

  router.get('/runs', (_req, res) => {
    res.json({ runs: ctx.runs.list(classOf(res)).map(withLinks) });
  });

  router.get('/runs/:id', (req, res) => {
    res.json({ run: withLinks(known(req.params.id, res)) });
  });

  router.get('/runs/:id/result', async (req, res) => {
    res.type('json').send(await finishedJson(req.params.id, res));
  });

  router.get('/runs/:id/result.csv', async (req, res) => {
    const result = JSON.parse(await finishedJson(req.params.id, res)) as Result;
    res
      .type('text/csv; charset=utf-8')
      .attachment(`oxus-${result.receipt.scenario ?? result.receipt.model}-${req.params.id.slice(0, 8)}.csv`)
      .send(renderCsv(result));
  });

  router.get('/runs/:id/events', (req, res) => {
    const run = known(req.params.id, res);
    const stream = openEventStream(res);
    const end = (info: RunInfo) => {
      stream.send('end', withLinks(info));
      stream.close();
    };
    if (run.status !== 'running') return end(run);
    stream.send('progress', run.progress);
    const partial = ctx.runs.partialOf(run.id);
    if (partial) stream.send('partial', partial);
    stream.onClose(
      ctx.runs.subscribe(run.id, (event) => {
        if (event.type === 'progress') stream.send('progress', { done: event.done, total: event.total });
        else if (event.type === 'partial')
          stream.send('partial', { runs: event.runs, total: event.total, result: event.result });
        else end(event.run);
      }),
    );
  });

  router.post('/runs/:id/cancel', async (req, res) => {
    const run = known(req.params.id, res);
    assertCanChange(res, run, 'this run');
    res.json({ run: withLinks(await ctx.runs.cancel(run.id)) });
  });
  return router;
}
