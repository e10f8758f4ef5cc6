/**
 * The teaching techniques, answered whole (200) once computed on the engine thread, each the JSON of its
 * CLI command: `POST /api/assumptions` (key assumptions check), `POST /api/condition` (results over the
 * runs consistent with what was seen) and `POST /api/futures` (alternative futures, a 2×2 on common random
 * numbers, with each future's narrative), `POST /api/signposts` (what, seen by an earlier date, moves the
 * chance of a future most, with its sentences) and `POST /api/ach` (competing hypotheses, the cells
 * P(evidence | hypothesis) from the runs). A client that goes away cancels its analysis.
 */
import { Router } from 'express';
import { futuresJson } from '../../present/futuresTable.js';
import { signpostsJson } from '../../present/signpostsTable.js';
import type { AppContext } from '../appContext.js';
import {
  achRequestSchema,
  assumptionsRequestSchema,
  conditionRequestSchema,
  futuresRequestSchema,
  signpostsRequestSchema,
} from '../teachSchemas.js';
import { parseBody } from '../validate.js';
import { clientGone } from './analyses.js';

export function teachRoutes(ctx: AppContext): Router {
  const router = Router();
  const { maxRuns } = ctx.settings;
  router.post('/assumptions', async (req, res) => {
    const body = parseBody(assumptionsRequestSchema(maxRuns), req);
    res.json(await ctx.analyses.teach('assumptions', body, clientGone(res)));
  });
  router.post('/condition', async (req, res) => {
    const body = parseBody(conditionRequestSchema(maxRuns), req);
    res.json(await ctx.analyses.teach('condition', body, clientGone(res)));
  });
  router.post('/futures', async (req, res) => {
    const body = parseBody(futuresRequestSchema(maxRuns), req);
    res.json(futuresJson(await ctx.analyses.teach('futures', body, clientGone(res))));
  });
  router.post('/signposts', async (req, res) => {
    const body = parseBody(signpostsRequestSchema(maxRuns), req);
    res.json(signpostsJson(await ctx.analyses.teach('signposts', body, clientGone(res))));
  });
  router.post('/ach', async (req, res) => {
    const body = parseBody(achRequestSchema(maxRuns), req);
    res.json(await ctx.analyses.teach('ach', body, clientGone(res)));
  });
  return router;
}
