import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { useStreams, writer } from '../../src/output.js';

function collect() {
  const stream = new PassThrough();
  const chunks: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  return { stream, text: () => Buffer.concat(chunks).toString('utf8') };
}

const opened: number[] = [];
afterEach(() => opened.splice(0).forEach((fd) => fs.closeSync(fd)));

function tempFd(): { fd: number; read: () => string } {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'cbf-output-')), 'out.txt');
  const fd = fs.openSync(file, 'w');
  opened.push(fd);
  return { fd, read: () => fs.readFileSync(file, 'utf8') };
}

describe('writer', () => {
  it('writes to the file descriptor, synchronously, without touching the stream', () => {
    const target = tempFd();
    const write = writer(target.fd, () => {
      throw new Error('the stream was created');
    });
    write('Created app: 16 files\n');
    write('ünïcödé ✓\n');
    expect(target.read()).toBe('Created app: 16 files\nünïcödé ✓\n');
  });

  it('falls back to the stream when the descriptor refuses, and stays there so lines keep their order', async () => {
    const { stream, text } = collect();
    const bad = tempFd();
    fs.closeSync(bad.fd);
    opened.splice(opened.indexOf(bad.fd), 1);
    const write = writer(bad.fd, () => stream);
    write('first\n');
    write('second\n');
    await new Promise((resolve) => setImmediate(resolve));
    expect(text()).toBe('first\nsecond\n');
  });

  it('writes through the stream once the prompts are in use', async () => {
    const target = tempFd();
    const { stream, text } = collect();
    const write = writer(target.fd, () => stream);
    write('before\n');
    useStreams();
    write('after\n');
    await new Promise((resolve) => setImmediate(resolve));
    expect(target.read()).toBe('before\n');
    expect(text()).toBe('after\n');
  });
});
