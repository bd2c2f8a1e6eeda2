/**
 * What an interrupt (SIGINT, SIGTERM) does, whatever phase it lands in: every child process group is ended, every
 * temporary folder removed, and the message of the phase the run is in is printed (src/cli.ts exits 130). Each
 * phase says, as it starts, what an interrupt there leaves behind.
 */
// Made when a child process first asks for it (install, git): AbortController loads Node's internal abort_controller
// module, about 0.3 ms of every start, and a generation without them never needs one.
let controller: AbortController | undefined;
let interrupted = false;
let message = 'Interrupted: nothing was written.';

/** Aborted when the run is interrupted: child processes and waits listen to it. */
export const interruptSignal = (): AbortSignal => {
  controller ??= new AbortController();
  if (interrupted) controller.abort();
  return controller.signal;
};

/** A new run: nothing interrupted yet, nothing written yet. */
export function beginRun(): void {
  controller = undefined;
  interrupted = false;
  message = 'Interrupted: nothing was written.';
}

/** What an interrupt from now on means for the user's files. */
export function onInterruptSay(text: string): void {
  message = text;
}

/**
 * Stops the run at a point where it would start writing, once a signal has landed: the signal's message was decided
 * when it landed ("... changed nothing"), and the work in flight must not make it untrue. The entry point stays silent
 * about the error, since the interrupt prints its own message.
 */
export function stopIfInterrupted(): void {
  if (interrupted) throw new Interrupted();
}

export const wasInterrupted = (): boolean => interrupted;

export class Interrupted extends Error {
  constructor() {
    super('interrupted');
  }
}

export function interrupt(): string {
  interrupted = true;
  controller?.abort();
  return message;
}
