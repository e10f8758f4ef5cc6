/**
 * Seeded random numbers. Every run draws from its own numbers, derived from (seed, run index) and either a
 * stream id (the rules' stream) or the name of the quantity drawn (parameters, initial values, events), so a
 * run's numbers do not depend on how runs are batched across workers or shards, and a quantity's draws do not
 * depend on the rest of the model.
 * The generator is seedrandom's `tychei` (a ChaCha-derived 128-bit generator), seeded with a 53-bit integer:
 * its integer seeding is cheap (about 0.5 µs), which matters when every run gets fresh streams.
 */
import seedrandom from 'seedrandom';

/** A source of uniform numbers in [0, 1). Everything random in oxus takes one of these. */
export type Uniform = () => number;

/** The per-run stream of the rules' random numbers (parameters, initial values and events are keyed by name). */
export const STREAM_RULES = 2;

/** 32-bit finaliser of MurmurHash3: a bijective mix with good avalanche. */
function fmix32(h: number): number {
  let x = h >>> 0;
  x ^= x >>> 16;
  x = Math.imul(x, 0x85ebca6b);
  x ^= x >>> 13;
  x = Math.imul(x, 0xc2b2ae35);
  x ^= x >>> 16;
  return x >>> 0;
}

/** A 64-bit digest of a seed, as two 32-bit halves. Strings and numbers hash by their text. */
export function seedKey(seed: string | number): readonly [number, number] {
  const text = String(seed);
  // FNV-1a over UTF-16 code units, two lanes with different offsets.
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ 0x9e3779b9;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x01000193 + 2);
  }
  return [fmix32(a ^ text.length), fmix32(b + 0x6a09e667)];
}

/** The 53-bit integer seed of one stream of one run. */
export function streamSeed(key: readonly [number, number], run: number, stream: number): number {
  const lo = run >>> 0;
  const hi = Math.floor(run / 0x100000000) >>> 0;
  const x = fmix32(key[0] ^ fmix32(lo + Math.imul(stream, 0x9e3779b9)));
  const y = fmix32(key[1] ^ fmix32(hi ^ Math.imul(stream + 1, 0x85ebca6b)) ^ x);
  return (y & 0x1fffff) * 0x100000000 + x;
}

/** A uniform stream for one run: `runStream(seedKey(42), 7, STREAM_RULES)`. */
export function runStream(key: readonly [number, number], run: number, stream: number): Uniform {
  // tychei takes an integer seed at run time (its typings say string): integer seeding is the cheap path.
  return (seedrandom.tychei as unknown as (seed: number) => Uniform)(streamSeed(key, run, stream));
}

/** What a keyed draw belongs to: the same name in two domains gets unrelated numbers. */
export type DrawDomain = 'parameter' | 'initial' | 'event';

/** The 64-bit key of one named quantity, computed once per plan: `nameKey('parameter', 'IMU.recruit')`. */
export function nameKey(domain: DrawDomain, name: string): readonly [number, number] {
  return seedKey(`${domain}:${name}`);
}

/** First word of a run's key for a name. */
function runNameA(key: readonly [number, number], run: number, name: readonly [number, number]): number {
  return fmix32(key[0] ^ fmix32((run >>> 0) + Math.imul(name[0], 0x9e3779b9)));
}

/** Second word of a run's key for a name, given the first. */
function runNameB(
  key: readonly [number, number],
  run: number,
  name: readonly [number, number],
  a: number,
): number {
  const hi = Math.floor(run / 0x100000000) >>> 0;
  return fmix32(key[1] ^ fmix32(hi ^ name[1]) ^ fmix32(a + 0x6a09e667));
}

/**
 * The key of one named quantity in one run, written as two 32-bit words into `out` at `at` and `at + 1`.
 * It depends on (seed, run, domain, name) only, so adding, removing or reordering other declarations of a
 * model leaves it unchanged.
 */
export function runNameKey(
  key: readonly [number, number],
  run: number,
  name: readonly [number, number],
  out: Uint32Array,
  at: number,
): void {
  const a = runNameA(key, run, name);
  out[at] = a;
  out[at + 1] = runNameB(key, run, name, a);
}

/**
 * The i-th uniform of a keyed draw, a multiple of 2^-32 in [0, 1) (as the streams give): a counter-based
 * generator, two rounds of MurmurHash3's finaliser over (key, i). A parameter or initial value takes i = 0;
 * an event takes i = step. Nothing is consumed, so no draw depends on how many others were taken before it.
 */
export function keyedUniform(a: number, b: number, i: number): number {
  return fmix32(b ^ fmix32(a + Math.imul(i + 1, 0x85ebca6b))) / 0x100000000;
}

/** One named draw of one run: `drawUniform(seedKey(1), 0, nameKey('parameter', 'r'))`. */
export function drawUniform(
  key: readonly [number, number],
  run: number,
  name: readonly [number, number],
  i = 0,
): number {
  const a = runNameA(key, run, name);
  return keyedUniform(a, runNameB(key, run, name, a), i);
}
