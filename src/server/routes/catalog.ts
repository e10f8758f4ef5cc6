/**
 * Bundled models and scenarios: `GET /api/models`, `GET /api/models/:id`, `GET /api/scenarios`,
 * `GET /api/scenarios/:id` (with parameters, ranges, sources, outputs and dates) and the raw YAML of each.
 */
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { type Request, type Response, Router } from 'express';
import type { AppContext } from '../appContext.js';
import type { EntryKind } from '../catalog.js';
import { HttpError } from '../httpErrors.js';

/**
 * An answer serialised once, as the bytes sent: a description until its file changes (the cache hands out
 * the same object), a listing until the folders are looked at again (the same array). The Central Asia
 * scenario's description is about 150 kB; serialising and encoding it on every request kept the request
 * thread from answering others under load (see `npm run loadtest`).
 *
 * The bytes are also kept gzipped, for the clients that accept it (every browser does). Writing the
 * description's 153 kB to a socket took the request thread about 1 ms a time, the largest single cost
 * of a catalogue read under load; gzipped it is about a sixth of that. Compressing once, when the answer
 * is first asked for, costs a few milliseconds; compressing every response (the `compression`
 * middleware) would cost that on each one.
 */
interface Answer {
  readonly plain: Buffer;
  readonly gzip: Buffer;
}
const answers = new WeakMap<object, Answer>();
function answerOf(key: string, value: object): Answer {
  let answer = answers.get(value);
  if (answer === undefined) {
    const plain = Buffer.from(JSON.stringify({ [key]: value }));
    answer = { plain, gzip: gzipSync(plain) };
    answers.set(value, answer);
  }
  return answer;
}

function sendAnswer(req: Request, res: Response, answer: Answer): void {
  res.type('json').vary('Accept-Encoding');
  if (req.acceptsEncodings('gzip', 'identity') === 'gzip') {
    res.set('Content-Encoding', 'gzip').send(answer.gzip);
  } else {
    res.send(answer.plain);
  }
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
    router.get(`/${plural}`, (req, res) => {
      sendAnswer(req, res, answerOf(plural, ctx.catalog.list(kind)));
    });
    router.get(`/${plural}/:id`, async (req, res) => {
      sendAnswer(req, res, answerOf(kind, await ctx.descriptions.get(one(kind, req.params.id))));
    });
    router.get(`/${plural}/:id/yaml`, (req, res) => {
      const entry = one(kind, req.params.id);
      res.type('text/yaml; charset=utf-8').send(readFileSync(ctx.catalog.pathOf(entry), 'utf8'));
    });
  }
  return router;
}
