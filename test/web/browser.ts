/**
 * The harness of the browser tests (not a test file itself): one server on the bundled models and one
 * headless Chromium per test file, and for each test a fresh browser context and page, so that one failing
 * test leaves nothing behind for the next. Every page error of the test (uncaught exceptions, console
 * errors, server errors) is collected, and the test fails listing all of them. Screenshots go to
 * test-artifacts/. Without /usr/bin/chromium the tests fail (install it with `apt-get install chromium`);
 * they never skip.
 *
 * Usage, in a file of its own under test/web/:
 *
 *   browserSuite('my view', (ui) => {
 *     ui.test('draws the numbers', async ({ page, api, results }) => {
 *       await page.goto(`${ui.base}/?scenario=baseline-2016&runs=100&run=1`);
 *       ...
 *     });
 *   });
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { ARGS, ARTIFACTS, CHROMIUM, serveBundled } from './uiSession.js';

export { ARTIFACTS };

/** Longest wait for one step in a page (a run of a few hundred runs takes a second or two). */
export const STEP_TIMEOUT = 120_000;
/** Longest a whole browser test may take, so a hung test fails on its own and the next one starts. */
const TEST_TIMEOUT = 240_000;

/** The browser globals the page functions use (this project compiles without the DOM library). */
export interface Page$ {
  readonly document: {
    querySelector(
      s: string,
    ): { textContent: string | null; getBoundingClientRect(): { top: number; height: number } } | null;
    querySelectorAll(s: string): { length: number };
    readonly activeElement: { id: string } | null;
    readonly documentElement: { scrollWidth: number };
  };
  readonly innerWidth: number;
  readonly scrollY: number;
  getComputedStyle(e: unknown): { opacity: string };
  readonly Chart: { getChart(c: unknown): ChartInstance | undefined };
}

/** The part of a Chart.js chart instance the tests read. */
interface ChartInstance {
  readonly config: { type: string };
  readonly options: {
    plugins: { title: { text: string | string[] }; subtitle: { text: string | string[] } };
    scales: Record<string, { type?: string; min?: number; max?: number; title: { text: string | string[] } }>;
  };
  readonly data: {
    labels: unknown[];
    datasets: { label: string; data: unknown[]; borderDash?: number[]; borderWidth?: number }[];
  };
}

/** A chart as drawn, read from its Chart.js instance: the numbers it was given, not its pixels. */
export interface DrawnChart {
  readonly title: string;
  /** The subtitle as one line (the run, its edits, what the chart shows). */
  readonly subtitle: string;
  /** The y-axis: its scale type ('linear', 'logarithmic') and its bounds where set. */
  readonly y: { type: string; title: string; min?: number; max?: number };
  /** The note under the chart (which lines hide others), '' when there is none. */
  readonly note: string;
  readonly type: string;
  readonly labels: unknown[];
  readonly datasets: { label: string; data: unknown[]; dash: string; width: number }[];
}

/**
 * Every chart under `selector`, in document order, with the title as one line (the page wraps long titles
 * into lines at spaces). A canvas without a chart comes back as null.
 */
export async function chartsIn(page: Page, selector: string): Promise<(DrawnChart | null)[]> {
  return page.$$eval(`${selector} canvas`, (canvases) =>
    canvases.map((canvas) => {
      const chart = (globalThis as unknown as Page$).Chart.getChart(canvas);
      if (!chart) return null;
      const line = (t: string | string[]) => (Array.isArray(t) ? t.join(' ') : String(t));
      const y = chart.options.scales.y;
      return {
        title: line(chart.options.plugins.title.text),
        subtitle: line(chart.options.plugins.subtitle.text),
        y: {
          type: y?.type ?? 'linear',
          title: line(y?.title.text ?? ''),
          ...(y?.min !== undefined ? { min: y.min } : {}),
          ...(y?.max !== undefined ? { max: y.max } : {}),
        },
        type: chart.config.type,
        labels: [...chart.data.labels],
        datasets: chart.data.datasets.map((d) => ({
          label: d.label,
          data: [...d.data],
          dash: (d.borderDash ?? []).join(','),
          width: d.borderWidth ?? 0,
        })),
        note:
          (
            canvas as unknown as {
              closest(s: string): { querySelector(s: string): { textContent: string | null } | null } | null;
            }
          )
            .closest('figure')
            ?.querySelector('.chart-note')?.textContent ?? '',
      };
    }),
  );
}

/** Waits until the page says a run (or a comparison) is done and its results are drawn. */
export async function waitForDone(page: Page): Promise<void> {
  await page.waitForFunction(() =>
    /^Done: /.test((globalThis as unknown as Page$).document.querySelector('#status')?.textContent ?? ''),
  );
}

/** What a test gets: its own page, the server's JSON, and the results the page fetched. */
export interface BrowserTest {
  readonly page: Page;
  readonly context: BrowserContext;
  /** GET a path of the server from the test (not through the page) and parse its JSON. */
  api<T = unknown>(path: string): Promise<T>;
  /** GET a path of the server from the test as text. */
  text(path: string): Promise<string>;
  /** Paths of the run results (`/api/runs/ID/result`) the test's pages fetched, in order. */
  results(): string[];
  /** Adds a problem to the test's list (as a page error would be). */
  problem(text: string): void;
  /** Saves a screenshot of `page` (the test's own by default) as test-artifacts/NAME.png; returns its path. */
  shot(name: string, page?: Page): Promise<string>;
}

