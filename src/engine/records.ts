/**
 * The per-run records of a simulation: every run's value of every channel at every point, kept in
 * segments of consecutive runs, each column encoded losslessly in the smallest form that holds it
 * (recordCodec.ts). Readers take a channel's values at one point over all runs (`column`), one value
 * (`at`), one run's trajectory, or a channel in run-major layout (`channel`); every one gives
 * the engine's numbers bit for bit. 100,000 runs of the Central Asia model take about 0.8 GB this way,
 * against 2.3 GB as plain arrays.
 */
import type { Plan } from '../compile/plan.js';
import {
  countFlags,
  countSmall,
  decodeColumn,
  decodeValue,
  encodeSegment,
  FLAG,
  isSmallWhole,
  LEADER,
  SERIES,
  type Segment,
  segmentOf,
} from './recordCodec.js';

/** A channel's records in run-major layout: doubles, flags as bytes, leaders as 16-bit indices. */
export type ChannelValues = Float64Array | Uint8Array | Int16Array;

/** How each channel of a plan is read (recordCodec's SERIES, FLAG, LEADER). */
export function channelKinds(plan: Pick<Plan, 'channels'>): Uint8Array {
  return Uint8Array.from(plan.channels, (c) =>
    c.kind === 'series' ? SERIES : c.kind === 'leader' ? LEADER : FLAG,
  );
}

/** A segment's runs and buffer, as sent to another thread. */
export interface SharedSegment {
  readonly runs: number;
  readonly buffer: SharedArrayBuffer;
}

/** Runs per segment when records are encoded from whole arrays (shards, merges). */
const SEGMENT_RUNS = 1024;

export class Records {
  /** Number of runs. */
  readonly runs: number;
  /** Index (from 0) of each segment's first run, and the runs after the last segment. */
  private readonly starts: Int32Array;

  constructor(
    readonly kinds: Uint8Array,
    readonly points: number,
    private readonly segments: readonly Segment[],
  ) {
    this.starts = new Int32Array(segments.length + 1);
    segments.forEach((s, i) => {
      this.starts[i + 1] = this.starts[i]! + s.runs;
    });
    this.runs = this.starts[segments.length]!;
  }

  /** Records of no runs. */
  static empty(kinds: Uint8Array, points: number): Records {
    return new Records(kinds, points, []);
  }

  /**
   * Records of one point-major block from the engine: run i's channel c at point k is
   * block[(c·points + k)·runs + i].
   */
  static encodeBlock(kinds: Uint8Array, points: number, block: Float64Array, runs: number): Segment {
    return encodeSegment(kinds, points, runs, { block });
  }

  /** A segment from the buffer of one that `encodeBlock` made (in another thread). */
  static segment(kinds: Uint8Array, points: number, buffer: ArrayBufferLike, runs: number): Segment {
    return segmentOf(buffer, runs, kinds.length * points);
  }

  /** Records from the shared buffers of `shared()` (in another thread). */
  static fromShared(kinds: Uint8Array, points: number, shared: readonly SharedSegment[]): Records {
    return new Records(
      kinds,
      points,
      shared.map((s) => segmentOf(s.buffer, s.runs, kinds.length * points)),
    );
  }

  /** The segments' shared buffers, to read the same records in another thread; undefined if one is not shared. */
  shared(): SharedSegment[] | undefined {
    const out: SharedSegment[] = [];
    for (const s of this.segments) {
      if (!(s.buffer instanceof SharedArrayBuffer)) return undefined;
      out.push({ runs: s.runs, buffer: s.buffer });
    }
    return out;
  }

  /** Records from run-major arrays, one per channel (`values[c][r · points + k]`). */
  static fromChannels(
    kinds: Uint8Array,
    points: number,
    runs: number,
    values: readonly ArrayLike<number>[],
  ): Records {
    const segments: Segment[] = [];
    for (let a = 0; a < runs; a += SEGMENT_RUNS) {
      const n = Math.min(SEGMENT_RUNS, runs - a);
      const bases = Array.from(kinds, () => a * points);
      segments.push(encodeSegment(kinds, points, n, { sources: values, bases, stride: points }));
    }
    return new Records(kinds, points, segments);
  }

