/**
 * Ownership tokens (src/server/ownership/): `POST /api/tokens` gives a new token in the open class;
 * `GET /api/tokens/me` says whom the request's token stands for (an open-class token, or a classroom
 * instructor's or participant's: see routes/classes.ts for creating and joining classes).
 */
import { Router } from 'express';
import { z } from 'zod';
import type { AppContext } from '../appContext.js';
import { HttpError } from '../httpErrors.js';
import { principalOf } from '../ownership/access.js';
import { parseBody } from '../validate.js';

const tokenRequest = z.strictObject({ name: z.string().trim().min(1).max(100).optional() });

export function tokenRoutes(ctx: AppContext): Router {
  const router = Router();

  router.post('/tokens', (req, res) => {
    const { name } = parseBody(tokenRequest, req);
    res.status(201).json(ctx.tokens.issue(name ?? null));
  });

  router.get('/tokens/me', (_req, res) => {
    const principal = principalOf(res);
    if (!principal) throw new HttpError(401, 'E_TOKEN', 'the request has no token', 'Authorization');
    res.json({ principal, className: ctx.tokens.className(principal.classId) ?? null });
  });
  return router;
}