export interface BrowserSuite {
  /** The server's address, e.g. `http://127.0.0.1:41234`. */
  readonly base: string;
  /** A temporary folder of the suite (downloads, the database), removed at the end. */
  readonly temp: string;
  /**
   * A browser test: a fresh context (own storage) and page at `viewport` (1280×800 by default); fails
   * with every page error, console error and server error (5xx) collected while it ran.
   */
  test(
    name: string,
    body: (t: BrowserTest) => Promise<void>,
    options?: { viewport?: { width: number; height: number } },
  ): void;
}

/** Is this console error the browser's note of a request answered 4xx, which tests assert on their own? */
const CLIENT_ERROR_NOTE = /^Failed to load resource: the server responded with a status of 4\d\d\b/;

/** A server for a suite: its address, and how to stop it. */
export interface SuiteServer {
  readonly base: string;
  stop(): Promise<unknown>;
}

/**
 * Starts the app and Chromium before the tests and stops both after: the app on the bundled models and
 * scenarios, or whatever `options.start` serves (given the suite's temporary folder).
 */
export function browserSuite(
  title: string,
  define: (suite: BrowserSuite) => void,
  options: { readonly start?: (temp: string) => Promise<SuiteServer> } = {},
): void {
  describe(title, () => {
    let server: SuiteServer | undefined;
    let browser: Browser | undefined;
    const stop = new AbortController();
    const temp = mkdtempSync(join(tmpdir(), 'oxus-web-'));
    const suite = {
      base: '',
      temp,
      test: (name, body, options = {}) => {
        it(name, { timeout: TEST_TIMEOUT }, async () => {
          assert.ok(browser, 'the browser started');
          await runTest(browser, suite.base, name, body, options.viewport ?? { width: 1280, height: 800 });
        });
      },
    } satisfies BrowserSuite & { base: string };

    before(async () => {
      if (!existsSync(CHROMIUM)) {
        throw new Error(
          `browser tests need Debian's Chromium at ${CHROMIUM}: install it with \`apt-get install -y chromium\` (these tests do not skip)`,
        );
      }
      mkdirSync(ARTIFACTS, { recursive: true });
      server = await (options.start ?? ((t: string) => bundled(t, stop.signal)))(temp);
      suite.base = server.base;
      browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ARGS });
    });

    after(async () => {
      await browser?.close();
      stop.abort();
      await server?.stop();
      rmSync(temp, { recursive: true, force: true });
    });

    define(suite);
  });
}

/** The app on the bundled folders; stopping it aborts its runs and closes every connection. */
async function bundled(temp: string, signal: AbortSignal): Promise<SuiteServer> {
  const { server, base } = await serveBundled(temp, signal);
  return {
    base,
    stop: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(resolve));
    },
  };
}

/** One test in a context of its own; a failure names every page error and leaves a screenshot. */
async function runTest(
  browser: Browser,
  base: string,
  name: string,
  body: (t: BrowserTest) => Promise<void>,
  viewport: { width: number; height: number },
): Promise<void> {
  const context = await browser.newContext({ viewport, acceptDownloads: true });
  const problems: string[] = [];
  const results: string[] = [];
  const watch = (p: Page) => {
    p.setDefaultTimeout(STEP_TIMEOUT);
    p.on('pageerror', (e) => problems.push(`page error: ${e.stack ?? e.message}`));
    p.on('console', (m) => {
      if (m.type() === 'error' && !CLIENT_ERROR_NOTE.test(m.text()))
        problems.push(`console error: ${m.text()}`);
    });
    p.on('response', (r) => {
      const path = new URL(r.url()).pathname;
      if (r.status() >= 500) problems.push(`server error: ${r.status()} for ${path}`);
      if (/^\/api\/runs\/[^/]+\/result$/.test(path) && r.status() === 200) results.push(path);
    });
  };
  context.on('page', watch);
  const page = await context.newPage();
  const get = async (path: string) => {
    const res = await fetch(`${base}${path}`);
    assert.equal(res.status, 200, `GET ${path}`);
    return res;
  };
  const t: BrowserTest = {
    page,
    context,
    api: async <T>(path: string) => (await (await get(path)).json()) as T,
    text: async (path) => (await get(path)).text(),
    results: () => [...results],
    problem: (text) => problems.push(text),
    shot: async (shotName, of = page) => {
      const path = join(ARTIFACTS, `${shotName}.png`);
      await of.screenshot({ path });
      return path;
    },
  };
  try {
    await body(t);
  } catch (err) {
    await page
      .screenshot({ path: join(ARTIFACTS, `failed-${name.replace(/\W+/g, '-').slice(0, 60)}.png`) })
      .catch(() => undefined);
    if (problems.length && err instanceof Error)
      err.message += `\nand ${problems.length} page problem(s):\n${problems.join('\n')}`;
    throw err;
  } finally {
    await context.close();
  }
  assert.deepEqual(problems, [], `${problems.length} page problem(s) during the test`);
}

/**
 * Asserts that a chart's numbers are the expected ones, to the last bit: the same length first (a
 * truncated series fails), then each value by Object.is (so −0, NaN and null are told apart).
 */
export function assertSameNumbers(
  actual: readonly unknown[],
  expected: readonly unknown[],
  what: string,
): void {
  assert.equal(actual.length, expected.length, `${what}: as many values as expected`);
  const at = actual.findIndex((v, i) => !Object.is(v, expected[i]));
  assert.ok(at < 0, `${what}: value ${at} is ${String(actual[at])}, expected ${String(expected[at])}`);
}
