#!/usr/bin/env node
/** The `oxus` executable: wires the CLI to the real process. */
import { runCli } from './program.js';

const controller = new AbortController();
// Ctrl-C or SIGTERM cancels a run (exit 130) and stops `oxus serve` gracefully (exit 0); a second one kills.
process.once('SIGINT', () => controller.abort());
process.once('SIGTERM', () => controller.abort());
const code = await runCli(process.argv.slice(2), {
  stdout: (t) => process.stdout.write(t),
  stderr: (t) => process.stderr.write(t),
  isTTY: Boolean(process.stderr.isTTY),
  cwd: process.cwd(),
  signal: controller.signal,
});
process.exitCode = code;
