/**
 * The port to listen on: PORT from the environment, else the starter's default. Anything but a whole number from 1
 * to 65535 is refused before the server starts, with one line naming the variable (a stack trace says less).
 */
export function parsePort(value: string | undefined, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  const port = Number(value);
  if (!/^\d+$/.test(value) || port < 1 || port > 65535) {
    throw new RangeError(`PORT must be a port number from 1 to 65535, got ${JSON.stringify(value)}`);
  }
  return port;
}

/** parsePort, for the entry point: a bad value ends the process with its one line on stderr and exit status 1. */
export function portOrExit(value: string | undefined, fallback: number): number {
  try {
    return parsePort(value, fallback);
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`);
    process.exit(1);
  }
}
