/**
 * Settings from the environment, each read once at start. A bad value is a ConfigError whose message is one line
 * naming the variable and the value; exitOnConfigError turns it into that line on stderr and exit status 1, where an
 * uncaught error would print a stack trace that says less. `.env.example` lists every variable the service reads.
 */
export class ConfigError extends Error {}

/** A whole number of at least `minimum`, or `fallback` when the variable is unset or empty. */
export function wholeNumber(env: NodeJS.ProcessEnv, name: string, fallback: number, minimum = 1): number {
  const value = env[name];
  if (value === undefined || value === '') return fallback;
  const number = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(number) || number < minimum) {
    throw new ConfigError(`${name} must be a whole number, ${minimum} or more, got ${JSON.stringify(value)}`);
  }
  return number;
}

/** One of `choices`, or `fallback` when the variable is unset or empty. */
export function oneOf<const T extends string>(
  env: NodeJS.ProcessEnv,
  name: string,
  choices: readonly T[],
  fallback: T,
): T {
  const value = env[name];
  if (value === undefined || value === '') return fallback;
  if (!(choices as readonly string[]).includes(value)) {
    throw new ConfigError(`${name} must be one of ${choices.join(', ')}, got ${JSON.stringify(value)}`);
  }
  return value as T;
}

/** `1`/`true` or `0`/`false` (any case), or `fallback` when the variable is unset or empty. */
export function flag(env: NodeJS.ProcessEnv, name: string, fallback: boolean): boolean {
  const value = env[name];
  if (value === undefined || value === '') return fallback;
  const answer = { '1': true, true: true, '0': false, false: false }[value.toLowerCase()];
  if (answer === undefined) throw new ConfigError(`${name} must be 1/true or 0/false, got ${JSON.stringify(value)}`);
  return answer;
}

/** The variable's value; unset or empty, a ConfigError that says what it should hold. */
export function required(env: NodeJS.ProcessEnv, name: string, what: string): string {
  const value = env[name];
  if (value === undefined || value === '') throw new ConfigError(`${name} is not set: give ${what} (see .env.example)`);
  return value;
}

/** Runs `read` at start: a ConfigError ends the process with its one line on stderr and exit status 1. */
export function exitOnConfigError<T>(read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
}
