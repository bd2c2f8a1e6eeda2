import { ConsoleLogger } from '@nestjs/common';
import { BatchedStdout } from './batched-stdout.js';

// On AWS Lambda each line is written at once: the runtime freezes the process between invocations, so a batch could
// wait for the next one.
const stdout = new BatchedStdout({ maxBytes: process.env.AWS_LAMBDA_FUNCTION_NAME ? 0 : 16 * 1024 });

// The fields ConsoleLogger puts first; a param with one of these names takes the general path (where they win).
const OWN_FIELDS = ['level', 'pid', 'timestamp', 'message', 'context'];
const PID = `,"pid":${process.pid}`;

/**
 * Nest's own ConsoleLogger in JSON mode (one object per line, the same fields), with the stdout lines written in
 * batches instead of one write per line; errors still go straight to stderr. The common call, log(message, { fields },
 * context) as the request logger makes it once per request, is turned into its line with a single JSON.stringify.
 */
export class JsonLogger extends ConsoleLogger {
  constructor() {
    super({ json: true, flattenParams: true });
  }

  override log(message: unknown, ...optionalParams: unknown[]): void {
    const [params, context] = optionalParams;
    if (
      optionalParams.length === 2 &&
      typeof message === 'string' &&
      typeof context === 'string' &&
      isPlainObject(params) &&
      !this.options.redact &&
      !this.options.forceConsole &&
      this.isLevelEnabled('log') &&
      !OWN_FIELDS.some((field) => field in params)
    ) {
      const fields = JSON.stringify(params);
      const rest = fields.length > 2 ? `,${fields.slice(1)}` : '}';
      stdout.write(
        `{"level":"log"${PID},"timestamp":${Date.now()},"message":${JSON.stringify(message)},"context":${JSON.stringify(context)}${rest}\n`,
      );
      return;
    }
    super.log(message, ...optionalParams);
  }

  protected override printAsJson(message: unknown, options: Parameters<ConsoleLogger['printAsJson']>[1]): void {
    if (options.writeStreamType === 'stderr' || this.options.forceConsole) {
      super.printAsJson(message, options);
      return;
    }
    stdout.write(`${this.stringifyJsonLogObject(this.getJsonLogObject(message, options))}\n`);
  }

  /** Writes what is gathered now (the process also does it on exit). */
  flush(): void {
    stdout.flush();
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}
