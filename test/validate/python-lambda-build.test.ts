/**
 * What `sam build` deploys for the Python starters: the Makefile's build-ApiFunction as template.yaml runs it (its
 * default, for Lambda's python3.13 on arm64, not for this machine), with the database feature, whose compiled
 * dependencies (psycopg-binary, greenlet, pydantic-core) have wheels per platform. The e2e suite builds the function
 * for this machine only (LAMBDA_PIP_ARGS=, to run it under the emulator), so without this test a lock pinning a
 * version with no wheel for Lambda's platform would pass everything and fail the user's first `sam build`.
 * Needs PyPI (the wheels) and uv; E2E_FRAMEWORKS narrows it.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { describeRun, runShell } from '../e2e/processes.js';
import { toolEnv } from '../e2e/tools.js';
import { allStarters, generate } from './starters.js';

const starters = allStarters.filter(
  (s) => s.framework.ecosystem === 'python' && s.deploy === 'serverless' && s.database === 'postgres' && (!process.env.E2E_FRAMEWORKS || process.env.E2E_FRAMEWORKS.split(',').includes(s.framework.id)),
);
const root = fs.mkdtempSync(path.join(os.tmpdir(), 'cbf-python-lambda-'));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

/** ELF e_machine 183 is AArch64 (and e_ident's class 2: 64-bit). */
function isArm64Elf(file: string): boolean {
  const header = Buffer.alloc(20);
  const fd = fs.openSync(file, 'r');
  try {
    fs.readSync(fd, header, 0, 20, 0);
  } finally {
    fs.closeSync(fd);
  }
  return header.subarray(0, 4).equals(Buffer.from([0x7f, 0x45, 0x4c, 0x46])) && header[4] === 2 && header.readUInt16LE(18) === 183;
}

describe('the Python Lambda artifact, built as sam build builds it', () => {
  it('has starters to build', () => expect(starters.length).toBeGreaterThan(0));

  for (const starter of starters) {
    it(`${starter.label}: installs the locked dependencies as arm64 wheels for python3.13, the app beside them`, async () => {
      const project = path.join(root, starter.slug);
      generate(starter, project);
      const artifact = path.join(root, `${starter.slug}-artifact`);
      const command = `make build-ApiFunction ARTIFACTS_DIR='${artifact}'`;
      const result = await runShell(command, { cwd: project, env: toolEnv(), timeoutMs: 15 * 60_000 });
      expect(result.code, describeRun(command, result)).toBe(0);
      const entries = fs.readdirSync(artifact);
      // The app's package, by the Handler template.yaml names (app.lambda_handler.handler, config.lambda_handler.handler).
      expect(entries).toContain(starter.framework.lambdaHandler.split('.')[0]);
      expect(entries.filter((e) => e.startsWith('.') || e === 'bin'), 'nothing of the build left in the artifact').toEqual([]);
      const lock = fs.readFileSync(path.join(project, 'uv.lock'), 'utf8');
      const psycopg = /^\[\[package\]\]\nname = "psycopg-binary"\nversion = "([^"]+)"$/m.exec(lock)?.[1];
      expect(entries, 'the locked psycopg-binary').toContain(`psycopg_binary-${psycopg}.dist-info`);
      const compiled = fs.readdirSync(artifact, { recursive: true, encoding: 'utf8' }).filter((rel) => rel.endsWith('.so'));
      expect(compiled.length, 'compiled extensions').toBeGreaterThan(0);
      expect(compiled.filter((rel) => !rel.includes('cpython-313-aarch64') && !rel.includes('.libs/')), 'extensions for another Python or platform').toEqual([]);
      expect(compiled.filter((rel) => !isArm64Elf(path.join(artifact, rel))), 'not arm64 ELF').toEqual([]);
    }, 20 * 60_000);
  }
});
