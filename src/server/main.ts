/**
 * `npm start`: serves the web UI and the API on http://localhost:3000 (or `PORT`), with the bundled models
 * and scenarios; saved scenarios and history go to `OXUS_DB` (default data/oxus.sqlite). SIGTERM or
 * SIGINT stops it gracefully (serve.ts).
 */
import { resolve } from 'node:path';
import { REPO_ROOT } from './options.js';
import { serve, stopOnSignals } from './serve.js';
import { StoreError } from './store/database.js';

const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST ?? '127.0.0.1';

const served = await serve({
  port,
  host,
  modelsDir: resolve(REPO_ROOT, 'models'),
  scenariosDir: resolve(REPO_ROOT, 'scenarios'),
  dbPath: resolve(process.env.OXUS_DB ?? resolve(REPO_ROOT, 'data', 'oxus.sqlite')),
  // Names besides loopback and this machine's own that browsers may use to reach the server.
  allowedHosts: [host, ...(process.env.OXUS_ALLOWED_HOSTS ?? '').split(',').filter(Boolean)],
  log: (err) => console.error(err),
}).catch((err: unknown) => {
  // A database that cannot be used is the user's to fix: its message names the file and says how.
  if (err instanceof StoreError) console.error(`oxus: ${err.message}`);
  else if ((err as { syscall?: string }).syscall === 'listen')
    console.error(`oxus: cannot listen on ${host}:${port}: ${(err as Error).message}`);
  else throw err;
  process.exit(1);
});
stopOnSignals(served, (line) => console.error(line));
console.log(`oxus: ${served.url}`);
