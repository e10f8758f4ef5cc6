/**
 * A value worked out from the file system and trusted for a short while: the catalog's listings and the
 * folders' signature are read again at most every `freshMs`, not on every request. Under a crowd of
 * requests, re-reading both folders (a directory listing and a `stat` of every file) for each one cost
 * about a tenth of the request thread (see `npm run loadtest`); a file added, changed or removed is still
 * seen within a quarter of a second.
 */
export const FRESH_MS = 250;

export class Recent<T> {
  private value: T | undefined;
  private at = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly compute: () => T,
    private readonly freshMs = FRESH_MS,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** Computes the value again now (whatever its age) and returns it. */
  refresh(): T {
    this.at = Number.NEGATIVE_INFINITY;
    return this.get();
  }

  get(): T {
    const now = this.now();
    if (this.value === undefined || now - this.at >= this.freshMs) {
      this.value = this.compute();
      this.at = now;
    }
    return this.value;
  }
}
