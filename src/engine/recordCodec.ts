/**
 * Lossless compact encoding of a segment of per-run records (a block of consecutive runs). Each column (one
 * channel at one date, over the segment's runs) takes the smallest of these forms that holds its values
 * exactly:
 *
 * - `CONST`: every run has the same value (bit for bit, −0 and NaN included): one double;
 * - `BITS`: a threshold's or event's flags, 0 or 1 (a non-zero record is stored as 1, which is what the
 *   summaries have always counted as fired): one bit a run;
 * - `INT8`, `INT16`, `INT32`: whole numbers (counts, member indices; −0 excluded) in one, two or four bytes,
 *   with the few runs whose value is not such a number (a group's fractional strength at its first date,
 *   say) kept as exceptions: their index and their double;
 * - `F56`: doubles of one sign whose binary exponents lie within 16 of each other (a threat index between
 *   290 and 5,200, a share between 0.02 and 0.9): the low 32 bits of each, and 24 bits holding the top 20
 *   bits of its mantissa and its exponent's distance from the column's least, in 7 bytes;
 * - `F64`: doubles.
 *
 * Decoding gives back every value bit for bit, whatever the segments' sizes, so results do not depend on
 * how runs were split into blocks, workers or shards. Of the Central Asia model's 136 channels at 41 dates,
 * 61 series are stored in 7.5 KB a run instead of 20 KB, and its 74 flags in 380 bytes instead of 3 KB.
 *
 * A segment is one SharedArrayBuffer (so a worker hands it to the main thread, and the main thread to the
 * threads that summarise it, without a copy): byte offsets of the columns
 * (Uint32, columns + 1), exception counts (Uint32, columns), codes (Uint8, columns), then each column's data
 * at an offset that is a multiple of 8 (exceptions' doubles, their run indices, then the whole numbers).
 */

export const CONST = 0;
export const BITS = 1;
export const INT8 = 2;
export const INT16 = 3;
export const INT32 = 4;
export const F64 = 5;
export const F56 = 6;

/** How a channel's records are read: a series value, a flag (0 or 1), a leader's member index. */
export const SERIES = 0;
export const FLAG = 1;
export const LEADER = 2;

/** A segment's buffer with its views, made once per segment. */
export interface Segment {
  readonly runs: number;
  /** Shared, so that summaries can be computed from it in other threads without a copy. */
  readonly buffer: ArrayBufferLike;
  readonly offsets: Uint32Array;
  readonly exceptions: Uint32Array;
  readonly codes: Uint8Array;
  readonly f64: Float64Array;
  readonly u32: Uint32Array;
  readonly i32: Int32Array;
  readonly i16: Int16Array;
  readonly i8: Int8Array;
  readonly u8: Uint8Array;
}

const align8 = (n: number) => (n + 7) & ~7;

/** A double's two 32-bit words, low word first whatever the platform's byte order. */
const scratch = new Float64Array(1);
const words = new Uint32Array(scratch.buffer);
const LITTLE = new Uint8Array(Uint16Array.of(1).buffer)[0] === 1;
const LO = LITTLE ? 0 : 1;
const HI = 1 - LO;

const headerBytes = (columns: number) => align8(4 * (columns + 1) + 4 * columns + columns);

/** The views of a segment's buffer of `runs` runs and `columns` columns. */
export function segmentOf(buffer: ArrayBufferLike, runs: number, columns: number): Segment {
  return {
    runs,
    buffer,
    offsets: new Uint32Array(buffer, 0, columns + 1),
    exceptions: new Uint32Array(buffer, 4 * (columns + 1), columns),
    codes: new Uint8Array(buffer, 8 * columns + 4, columns),
    f64: new Float64Array(buffer, 0, buffer.byteLength >>> 3),
    u32: new Uint32Array(buffer, 0, buffer.byteLength >>> 2),
    i32: new Int32Array(buffer, 0, buffer.byteLength >>> 2),
    i16: new Int16Array(buffer, 0, buffer.byteLength >>> 1),
    i8: new Int8Array(buffer),
    u8: new Uint8Array(buffer),
  };
}

/**
 * Where a segment's values come from: either the engine's point-major block, where run i of the column of
 * channel c at point k is `block[(c · points + k) · runs + i]`, or run-major arrays, one per channel, where
 * channel c's value in run i (0 … runs − 1) at point k is `sources[c][bases[c] + i · stride + k]`.
 */