  /** The records of several jobs' consecutive runs, in order. */
  static concat(kinds: Uint8Array, points: number, parts: readonly Records[]): Records {
    return new Records(
      kinds,
      points,
      parts.flatMap((p) => p.segments),
    );
  }

  /** Bytes taken by the records. */
  get bytes(): number {
    return this.segments.reduce((sum, s) => sum + s.buffer.byteLength, 0);
  }

  /** The records of the first `runs` runs, which must end where a segment ends. */
  prefix(runs: number): Records {
    const n = this.starts.indexOf(runs);
    if (n < 0) throw new RangeError(`no segment ends after run ${runs}`);
    return new Records(this.kinds, this.points, this.segments.slice(0, n));
  }

  /** Channel c's value at point k in every run, in run order, written to `out` (made when not given). */
  column(c: number, k: number, out: Float64Array = new Float64Array(this.runs)): Float64Array {
    const col = c * this.points + k;
    const flag = this.kinds[c] === FLAG;
    for (let i = 0; i < this.segments.length; i++)
      decodeColumn(this.segments[i]!, col, flag, out, this.starts[i]!);
    return out.length === this.runs ? out : out.subarray(0, this.runs);
  }

  /**
   * If every run's value of channel c at point k is a whole number from −128 to 127 (counts, small
   * indices), adds the number of runs of each value x to counts[x + 128] (256 entries) and returns true;
   * otherwise returns false and leaves counts alone.
   */
  countSmall(c: number, k: number, counts: Float64Array): boolean {
    const col = c * this.points + k;
    if (this.kinds[c] === FLAG || !this.segments.every((s) => isSmallWhole(s, col))) return false;
    for (const s of this.segments) countSmall(s, col, counts);
    return true;
  }

  /**
   * For a threshold or event channel c: at[k] runs have it set at point k, first[k] runs have it set at k
   * for the first time, and `never` runs never have it set.
   */
  occurrences(c: number): { at: Float64Array; first: Float64Array; never: number } {
    const at = new Float64Array(this.points);
    const first = new Float64Array(this.points);
    let never = 0;
    for (const s of this.segments) never += countFlags(s, c * this.points, this.points, at, first);
    return { at, first, never };
  }

  /** Channel c's value in run r (counted from the first run of these records) at point k. */
  at(c: number, r: number, k: number): number {
    if (!(r >= 0 && r < this.runs)) throw new RangeError(`run ${r} is not among ${this.runs} runs`);
    // The last segment starting at or before r.
    let lo = 0;
    let hi = this.segments.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (this.starts[mid]! <= r) lo = mid;
      else hi = mid - 1;
    }
    return decodeValue(this.segments[lo]!, c * this.points + k, this.kinds[c] === FLAG, r - this.starts[lo]!);
  }

  /** Channel c's values at every point in run r. */
  trajectory(c: number, r: number): Float64Array {
    return Float64Array.from({ length: this.points }, (_, k) => this.at(c, r, k));
  }

  /** Channel c's records in run-major layout (`[r · points + k]`), as doubles, bytes or 16-bit indices. */
  channel(c: number): ChannelValues {
    const { runs, points } = this;
    const kind = this.kinds[c];
    const out =
      kind === SERIES
        ? new Float64Array(runs * points)
        : kind === LEADER
          ? new Int16Array(runs * points)
          : new Uint8Array(runs * points);
    const column = new Float64Array(runs);
    for (let k = 0; k < points; k++) {
      this.column(c, k, column);
      for (let r = 0; r < runs; r++) out[r * points + k] = column[r]!;
    }
    return out;
  }
}
