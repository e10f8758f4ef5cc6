/**
 * Seeded random streams. Every run draws from its own streams, derived from (seed, run index, stream id),
 * so a run's numbers do not depend on how runs are batched across workers or shards.
 * The generator is seedrandom's `tychei` (a ChaCha-derived 128-bit generator), seeded with a 53-bit integer:
 * its integer seeding is cheap (about 0.5 µs), which matters when every run gets fresh streams.
 */
import seedrandom from 'seedrandom';

/** A source of uniform numbers in [0, 1). Everything random in oxus takes one of these. */
export type Uniform = () => number;

/** Streams of a run: parameters and events consume a fixed count of numbers; rules a variable count. */
export const STREAM_PARAMS_EVENTS = 1;
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