export type SegmentSource =
  | { readonly block: Float64Array }
  | {
      readonly sources: readonly ArrayLike<number>[];
      readonly bases: readonly number[];
      readonly stride: number;
    };

const isWhole = (x: number) =>
  x === Math.trunc(x) && x >= -2147483648 && x <= 2147483647 && (x !== 0 || 1 / x > 0);
const same = (x: number, y: number) =>
  x === y ? x !== 0 || 1 / x === 1 / y : Number.isNaN(x) && Number.isNaN(y);

/** A scratch segment of the largest size a block can need, reused block after block (one per thread). */
let work = segmentOf(new ArrayBuffer(8), 0, 0);
/** One run-major channel's values copied point-major: `column[k · runs + i]`. */
let column = new Float64Array(0);

/**
 * Encodes `runs` runs of channels of the given kinds (SERIES, FLAG, LEADER) at `points` points. Each column
 * is read where it lies in a point-major block, or copied point-major from run-major arrays first, then
 * measured and written in tight loops into a scratch buffer; the segment is the used part of it.
 */
export function encodeSegment(kinds: Uint8Array, points: number, runs: number, src: SegmentSource): Segment {
  const columns = kinds.length * points;
  const header = headerBytes(columns);
  const most = header + columns * (8 * runs + 8);
  if (work.buffer.byteLength < most) work = segmentOf(new ArrayBuffer(most), runs, columns);
  const block = 'block' in src ? src.block : undefined;
  const runMajor = 'block' in src ? undefined : src;
  if (runMajor && column.length < points * runs) column = new Float64Array(points * runs);
  const codes = new Uint8Array(columns);
  const offsets = new Uint32Array(columns + 1);
  const exceptions = new Uint32Array(columns);
  let offset = header;
  for (let c = 0; c < kinds.length; c++) {
    if (runMajor) {
      const v = runMajor.sources[c]!;
      for (let i = 0; i < runs; i++) {
        const at = runMajor.bases[c]! + i * runMajor.stride;
        for (let k = 0; k < points; k++) column[k * runs + i] = v[at + k]!;
      }
    }
    const values = block ?? column;
    for (let k = 0; k < points; k++) {
      const col = c * points + k;
      offsets[col] = offset;
      const from = block ? col * runs : k * runs;
      const [code, size, odd] =
        kinds[c] === FLAG ? writeFlags(values, from, runs, offset) : writeNumbers(values, from, runs, offset);
      codes[col] = code;
      exceptions[col] = odd;
      offset += size;
    }
  }
  offsets[columns] = offset;
  const buffer = new SharedArrayBuffer(offset);
  // Copied a word at a time in this loop: TypedArray#set into a shared buffer copies with relaxed atomics,
  // which took most of this function's time in the engine's threads. (offset is a multiple of 8.)
  const to = new Int32Array(buffer);
  const from = work.i32;
  for (let i = 0, n = offset >>> 2; i < n; i++) to[i] = from[i]!;
  const s = segmentOf(buffer, runs, columns);
  s.offsets.set(offsets);
  s.exceptions.set(exceptions);
  s.codes.set(codes);
  return s;
}

/** Writes a flag column (column[from … from + runs − 1]) at byte `off` of the scratch segment. */
function writeFlags(
  column: Float64Array,
  from: number,
  runs: number,
  off: number,
): [code: number, size: number, odd: number] {
  const first = column[from]! !== 0;
  let varies = false;
  for (let i = 1; i < runs && !varies; i++) varies = (column[from + i]! !== 0) !== first;
  if (!varies) {
    work.f64[off >>> 3] = column[from]!;
    return [CONST, 8, 0];
  }
  const u8 = work.u8;
  const size = align8((runs + 7) >>> 3);
  u8.fill(0, off, off + size);
  for (let i = 0; i < runs; i++) if (column[from + i]! !== 0) u8[off + (i >>> 3)]! |= 1 << (i & 7);
  return [BITS, size, 0];
}

