/**
 * A browser session for the UI tests: the app on a free port with the bundled models, headless Chromium
 * (Debian's package, driven by playwright-core), every page error collected, and screenshots saved to
 * test-artifacts/. Without /usr/bin/chromium these tests fail with a message saying how to install it.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before } from 'node:test';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { createApp } from '../../src/server/app.js';
import { repoPath } from '../support/build.js';

export const CHROMIUM = '/usr/bin/chromium';
export const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
export const ARTIFACTS = repoPath('test-artifacts');
/** Generous: the machine is shared and the page runs real simulations. */
export const RUN_TIMEOUT = 180_000;

export interface UiSession {
  readonly base: string;
  readonly context: BrowserContext;
  /** Uncaught errors of every page opened in the session. */
  readonly errors: string[];
  page(width?: number, height?: number): Promise<Page>;
  shot(page: Page, name: string): Promise<string>;
  close(): Promise<void>;
}

/** The app on the bundled models and scenarios, its database in `temp`, listening on a free local port. */
export async function serveBundled(
  temp: string,
  signal: AbortSignal,
): Promise<{ server: Server; base: string }> {
  const app = await createApp({
    modelsDir: repoPath('models'),
    scenariosDir: repoPath('scenarios'),
    dbPath: join(temp, 'oxus.sqlite'),
    workers: 1,
    signal,
  });
  const server: Server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  return { server, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

export async function openSession(): Promise<UiSession> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `browser tests need Debian's Chromium at ${CHROMIUM}: install it with \`apt-get install -y chromium\``,
    );
  }
  mkdirSync(ARTIFACTS, { recursive: true });
  const temp = mkdtempSync(join(tmpdir(), 'oxus-ui-'));
  const stop = new AbortController();
  const { server, base } = await serveBundled(temp, stop.signal);
  const context = await chromium.launchPersistentContext(join(temp, 'profile'), {
    executablePath: CHROMIUM,
    headless: true,
    args: ARGS,
    viewport: { width: 1280, height: 800 },
    acceptDownloads: true,
  });
  const errors: string[] = [];
  context.on('page', (p) => p.on('pageerror', (e) => errors.push(e.message)));
  return {
    base,
    context,
    errors,
    async page(width = 1280, height = 800) {
      const page = await context.newPage();
      page.setDefaultTimeout(RUN_TIMEOUT);
      await page.setViewportSize({ width, height });
      return page;
    },
    async shot(page, name) {
      const path = join(ARTIFACTS, `${name}.png`);
      await page.screenshot({ path });
      return path;
    },
    async close() {
      await context.close();
      stop.abort();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      rmSync(temp, { recursive: true, force: true });
    },
  };
}

/** The browser globals the tests read (this project compiles without the DOM library). */
export interface Page$ {
  readonly document: {
    querySelector(s: string): { textContent: string | null; getBoundingClientRect(): { top: number } } | null;
    readonly activeElement: { id: string } | null;
  };
  readonly scrollY: number;
  getComputedStyle(e: unknown): { opacity: string };
  readonly Chart: {
    getChart(c: unknown):
      | {
          data: { datasets: { label: string; data: unknown[]; hidden?: boolean }[] };
          options: {
            scales: Record<
              string,
              { type?: string; title: { text: string | string[] }; min?: number; max?: number }
            >;
          };
        }
      | undefined;
  };
}

/**
 * A session for one `describe` block, opened before its tests on `path` (drivers loaded) and closed after.
 * Read `ui` and `page` inside the tests (they are set once the block starts).
 */
export function sessionFor(path: string): { readonly ui: UiSession; readonly page: Page } {
  const s = {} as { ui: UiSession; page: Page };
  before(async () => {
    s.ui = await openSession();
    s.page = await s.ui.page();
    await s.page.goto(`${s.ui.base}${path}`);
    await s.page.waitForSelector('#drivers .param', { state: 'attached' });
  });
  after(async () => {
    await s.ui?.close();
  });
  return s;
}
