/**
 * The tool's own output to stdout and stderr. A run that asks nothing (--yes, a pipe, CI) prints a few lines, and
 * process.stdout would load Node's stream and net modules to print them (about 2.5 ms of a 35 ms generation), so
 * those lines are written to the file descriptor directly, synchronously. Once the prompts are in use they write
 * through process.stdout, and so does this module from then on: on Windows a pipe's stream is asynchronous, and
 * mixing the two would reorder lines.
 */
import fs from 'node:fs';

let promptsInUse = false;

/** Called before the prompt library loads: from then on every write goes through process.stdout/stderr. */
export function useStreams(): void {
  promptsInUse = true;
}

/** A function that writes text to `fd`, or to `stream()` once the prompts are in use or a direct write failed. */
export function writer(fd: number, stream: () => NodeJS.WritableStream): (text: string) => void {
  let failed = false;
  return (text) => {
    if (promptsInUse || failed) {
      stream().write(text);
      return;
    }
    const bytes = Buffer.from(text);
    let written = 0;
    try {
      while (written < bytes.length) written += fs.writeSync(fd, bytes, written);
    } catch {
      // EAGAIN from a non-blocking pipe or terminal shared with another process, or any other refusal: the stream
      // (which queues, and reports errors as it always has) writes what is left and every later line, in order.
      failed = true;
      stream().write(bytes.subarray(written));
    }
  };
}
