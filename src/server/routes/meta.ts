/** `GET /api`: what this server is, its limits and its endpoints; `GET /api/health` for probes. */
import { Router } from 'express';
import { VERSION } from '../../version.js';
import type { AppContext } from '../appContext.js';

export function metaRoutes(ctx: AppContext): Router {
  const router = Router();
  const limitKeys = [
    'maxRuns',
    'maxRunBytes',
    'maxConcurrentRuns',
    'maxConcurrentAnalyses',
    'maxEvaluations',
    'runTimeoutMs',
    'maxBodyBytes',
    'historyLimit',
    'historyMaxBytes',
  ] as const;
  const limits = Object.fromEntries(limitKeys.map((key) => [key, ctx.settings[key]]));
  router.get('/', (_req, res) => {
    res.json({
      name: 'oxus',
      version: VERSION,
      limits,
      docs: 'docs/http-api.md',
      links: {
        models: '/api/models',
        scenarios: '/api/scenarios',
        runs: '/api/runs',
        compare: '/api/compare',
        sensitivity: '/api/sensitivity',
        trace: '/api/trace',
        history: '/api/history',
        savedScenarios: '/api/saved-scenarios',
      },
    });
  });
  router.get('/health', (_req, res) => {
    res.json({ ok: true, version: VERSION });
  });
  return router;
}
