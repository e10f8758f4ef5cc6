/**
 * Helpers for the server tests: a temporary folder with small models and scenarios (so the tests do not
 * depend on the bundled Central Asia model, except where they compare with it on purpose), an app built
 * on it, and an SSE reader for supertest.
 */
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before } from 'node:test';
import type { Express } from 'express';
import type { Response } from 'superagent';
import { type CreateAppOptions, closeApp, createApp } from '../../src/server/app.js';
import { repoPath } from './build.js';

export interface Fixture {
  readonly root: string;
  readonly modelsDir: string;
  readonly scenariosDir: string;
  readonly dbPath: string;
  cleanup(): void;
}

/** Random walks of 40 cells for 100 years: slow enough (at 20,000 runs) to cancel, small in memory. */
const BUSY_MODEL = `oxus: 1
model: busy
title: Many noisy cells (a slow test workload)
time: { start: 2000, end: 2100, step: year }
entities:
  cell: [${Array.from({ length: 40 }, (_, i) => `C${i + 1}`).join(', ')}]
parameters:
  drift: { value: 0.01, unit: 1/year, range: [-1, 1], sources: [{ judgment: "test workload" }] }
state:
  x: { for: cell, unit: index, initial: 0 }
rules:
  walk: { for: cell, target: x, add: "drift + rnorm(0, 1)", sources: [{ judgment: "test workload" }] }
outputs:
  total: { kind: series, expr: "sumOf(x)", unit: index, label: Sum of the cells }
`;

export const SCENARIOS: Record<string, string> = {
  'logistic-base.yaml': `oxus: 1
scenario: logistic_base
title: Logistic base
question: How does the stock grow?
model: ../models/logistic.yaml
runs: 200
seed: 7
snapshots: [2020, 2040]
`,
  'logistic-fast.yaml': `oxus: 1
scenario: logistic_fast
title: Logistic, fast growth
question: What if growth is fast?
extends: logistic-base.yaml
parameters:
  r: 0.14
`,
  'busy.yaml': `oxus: 1
scenario: busy
title: Busy
question: How long does it take?
model: ../models/busy.yaml
runs: 20000
seed: 1
`,
};

/** A temporary folder with models/ and scenarios/ and a database path. */
export function makeFixture(): Fixture {
  const root = mkdtempSync(join(tmpdir(), 'oxus-server-'));
  const modelsDir = join(root, 'models');
  const scenariosDir = join(root, 'scenarios');
  mkdirSync(modelsDir);
  mkdirSync(scenariosDir);
  copyFileSync(repoPath('models', 'logistic-reference.yaml'), join(modelsDir, 'logistic.yaml'));
  writeFileSync(join(modelsDir, 'busy.yaml'), BUSY_MODEL);
  for (const [name, text] of Object.entries(SCENARIOS)) writeFileSync(join(scenariosDir, name), text);
  return {
    root,
    modelsDir,
    scenariosDir,
    dbPath: join(root, 'data', 'oxus.sqlite'),
    cleanup: () => rmSync(root, { recursive: true, force: true }),
  };
}

export interface TestApp {
  readonly app: Express;
  /** Unexpected errors the app logged (a test can assert there were none). */
  readonly errors: unknown[];
  /** Stops the app as SIGTERM would; resolves once its database is closed (so another app may open it). */
  close(): Promise<void>;
}

/** An app on the fixture's folders (or others: several of each); `close` stops its engine host. */
export async function makeApp(
  f: Pick<CreateAppOptions, 'modelsDir' | 'scenariosDir' | 'dbPath'>,
  options: Partial<CreateAppOptions> = {},
): Promise<TestApp> {
  const errors: unknown[] = [];
  const app = await createApp({
    modelsDir: f.modelsDir,
    scenariosDir: f.scenariosDir,
    dbPath: f.dbPath,
    workers: 1,
    log: (err) => errors.push(err),
    ...options,
  });
  return { app, errors, close: () => closeApp(app) };
}

/** The app a suite shares, built in its `before` hook: read its fields inside tests, not at definition. */
export interface SuiteApp {
  readonly app: Express;
  readonly errors: unknown[];
  readonly fixture: Fixture;
}

/**
 * One app for the enclosing suite: a fresh fixture and an app on it before the tests, both gone after.
 * `prepare` may add files to the fixture before the app reads its folders.
 */
export function useTestApp(
  options: Partial<CreateAppOptions> = {},
  prepare: (fixture: Fixture) => void = () => {},
): SuiteApp {
  let fixture: Fixture | undefined;
  let made: TestApp | undefined;
  before(async () => {
    fixture = makeFixture();
    prepare(fixture);
    made = await makeApp(fixture, options);
  });
  after(async () => {
    await made?.close();
    fixture?.cleanup();
  });
  const ready = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('useTestApp: the suite app is read before its before hook ran');
    return value;
  };
  return {
    get app() {
      return ready(made).app;
    },
    get errors() {
      return ready(made).errors;
    },
    get fixture() {
      return ready(fixture);
    },
  };
}

/** A supertest parser that keeps a streamed body (server-sent events) as text. */
export function textParser(res: Response, done: (err: Error | null, body: string) => void): void {
  let text = '';
  res.setEncoding('utf8');
  res.on('data', (chunk: string) => {
    text += chunk;
  });
  res.on('end', () => done(null, text));
}

/** The events of an SSE stream: `[{event, data}]`. */
export function parseEvents(text: string): { event: string; data: unknown }[] {
  return text
    .split('\n\n')
    .map((frame) => {
      const event = /^event: (.*)$/m.exec(frame)?.[1];
      const data = /^data: (.*)$/m.exec(frame)?.[1];
      return event !== undefined && data !== undefined
        ? { event, data: JSON.parse(data) as unknown }
        : undefined;
    })
    .filter((e) => e !== undefined);
}

/** The JSON error shape every error answer has. */
export function assertErrorShape(body: unknown): {
  code: string;
  message: string;
  path: string;
  problems?: { code: string; path: string; message: string; expected?: string; found?: string }[];
} {
  const error = (body as { error?: unknown }).error as { code: string; message: string; path: string };
  if (
    typeof error?.code !== 'string' ||
    typeof error.message !== 'string' ||
    typeof error.path !== 'string'
  ) {
    throw new Error(`not an API error: ${JSON.stringify(body)}`);
  }
  return error;
}
