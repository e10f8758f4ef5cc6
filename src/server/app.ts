/**
 * The HTTP app: the JSON API under /api and the web UI. `createApp` builds it without listening (see
 * main.ts), so tests drive it in-process with supertest.
 *
 * @example
 *   const app = await createApp({ modelsDir: 'models', scenariosDir: 'scenarios', dbPath: 'oxus.sqlite' });
 *   app.listen(3000);
 */
import express, { type Express } from 'express';
import { admission } from './admission.js';
import { Analyses } from './analyses/analyses.js';
import type { AppContext } from './appContext.js';
import { Catalog } from './catalog.js';
import { Descriptions } from './descriptionCache.js';
import { EngineHost } from './engineHost/host.js';
import { Forecasts } from './forecasts.js';
import { errorHandler, notFound } from './httpErrors.js';
import { type AppOptions, settingsOf } from './options.js';
import { authenticate } from './ownership/access.js';
import { Tokens } from './ownership/tokens.js';
import { hostCheck, jsonChangesOnly, servedNames } from './requestGuards.js';
import { analysisRoutes } from './routes/analyses.js';
import { catalogRoutes } from './routes/catalog.js';
import { classRoutes } from './routes/classes.js';
import { forecastRoutes } from './routes/forecasts.js';
import { historyRoutes } from './routes/history.js';
import { metaRoutes } from './routes/meta.js';
import { modelMapRoutes } from './routes/modelMap.js';
import { runRoutes } from './routes/runs.js';
import { savedRoutes } from './routes/saved.js';
import { teachRoutes } from './routes/teach.js';
import { tokenRoutes } from './routes/tokens.js';
import { RunManager } from './runs/runManager.js';
import { registerShutdown, Shutdown } from './shutdown.js';
import { securityHeaders, staticRoutes } from './static.js';
import { Classes } from './store/classes.js';
import { Database } from './store/database.js';
import { History } from './store/history.js';
import { SavedScenarios } from './store/savedScenarios.js';
import { boundedDepth } from './validate.js';

export type { AppOptions } from './options.js';
export { closeApp } from './shutdown.js';

export interface CreateAppOptions extends AppOptions {
  /** Receives unexpected errors (the app itself never prints). */
  readonly log?: (err: unknown) => void;
  /** The engine host to use (tests pass their own to inject faults); by default a new one. */
  readonly engineHost?: EngineHost;
}

/** Builds the app: opens the database, and starts the engine host on first use. */
export async function createApp(options: CreateAppOptions): Promise<Express> {
  const settings = settingsOf(options);
  const log = options.log ?? (() => {});
  const db = Database.open(settings.dbPath);
  const catalog = new Catalog(settings.modelsDirs, settings.scenariosDirs);
  // Read (and parse) every file's header now, not while the first requests wait: under load, the first
  // listing stalled every request behind it for half a second.
  catalog.list('model');
  catalog.list('scenario');
  const host = options.engineHost ?? new EngineHost();
  const history = new History(db, settings.historyLimit, settings.historyMaxBytes);
  const runs = new RunManager(settings, catalog, host, history, log);
  const ctx: AppContext = {
    settings,
    catalog,
    descriptions: new Descriptions(catalog, host, settings.workers),
    host,
    runs,
    analyses: new Analyses(settings, catalog, host),
    history,
    saved: new SavedScenarios(db),
    forecasts: new Forecasts(settings.forecastsDir, host),
    classes: new Classes(db),
    tokens: new Tokens(db),
  };
  const shutdown = new Shutdown(async () => {
    runs.shutDown();
    // Cancelled runs end and finished ones are stored before the engine host and the database close.
    await runs.drain();
    await host.close();
    db.close();
  });
  settings.signal?.addEventListener('abort', () => void shutdown.begin());

  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  registerShutdown(app, shutdown);
  app.use(securityHeaders);
  app.use(shutdown.gate);
  const api = express.Router();
  api.use((_req, res, next) => {
    res.set('Cache-Control', 'no-store');
    next();
  });
  api.use(hostCheck(servedNames(settings.allowedHosts)));
  api.use(admission(settings.maxActiveRequests, settings.maxStreams));
  api.use(jsonChangesOnly);
  api.use(express.json({ limit: settings.maxBodyBytes, strict: true }));
  api.use(boundedDepth);
  api.use(authenticate(ctx.tokens));
  api.use(metaRoutes(ctx));
  api.use(tokenRoutes(ctx));
  api.use(catalogRoutes(ctx));
  api.use(modelMapRoutes(ctx));
  api.use(runRoutes(ctx));
  api.use(analysisRoutes(ctx));
  api.use(teachRoutes(ctx));
  api.use(historyRoutes(ctx));
  api.use(savedRoutes(ctx));
  api.use(forecastRoutes(ctx));
  api.use(classRoutes(ctx));
  app.use('/api', api);
  app.use(staticRoutes(settings.webDir));
  app.use(notFound);
  app.use(errorHandler(log));
  return app;
}
