/** What the route groups share: settings, the catalog of bundled files, the engine and the stores. */
import type { Analyses } from './analyses/analyses.js';
import type { Catalog } from './catalog.js';
import type { Descriptions } from './descriptionCache.js';
import type { EngineHost } from './engineHost/host.js';
import type { Forecasts } from './forecasts.js';
import type { Settings } from './options.js';
import type { Tokens } from './ownership/tokens.js';
import type { RunManager } from './runs/runManager.js';
import type { Classes } from './store/classes.js';
import type { History } from './store/history.js';
import type { SavedScenarios } from './store/savedScenarios.js';

export interface AppContext {
  readonly settings: Settings;
  readonly catalog: Catalog;
  readonly descriptions: Descriptions;
  /** The engine host thread, for the jobs no store wraps (the model map). */
  readonly host: EngineHost;
  readonly runs: RunManager;
  readonly analyses: Analyses;
  readonly history: History;
  readonly saved: SavedScenarios;
  readonly forecasts: Forecasts;
  readonly classes: Classes;
  readonly tokens: Tokens;
}
