/**
 * `npm start`: serves the web UI and the API on http://localhost:3000 (or `PORT`), with the bundled models
 * and scenarios; saved scenarios and history go to `OXUS_DB` (default data/oxus.sqlite).
 */
import { resolve } from 'node:path';
import { createApp } from './app.js';
import { REPO_ROOT } from './options.js';
import { StoreError } from './store/database.js';

const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST ?? '127.0.0.1';
const shutdown = new AbortController();

const app = await createApp({
  modelsDir: resolve(REPO_ROOT, 'models'),
  scenariosDir: resolve(REPO_ROOT, 'scenarios'),
  dbPath: resolve(process.env.OXUS_DB ?? resolve(REPO_ROOT, 'data', 'oxus.sqlite')),
  // Names besides loopback and this machine's own that browsers may use to reach the server.
  allowedHosts: [host, ...(process.env.OXUS_ALLOWED_HOSTS ?? '').split(',').filter(Boolean)],
  signal: shutdown.signal,
  log: (err) => console.error(err),
}).catch((err: unknown) => {
  // A database that cannot be used is the user's to fix: its message names the file and says how.
  if (!(err instanceof StoreError)) throw err;
  console.error(`oxus: ${err.message}`);
  process.exit(1);
});
const server = app.listen(port, host, () => {
  console.log(`oxus: http://${host === '0.0.0.0' ? 'localhost' : host}:${port}/`);
});
server.on('error', (err) => {
  console.error(`oxus: cannot listen on ${host}:${port}: ${err.message}`);
  process.exit(1);
});
for (const sig of ['SIGINT', 'SIGTERM'] as const) {
  process.on(sig, () => {
    shutdown.abort();
    server.close(() => process.exit(0));
    server.closeAllConnections();
  });
}
