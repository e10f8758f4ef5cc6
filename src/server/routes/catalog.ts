/**
 * Bundled models and scenarios: `GET /api/models`, `GET /api/models/:id`, `GET /api/scenarios`,
 * `GET /api/scenarios/:id` (with parameters, ranges, sources, outputs and dates) and the raw YAML of each.
 */
import { readFileSync } from 'node:fs';
import { Router } from 'express';
import type { AppContext } from '../appContext.js';
import type { EntryKind } from '../catalog.js';
import { HttpError } from '../httpErrors.js';

/**
 * An answer serialised once, as the bytes sent: a description until its file changes (the cache hands out
 * the same object), a listing until the folders are looked at again (the same array). The Central Asia
 * scenario's description is about 150 kB; serialising and encoding it on every request kept the request
 * thread from answering others under load (see `npm run loadtest`).
 */
const answers = new WeakMap<object, Buffer>();
function answerOf(key: string, value: object): Buffer {
  let bytes = answers.get(value);
  if (bytes === undefined) {
    bytes = Buffer.from(JSON.stringify({ [key]: value }));
    answers.set(value, bytes);
  }
  return bytes;
}

export function catalogRoutes(ctx: AppContext): Router {
  const router = Router();
  const one = (kind: EntryKind, id: string) => {
    const entry = ctx.catalog.find(kind, id);
    if (!entry) throw new HttpError(404, 'E_NOT_FOUND', `there is no ${kind} '${id}'`);
    return entry;
  };
  for (const [kind, plural] of [
    ['model', 'models'],
    ['scenario', 'scenarios'],
  ] as const) {
    router.get(`/${plural}`, (_req, res) => {
      res.type('json').send(answerOf(plural, ctx.catalog.list(kind)));
    });
    router.get(`/${plural}/:id`, async (req, res) => {
      res.type('json').send(answerOf(kind, await ctx.descriptions.get(one(kind, req.params.id))));
    });
    router.get(`/${plural}/:id/yaml`, (req, res) => {
      const entry = one(kind, req.params.id);
      res.type('text/yaml; charset=utf-8').send(readFileSync(ctx.catalog.pathOf(entry), 'utf8'));
    });
  }
  return router;
}
