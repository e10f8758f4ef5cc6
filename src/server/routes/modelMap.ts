/**
 * `GET /api/models/:id/map`: the model map of a bundled model (its graph, drawing and feedback loops with
 * their signs), built on the engine host thread once per version of the file: the layout and the signs
 * cost seconds of CPU for the Central Asia model, which on the request thread stopped every other
 * request for as long; it is not redone per request, and two requests arriving together share one build.
 */
import { statSync } from 'node:fs';
import { Router } from 'express';
import { httpErrorOf } from '../apiProblems.js';
import type { AppContext } from '../appContext.js';
import { JobFailedError } from '../engineHost/host.js';
import { HttpError } from '../httpErrors.js';

export function modelMapRoutes(ctx: AppContext): Router {
  const router = Router();
  const built = new Map<string, { mtimeMs: number; map: Promise<string> }>();
  const mapOf = (path: string): Promise<string> => {
    const mtimeMs = statSync(path).mtimeMs;
    const cached = built.get(path);
    if (cached?.mtimeMs === mtimeMs) return cached.map;
    const map = ctx.host.map(path, ctx.settings.runTimeoutMs);
    built.set(path, { mtimeMs, map });
    // A model that does not build is not kept: the next request tries again (and reports it again).
    map.catch(() => built.delete(path));
    return map;
  };
  router.get('/models/:id/map', async (req, res) => {
    const entry = ctx.catalog.find('model', req.params.id);
    if (!entry) throw new HttpError(404, 'E_NOT_FOUND', `there is no model '${req.params.id}'`);
    const path = ctx.catalog.pathOf(entry);
    try {
      res.type('json').send(await mapOf(path));
    } catch (err) {
      // A model file with problems: 422 with every problem, located in the file as `oxus validate` does.
      if (!(err instanceof JobFailedError)) throw err;
      const shown = (file: string) => ctx.catalog.shownPath(file);
      throw httpErrorOf(err.failure, { shown }) ?? err;
    }
  });
  return router;
}
