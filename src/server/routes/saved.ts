/**
 * Saved scenarios: a bundled scenario with the user's edits, under a name. `POST` checks the edits with
 * the engine (without running) before saving; `GET /api/saved-scenarios/:id/yaml` gives the scenario file
 * that `oxus run` accepts when saved in scenarios/.
 */
import { type Response, Router } from 'express';
import type { AppContext } from '../appContext.js';
import { HttpError } from '../httpErrors.js';
import { assertCanChange, classOf, creatorOf, readable } from '../ownership/access.js';
import { idParam, savedScenarioSchema } from '../requestSchemas.js';
import { resolveSource } from '../runs/source.js';
import { editedScenarioText } from '../scenarioText.js';
import type { SavedScenario } from '../store/savedScenarios.js';
import { parseBody } from '../validate.js';

const withLinks = (s: SavedScenario) => ({
  ...s,
  links: { self: `/api/saved-scenarios/${s.id}`, yaml: `/api/saved-scenarios/${s.id}/yaml` },
});

export function savedRoutes(ctx: AppContext): Router {
  const router = Router();
  const schema = savedScenarioSchema(ctx.settings.maxRuns);
  const known = (id: string, res: Response): SavedScenario => {
    const saved = readable(res, idParam.safeParse(id).success ? ctx.saved.get(id) : undefined);
    if (!saved) throw new HttpError(404, 'E_NOT_FOUND', `no saved scenario '${id}'`);
    return saved;
  };

  router.get('/saved-scenarios', (_req, res) => {
    res.json({ items: ctx.saved.list(classOf(res)).map((s) => withLinks(s)) });
  });

  router.post('/saved-scenarios', async (req, res) => {
    const input = parseBody(schema, req);
    const { name: _name, description: _description, ...edit } = input;
    await ctx.runs.check(edit);
    const { principal, token } = creatorOf(ctx.tokens, res);
    const saved = ctx.saved.create(input, { owner: principal.id, classId: principal.classId });
    res
      .status(201)
      .location(`/api/saved-scenarios/${saved.id}`)
      .json({ saved: withLinks(saved), ...(token !== undefined ? { token } : {}) });
  });

  router.get('/saved-scenarios/:id', (req, res) => {
    res.json({ saved: withLinks(known(req.params.id, res)) });
  });

  router.get('/saved-scenarios/:id/yaml', (req, res) => {
    const saved = known(req.params.id, res);
    const { entry } = resolveSource(ctx.catalog, saved.edit);
    const yaml = editedScenarioText(
      entry,
      saved.edit,
      ctx.catalog.editFolderOf(entry),
      ctx.catalog.pathOf(entry),
    );
    res
      .type('text/yaml; charset=utf-8')
      .attachment(`${entry.id}-${saved.id.slice(0, 8)}.yaml`)
      .send(`# ${saved.name}\n${yaml}`);
  });

  router.put('/saved-scenarios/:id', async (req, res) => {
    assertCanChange(res, known(req.params.id, res), 'this saved scenario');
    const input = parseBody(schema, req);
    const { name: _name, description: _description, ...edit } = input;
    await ctx.runs.check(edit);
    res.json({ saved: withLinks(ctx.saved.replace(req.params.id, input)!) });
  });

  router.delete('/saved-scenarios/:id', (req, res) => {
    const saved = known(req.params.id, res);
    assertCanChange(res, saved, 'this saved scenario');
    ctx.saved.remove(saved.id);
    res.status(204).end();
  });
  return router;
}
