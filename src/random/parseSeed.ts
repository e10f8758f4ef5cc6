/**
 * The seed as a user types it (CLI flag, web form): a whole number within the safe integers is a number,
 * anything else is a text seed. Imports nothing: the web UI loads this module as it is.
 */
export function parseSeed(text: string): number | string {
  return /^-?\d+$/.test(text) && Number.isSafeInteger(Number(text)) ? Number(text) : text;
}
