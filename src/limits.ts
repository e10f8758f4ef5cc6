/** Bounds shared by the file format, the engine and the CLI. */
export const MAX_RUNS = 10_000_000;
