/**
 * Errors carry the phase they came from; only the entry point turns them into exit codes (documented in README).
 */
export const EXIT = {
  ok: 0,
  /** Rendering or writing failed, an `update` was refused, or an internal error: nothing of the user's was touched. */
  failed: 1,
  /** Bad input: unknown flag or value, missing required value, invalid project name, a record file that fails validation. */
  usage: 2,
  /** The project was generated, but a later step (git, install, a team generator) failed; what to do next was printed. */
  bootstrap: 3,
  /** `update` finished, and some files have conflict markers to resolve. */
  conflicts: 4,
  /** Interrupted (Ctrl-C at a prompt, SIGINT, SIGTERM): child processes ended, nothing half-written is left in the target. */
  cancelled: 130,
} as const;

export type Phase = 'usage' | 'record' | 'decide' | 'render' | 'write' | 'update' | 'plop' | 'git' | 'install' | 'cancelled';

/** The exit code of each phase, unless an error says otherwise. */
const PHASE_EXIT: Partial<Record<Phase, number>> = { usage: EXIT.usage, record: EXIT.usage, plop: EXIT.bootstrap, cancelled: EXIT.cancelled };

export class CliError extends Error {
  constructor(
    readonly phase: Phase,
    message: string,
    readonly exitCode: number = PHASE_EXIT[phase] ?? EXIT.failed,
  ) {
    super(message);
  }
}

export const usageError = (message: string) => new CliError('usage', message);
export const cancelled = (message = 'Cancelled: nothing was written.') => new CliError('cancelled', message);
/** A record file (an --answers file, a project's .create-backend-fit.json or .pristine.json) that fails validation. */
export const recordError = (file: string, field: string, problem: string) => new CliError('record', `${file}: ${field ? `"${field}" ` : ''}${problem}`);
