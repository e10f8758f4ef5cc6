/** Bounds and defaults shared by the file format, the compiler, the engine, the CLI and the server. */
export const MAX_RUNS = 10_000_000;
/** Longest time axis a model or scenario may ask for. */
export const MAX_STEPS = 5000;
/** Run count and seed when a scenario names none. */
export const DEFAULT_RUNS = 1000;
export const DEFAULT_SEED = 1;