/** Writes a series or leader column in the smallest exact form; returns the form, its bytes, its exceptions. */
function writeNumbers(
  column: Float64Array,
  from: number,
  runs: number,
  off: number,
): [code: number, size: number, odd: number] {
  const first = column[from]!;
  let varies = false;
  let odd = 0;
  let lo = 0;
  let hi = 0;
  let sign = -1;
  let eLo = 2048;
  let eHi = -1;
  for (let i = 0; i < runs; i++) {
    const x = column[from + i]!;
    if (!varies && !same(x, first)) varies = true;
    if (isWhole(x)) {
      if (x < lo) lo = x;
      else if (x > hi) hi = x;
    } else {
      odd++;
      scratch[0] = x;
      const h = words[HI]!;
      const e = (h >>> 20) & 0x7ff;
      if (sign === -1) sign = h >>> 31;
      else if (sign !== h >>> 31) sign = 2;
      if (e < eLo) eLo = e;
      if (e > eHi) eHi = e;
    }
  }
  const { f64, u32, u8 } = work;
  if (!varies) {
    f64[off >>> 3] = first;
    return [CONST, 8, 0];
  }
  const width = lo >= -128 && hi <= 127 ? 1 : lo >= -32768 && hi <= 32767 ? 2 : 4;
  const whole = align8(12 * odd + width * runs);
  if (whole < 8 * runs) {
    const start = off + 12 * odd;
    const target = width === 1 ? work.i8 : width === 2 ? work.i16 : work.i32;
    const base = width === 1 ? start : width === 2 ? start >>> 1 : start >>> 2;
    for (let i = 0, e = 0; i < runs; i++) {
      const x = column[from + i]!;
      if (isWhole(x)) target[base + i] = x;
      else {
        f64[(off >>> 3) + e] = x;
        u32[(off >>> 2) + 2 * odd + e] = i;
        e++;
      }
    }
    return [width === 1 ? INT8 : width === 2 ? INT16 : INT32, whole, odd];
  }
  if (odd === runs && sign < 2 && eHi - eLo <= 15) {
    // The column's base: the sign and least exponent its values share.
    const base = ((sign << 31) | (eLo << 20)) >>> 0;
    u32[off >>> 2] = base;
    const low = (off >>> 2) + 2;
    const high = off + 8 + 4 * runs;
    for (let i = 0; i < runs; i++) {
      scratch[0] = column[from + i]!;
      u32[low + i] = words[LO]!;
      const h = words[HI]! - base;
      u8[high + 3 * i] = h & 0xff;
      u8[high + 3 * i + 1] = (h >>> 8) & 0xff;
      u8[high + 3 * i + 2] = h >>> 16;
    }
    return [F56, align8(8 + 7 * runs), 0];
  }
  for (let i = 0; i < runs; i++) f64[(off >>> 3) + i] = column[from + i]!;
  return [F64, 8 * runs, 0];
}

/** Writes column `col` of segment s (runs 0 … s.runs − 1) into out[at …]. */
export function decodeColumn(s: Segment, col: number, flag: boolean, out: Float64Array, at: number): void {
  const off = s.offsets[col]!;
  const code = s.codes[col]!;
  const runs = s.runs;
  if (code === CONST) {
    const x = s.f64[off >>> 3]!;
    out.fill(flag ? (x !== 0 ? 1 : 0) : x, at, at + runs);
  } else if (code === BITS) {
    const u8 = s.u8;
    for (let i = 0; i < runs; i++) out[at + i] = (u8[off + (i >>> 3)]! >>> (i & 7)) & 1;
  } else if (code === F64) {
    const f64 = s.f64;
    const o = off >>> 3;
    for (let i = 0; i < runs; i++) out[at + i] = f64[o + i]!;
  } else if (code === F56) {
    const { u32, u8 } = s;
    const base = u32[off >>> 2]!;
    const low = (off >>> 2) + 2;
    const high = off + 8 + 4 * runs;
    for (let i = 0; i < runs; i++) {
      const p = high + 3 * i;
      words[LO] = u32[low + i]!;
      words[HI] = base + (u8[p]! | (u8[p + 1]! << 8) | (u8[p + 2]! << 16));
      out[at + i] = scratch[0]!;
    }
  } else {
    const odd = s.exceptions[col]!;
    const start = off + 12 * odd;
    const source = code === INT8 ? s.i8 : code === INT16 ? s.i16 : s.i32;
    const base = code === INT8 ? start : code === INT16 ? start >>> 1 : start >>> 2;
    for (let i = 0; i < runs; i++) out[at + i] = source[base + i]!;
    const values = off >>> 3;
    const indices = (off >>> 2) + 2 * odd;
    for (let e = 0; e < odd; e++) out[at + s.u32[indices + e]!] = s.f64[values + e]!;
  }
}

