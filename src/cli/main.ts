#!/usr/bin/env node
/** The `oxus` executable: wires the CLI to the real process. */
import { runCli } from './program.js';

const controller = new AbortController();
process.once('SIGINT', () => controller.abort());
const code = await runCli(process.argv.slice(2), {
  stdout: (t) => process.stdout.write(t),
  stderr: (t) => process.stderr.write(t),
  isTTY: Boolean(process.stderr.isTTY),
  cwd: process.cwd(),
  signal: controller.signal,
});
process.exitCode = code;
