/**
 * Forecasts against experts: `GET /api/forecasts` (the claims catalogue with quotes, readings, questions
 * and resolutions) and `GET /api/forecasts/scores` (every forecaster's scores, the calibration tables and
 * the backtest). Both take `?scale=icd203|kent|phia|nato` for the estimative words.
 */
import { Router } from 'express';
import { z } from 'zod';
import { SCALE_IDS } from '../../forecast/scales.js';
import type { AppContext } from '../appContext.js';
import { parseWith } from '../validate.js';

const query = z.strictObject({ scale: z.enum(SCALE_IDS).default('icd203') });

export function forecastRoutes(ctx: AppContext): Router {
  const router = Router();
  const scaleOf = (q: unknown) => parseWith(query, q, 'query').scale;
  router.get('/forecasts', (req, res) => {
    res.json(ctx.forecasts.catalogue(scaleOf(req.query)));
  });
  router.get('/forecasts/scores', async (req, res) => {
    res.json(await ctx.forecasts.scores(scaleOf(req.query)));
  });
  return router;
}
