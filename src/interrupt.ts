/**
 * What an interrupt (SIGINT, SIGTERM) does, whatever phase it lands in: every child process group is ended, every
 * temporary folder removed, and the message of the phase the run is in is printed (src/cli.ts exits 130). Each
 * phase says, as it starts, what an interrupt there leaves behind.
 */
let controller = new AbortController();
let message = 'Interrupted: nothing was written.';

/** Aborted when the run is interrupted: child processes and waits listen to it. */
export const interruptSignal = (): AbortSignal => controller.signal;

/** A new run: nothing interrupted yet, nothing written yet. */
export function beginRun(): void {
  controller = new AbortController();
  message = 'Interrupted: nothing was written.';
}

/** What an interrupt from now on means for the user's files. */
export function onInterruptSay(text: string): void {
  message = text;
}

export function interrupt(): string {
  controller.abort();
  return message;
}