/** The value of column `col` in run i of segment s. */
export function decodeValue(s: Segment, col: number, flag: boolean, i: number): number {
  const off = s.offsets[col]!;
  const code = s.codes[col]!;
  if (code === CONST) {
    const x = s.f64[off >>> 3]!;
    return flag ? (x !== 0 ? 1 : 0) : x;
  }
  if (code === BITS) return (s.u8[off + (i >>> 3)]! >>> (i & 7)) & 1;
  if (code === F64) return s.f64[(off >>> 3) + i]!;
  if (code === F56) {
    const p = off + 8 + 4 * s.runs + 3 * i;
    words[LO] = s.u32[(off >>> 2) + 2 + i]!;
    words[HI] = s.u32[off >>> 2]! + (s.u8[p]! | (s.u8[p + 1]! << 8) | (s.u8[p + 2]! << 16));
    return scratch[0]!;
  }
  const odd = s.exceptions[col]!;
  const indices = (off >>> 2) + 2 * odd;
  for (let e = 0; e < odd; e++) if (s.u32[indices + e] === i) return s.f64[(off >>> 3) + e]!;
  const start = off + 12 * odd;
  if (code === INT8) return s.i8[start + i]!;
  return code === INT16 ? s.i16[(start >>> 1) + i]! : s.i32[(start >>> 2) + i]!;
}

/** Whether every value of column `col` of segment s is a whole number in [-128, 127] (so `countSmall` applies). */
export function isSmallWhole(s: Segment, col: number): boolean {
  const code = s.codes[col];
  if (code === INT8) return s.exceptions[col] === 0;
  if (code !== CONST) return false;
  const x = s.f64[s.offsets[col]! >>> 3]!;
  return isWhole(x) && x >= -128 && x <= 127;
}

/** Adds to counts[x + 128] the runs of segment s whose value of column `col` is x (see `isSmallWhole`). */
export function countSmall(s: Segment, col: number, counts: Float64Array): void {
  const off = s.offsets[col]!;
  if (s.codes[col] === CONST) {
    const at = s.f64[off >>> 3]! + 128;
    counts[at] = counts[at]! + s.runs;
    return;
  }
  const i8 = s.i8;
  for (let i = 0; i < s.runs; i++) {
    const at = i8[off + i]! + 128;
    counts[at] = counts[at]! + 1;
  }
}

/** The number of set bits of each byte. */
const POPCOUNT = Uint8Array.from({ length: 256 }, (_, b) => {
  let n = 0;
  for (let x = b; x; x >>>= 1) n += x & 1;
  return n;
});

/**
 * For a flag channel whose columns are `first` … `first + points − 1` of segment s: adds to at[k] the runs
 * whose flag is set at point k, and to firstAt[k] those whose flag is set at k for the first time; returns
 * the runs whose flag is never set. Works on the bits, eight runs at a time.
 */
export function countFlags(
  s: Segment,
  first: number,
  points: number,
  at: Float64Array,
  firstAt: Float64Array,
): number {
  const bytes = (s.runs + 7) >>> 3;
  // The last byte's bits beyond the segment's runs.
  const tail = s.runs & 7 ? (1 << (s.runs & 7)) - 1 : 0xff;
  const seen = new Uint8Array(bytes);
  const { u8, f64 } = s;
  for (let k = 0; k < points; k++) {
    const col = first + k;
    const off = s.offsets[col]!;
    let set = 0;
    let fresh = 0;
    if (s.codes[col] === CONST) {
      if (f64[off >>> 3]! === 0) continue;
      set = s.runs;
      for (let j = 0; j < bytes; j++) {
        const all = j === bytes - 1 ? tail : 0xff;
        fresh += POPCOUNT[all & ~seen[j]!]!;
        seen[j] = all;
      }
    } else {
      for (let j = 0; j < bytes; j++) {
        const b = u8[off + j]!;
        set += POPCOUNT[b]!;
        fresh += POPCOUNT[b & ~seen[j]!]!;
        seen[j] = seen[j]! | b;
      }
    }
    at[k] = at[k]! + set;
    firstAt[k] = firstAt[k]! + fresh;
  }
  let ever = 0;
  for (let j = 0; j < bytes; j++) ever += POPCOUNT[seen[j]!]!;
  return s.runs - ever;
}
