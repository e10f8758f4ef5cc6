/**
 * Analyses, answered whole (200) once computed on the engine thread: `POST /api/compare` (B against A run
 * by run, on common random numbers), `POST /api/sensitivity` (which uncertain parameters drive an output
 * at a date, and at every date), `POST /api/trace` (one run explained) and `POST /api/discover` (the
 * ranges of the parameters that the runs meeting a condition share, with its sentences). A client that goes away
 * cancels its analysis.
 */
import { type Response, Router } from 'express';
import { discoveryJson } from '../../present/discoveryTable.js';
import {
  compareRequestSchema,
  discoverRequestSchema,
  sensitivityRequestSchema,
  traceRequestSchema,
} from '../analysisSchemas.js';
import type { AppContext } from '../appContext.js';
import { parseBody } from '../validate.js';

/** A signal that aborts when the client closes the connection before the answer is sent. */
export function clientGone(res: Response): AbortSignal {
  const gone = new AbortController();
  // The response's 'close' (not the request's, which fires once the body is read): the connection ended.
  res.on('close', () => {
    if (!res.writableEnded) gone.abort();
  });
  return gone.signal;
}

export function analysisRoutes(ctx: AppContext): Router {
  const router = Router();
  const { maxRuns } = ctx.settings;
  router.post('/compare', async (req, res) => {
    const body = parseBody(compareRequestSchema(maxRuns), req);
    res.json(await ctx.analyses.compare(body, clientGone(res)));
  });
  router.post('/sensitivity', async (req, res) => {
    const body = parseBody(sensitivityRequestSchema(maxRuns), req);
    res.json(await ctx.analyses.sensitivity(body, clientGone(res)));
  });
  router.post('/trace', async (req, res) => {
    const body = parseBody(traceRequestSchema(maxRuns), req);
    res.json(await ctx.analyses.trace(body, clientGone(res)));
  });
  router.post('/discover', async (req, res) => {
    const body = parseBody(discoverRequestSchema(maxRuns), req);
    res.json(discoveryJson(await ctx.analyses.discover(body, clientGone(res))));
  });
  return router;
}
