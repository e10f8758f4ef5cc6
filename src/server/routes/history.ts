/**
 * Run history: `GET /api/history` lists finished runs (newest first), `GET /api/history/:id` gives one
 * with its receipt, `/result` its numbers, `POST /api/history/:id/reproduce` runs it again and checks the
 * result is the same bit for bit, and `DELETE` forgets it.
 */
import { type Response, Router } from 'express';
import type { AppContext } from '../appContext.js';
import { HttpError } from '../httpErrors.js';
import { assertCanChange, classOf, creatorOf, readable } from '../ownership/access.js';
import { idParam, pageQuery } from '../requestSchemas.js';
import type { HistoryEntry } from '../store/history.js';
import { parseWith } from '../validate.js';
import { answerStarted, isWait } from './runs.js';

const withLinks = (e: HistoryEntry) => ({
  ...e,
  links: {
    self: `/api/history/${e.id}`,
    result: `/api/history/${e.id}/result`,
    reproduce: `/api/history/${e.id}/reproduce`,
  },
});

export function historyRoutes(ctx: AppContext): Router {
  const router = Router();
  const known = (id: string, res: Response): HistoryEntry => {
    const entry = readable(res, idParam.safeParse(id).success ? ctx.history.get(id) : undefined);
    if (!entry) throw new HttpError(404, 'E_NOT_FOUND', `no run '${id}' in the history`);
    return entry;
  };

  router.get('/history', (req, res) => {
    const { limit, offset } = parseWith(pageQuery, req.query, 'query');
    const { total, items } = ctx.history.list(classOf(res), limit, offset);
    res.json({ total, limit, offset, items: items.map(withLinks) });
  });

  router.get('/history/:id', (req, res) => {
    res.json({ entry: withLinks(known(req.params.id, res)) });
  });

  router.get('/history/:id/result', async (req, res) => {
    const entry = known(req.params.id, res);
    const json = await ctx.history.resultJson(entry.id);
    if (json === undefined) throw new HttpError(404, 'E_NOT_FOUND', 'the stored result is missing');
    res.type('json').send(json);
  });

  router.post('/history/:id/reproduce', async (req, res) => {
    const wait = isWait(req.query);
    const entry = known(req.params.id, res);
    ctx.runs.assertCanStart();
    const { principal, token } = creatorOf(ctx.tokens, res);
    // A reproduction stands alone: it is not a side of the comparison the entry was part of.
    const { comparison: _pair, ...request } = entry.request;
    const run = await ctx.runs.start(request, { owner: principal.id, classId: principal.classId }, entry);
    await answerStarted(ctx, res, run, wait, token);
  });

  router.delete('/history/:id', (req, res) => {
    const entry = known(req.params.id, res);
    assertCanChange(res, entry, 'this run');
    ctx.history.remove(entry.id);
    res.status(204).end();
  });
  return router;
}
