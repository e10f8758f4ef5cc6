/**
 * Where the source documents behind the Central Asia model live, for the tests that check quotes against
 * them. A user's clone has none, so those tests skip with a reason that says how to run them; CI sets
 * OXUS_REQUIRE_SOURCES=1, which turns a missing folder into a failure instead.
 *
 * OXUS_SEEDS   the seed articles (`<id>_*.txt`), default ../shared/seeds beside the repository
 * OXUS_DOMAIN  the domain pack (`*.md`), default ../shared/domain beside the repository
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root: tests are compiled to dist/test/support/. */
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

export interface SourceFolder {
  /** Absolute path of the folder. */
  readonly dir: string;
  /** `false` when the tests may run; otherwise the one-line reason they skip. */
  readonly skip: false | string;
}

/** True when CI asks for the documents to be present (a missing folder then fails instead of skipping). */
export const sourcesRequired = (env: NodeJS.ProcessEnv = process.env): boolean =>
  env.OXUS_REQUIRE_SOURCES === '1';

/** Resolves one source folder from its variable (relative to the working directory) or its default. */
export function sourceFolder(
  variable: 'OXUS_SEEDS' | 'OXUS_DOMAIN',
  fallback: string,
  env: NodeJS.ProcessEnv = process.env,
): SourceFolder {
  const given = env[variable];
  const dir = given ? resolve(given) : resolve(ROOT, fallback);
  if (existsSync(dir) || sourcesRequired(env)) return { dir, skip: false };
  const shown = given ? dir : fallback;
  return {
    dir,
    skip: `no ${shown} folder: set ${variable}=<folder> to run the checks that need it`,
  };
}

export const SEEDS = sourceFolder('OXUS_SEEDS', '../shared/seeds');
export const DOMAIN = sourceFolder('OXUS_DOMAIN', '../shared/domain');
