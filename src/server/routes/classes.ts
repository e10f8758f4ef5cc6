/**
 * Classroom forecasts (commit, then reveal): `POST /api/classes` creates a class and returns its
 * instructor token; `POST /api/classes/:code/join` returns a participant token; with it (as
 * `Authorization: Bearer <token>`) `GET /api/classes/:code/me` shows the claims, `PUT …/entries` sets the
 * participant's probabilities and `POST …/reveal` locks them and shows the model's, the experts' and the
 * scores. With the instructor token, `GET /api/classes/:code` is the class table, calibration and spread,
 * and `GET /api/classes/:code/export.csv` the entries for grading.
 */
import { type Request, Router } from 'express';
import { z } from 'zod';
import { classReport, participantScores } from '../../forecast/classroom.js';
import { classCsv } from '../../present/classCsv.js';
import type { AppContext } from '../appContext.js';
import { HttpError } from '../httpErrors.js';
import { ClassError, type Participant } from '../store/classes.js';
import { parseBody, parseWith } from '../validate.js';

const codeParam = z.string().regex(/^[A-Z2-9]{8}$/, 'a class code of 8 letters and digits');
// Names and titles are shown to others: printable text only, bounded in length.
const text = (max: number) =>
  z
    .string()
    .trim()
    .min(1)
    .max(max)
    .regex(/^[^\p{C}]*$/u, 'printable text');
const createSchema = z.strictObject({ title: text(100) });
const joinSchema = z.strictObject({ name: text(40) });

/** The bearer token of a request, if any. */
function tokenOf(req: Request): string | undefined {
  const m = /^Bearer ([A-Za-z0-9_-]{1,100})$/.exec(req.get('authorization') ?? '');
  return m?.[1];
}

/** Store errors in the API's error shape. */
function guard<T>(fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    if (err instanceof ClassError) throw new HttpError(err.status, err.code, err.message);
    throw err;
  }
}

export function classRoutes(ctx: AppContext): Router {
  const router = Router();
  const code = (req: Request) => parseWith(codeParam, req.params.code, 'class code');
  const claimsAsked = () => ctx.forecasts.catalogue('icd203').claims.filter((c) => c.question !== null);

  /** What a participant sees: the claims and their entries; after the reveal, everyone's forecasts and the scores. */
  const view = async (classCode: string, p: Participant) => {
    const info = guard(() => ctx.classes.info(classCode));
    const claims = claimsAsked().map((c) => ({
      id: c.id,
      who: c.who,
      role: c.role,
      date: c.date,
      seed: c.seed,
      quote: c.quote,
      question: c.question,
    }));
    const base = {
      class: info,
      participant: { name: p.name, revealed: p.revealedAt !== null, entries: p.entries },
      claims,
    };
    if (p.revealedAt === null) return base;
    const report = await ctx.forecasts.scores('icd203');
    const asked = new Set(claims.map((c) => c.id));
    return {
      ...base,
      revealed: {
        claims: report.claims.filter((c) => asked.has(c.id)),
        scores: participantScores(report.claims, p.entries),
        references: Object.fromEntries(
          ['model', 'experts', 'base-rate', 'no-change'].map((k) => [k, report.scores[k] ?? null]),
        ),
      },
    };
  };

  router.post('/classes', (req, res) => {
    const { title } = parseBody(createSchema, req);
    const { info, instructorToken } = guard(() => ctx.classes.create(title));
    res
      .status(201)
      .json({ class: info, instructorToken, links: { join: `/forecasts.html?class=${info.code}` } });
  });

  router.post('/classes/:code/join', (req, res) => {
    const classCode = code(req);
    const { name } = parseBody(joinSchema, req);
    const { participant, token } = guard(() => ctx.classes.join(classCode, name));
    res.status(201).json({ participant: { name: participant.name }, token });
  });

  router.get('/classes/:code/me', async (req, res) => {
    const classCode = code(req);
    const p = guard(() => ctx.classes.participantOf(classCode, tokenOf(req)));
    res.json(await view(classCode, p));
  });

  router.put('/classes/:code/entries', (req, res) => {
    const classCode = code(req);
    const p = guard(() => ctx.classes.participantOf(classCode, tokenOf(req)));
    const ids = claimsAsked().map((c) => c.id) as [string, ...string[]];
    const schema = z.strictObject({ entries: z.partialRecord(z.enum(ids), z.number().min(0).max(1)) });
    const { entries } = parseBody(schema, req);
    const clean = Object.fromEntries(Object.entries(entries).filter(([, v]) => v !== undefined)) as Record<
      string,
      number
    >;
    const updated = guard(() => ctx.classes.setEntries(p, clean));
    res.json({ participant: { name: updated.name, revealed: false, entries: updated.entries } });
  });

  router.post('/classes/:code/reveal', async (req, res) => {
    const classCode = code(req);
    const p = guard(() => ctx.classes.participantOf(classCode, tokenOf(req)));
    res.json(
      await view(
        classCode,
        guard(() => ctx.classes.reveal(p)),
      ),
    );
  });

  const instructorView = async (req: Request) => {
    const classCode = code(req);
    guard(() => ctx.classes.checkInstructor(classCode, tokenOf(req)));
    const report = await ctx.forecasts.scores('icd203');
    const entrants = ctx.classes
      .participants(classCode)
      .map((p) => ({ name: p.name, revealed: p.revealedAt !== null, entries: p.entries }));
    return { classCode, report, entrants };
  };

  router.get('/classes/:code', async (req, res) => {
    const { classCode, report, entrants } = await instructorView(req);
    res.json({
      class: guard(() => ctx.classes.info(classCode)),
      ...classReport(report.claims, entrants),
      references: Object.fromEntries(
        ['model', 'experts', 'base-rate'].map((k) => [k, report.scores[k] ?? null]),
      ),
      links: { csv: `/api/classes/${classCode}/export.csv` },
    });
  });

  router.get('/classes/:code/export.csv', async (req, res) => {
    const { classCode, report, entrants } = await instructorView(req);
    res
      .type('text/csv; charset=utf-8')
      .attachment(`class-${classCode}.csv`)
      .send(classCsv(report.claims, entrants));
  });
  return router;
}
