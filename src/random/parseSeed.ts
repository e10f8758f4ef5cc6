/**
 * What a seed is, defined once for scenario files, the CLI, the HTTP API and the web UI: a whole number
 * from −(2^53 − 1) to 2^53 − 1, or a text of 1 to 100 characters used exactly as written. A text that reads
 * as a number but is not written as a plain whole number (`01`, `1.0`, `+1`, `1e3`, ` 1`) is refused,
 * because it is unclear whether the number or the text was meant; the plain form is suggested where there
 * is one. A plain whole-number text is that number: `"42"` and `42` are the same seed (seeds hash by text).
 * In YAML and JSON a number is a number, so `seed: 1.0` is the whole number 1.
 *
 * Imports nothing: the web UI loads this module as it is.
 */
export type Seed = number | string;

export const MAX_SEED_LENGTH = 100;

export const SEED_EXPECTED = 'a whole number such as 42, or a text such as class-a';

export type SeedReading = { readonly seed: Seed } | { readonly problem: string };

const PLAIN_INTEGER = /^-?(0|[1-9]\d*)$/;

/** Reads a seed given as a number or a text by the one rule above. */
export function readSeed(value: number | string): SeedReading {
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value))
      return { problem: `${value} is not a whole number within ±9,007,199,254,740,991` };
    return { seed: value === 0 ? 0 : value };
  }
  if (value.length === 0) return { problem: 'the seed is empty' };
  if (value.length > MAX_SEED_LENGTH)
    return { problem: `a text seed has at most ${MAX_SEED_LENGTH} characters, found ${value.length}` };
  if (PLAIN_INTEGER.test(value)) {
    const n = Number(value);
    if (!Number.isSafeInteger(n)) return { problem: `${value} is beyond ±9,007,199,254,740,991` };
    return { seed: n === 0 ? 0 : n };
  }
  const shown = JSON.stringify(value);
  if (value.trim() !== value) return { problem: `${shown} has spaces before or after it` };
  const asNumber = Number(value);
  if (Number.isFinite(asNumber)) {
    const plain = Number.isSafeInteger(asNumber) ? `: write ${asNumber === 0 ? 0 : asNumber}` : '';
    return { problem: `${shown} reads as a number but is not written as a plain whole number${plain}` };
  }
  return { seed: value };
}

/**
 * The seed as a user types it (web form): the seed it names, or the text unchanged when the rule refuses
 * it, so that the server refuses it with the rule's message. The CLI uses `readSeed` and refuses at once.
 */
export function parseSeed(text: string): Seed {
  const reading = readSeed(text);
  return 'seed' in reading ? reading.seed : text;
}
