/**
 * Errors carry the phase they came from; only the entry point turns them into exit codes (documented in README).
 */
export const EXIT = {
  ok: 0,
  /** Rendering or writing failed, or an internal error: nothing of the user's was touched. */
  failed: 1,
  /** Bad command line: unknown flag or value, missing required value, invalid project name. */
  usage: 2,
  /** The project was generated, but a bootstrap step (git, install) failed; its retry command was printed. */
  bootstrap: 3,
  /** Interrupted (Ctrl-C at a prompt, SIGINT, SIGTERM): nothing half-written is left in the target. */
  cancelled: 130,
} as const;

export type Phase = 'usage' | 'decide' | 'render' | 'write' | 'git' | 'install' | 'cancelled';

export class CliError extends Error {
  constructor(
    readonly phase: Phase,
    message: string,
    readonly exitCode: number = phase === 'usage' ? EXIT.usage : phase === 'cancelled' ? EXIT.cancelled : EXIT.failed,
  ) {
    super(message);
  }
}

export const usageError = (message: string) => new CliError('usage', message);
export const cancelled = (message = 'Cancelled: nothing was written.') => new CliError('cancelled', message);
