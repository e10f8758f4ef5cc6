/** Parsers of the CLI's flag values: each rejects with a message that says what is allowed. */
import { InvalidArgumentError } from 'commander';

/** A whole number from 1 to `max`. */
export const positiveInt = (what: string, max: number) => (value: string) => {
  const n = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(n) || n < 1 || n > max) {
    throw new InvalidArgumentError(
      `${what} must be a whole number from 1 to ${max.toLocaleString('en-US')}.`,
    );
  }
  return n;
};
