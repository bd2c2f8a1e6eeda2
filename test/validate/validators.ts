/**
 * The ecosystems' own validators, installed by `.ci/install-validators.sh` into .tmp/tools. Each runs once over a
 * list of files (they are slow to start, cfn-lint most of all) and its findings come back per file, so a test can
 * name the starter. A missing validator fails loudly: it is never a reason to skip.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { TOOLS } from '../e2e/tools.js';

export const VENV_BIN = path.join(TOOLS, 'venv/bin');
export const validators = {
  cfnLint: path.join(VENV_BIN, 'cfn-lint'),
  hadolint: path.join(VENV_BIN, 'hadolint'),
  kubernetesValidate: path.join(VENV_BIN, 'kubernetes-validate'),
  checkJsonschema: path.join(VENV_BIN, 'check-jsonschema'),
  shellcheck: path.join(VENV_BIN, 'shellcheck'),
  actionlint: path.join(TOOLS, 'bin/actionlint'),
};

export function requireValidators(): typeof validators {
  const missing = Object.entries(validators).filter(([, file]) => !fs.existsSync(file));
  if (missing.length > 0) {
    throw new Error(
      `The config validators are missing (${missing.map(([name, file]) => `${name}: ${file}`).join(', ')}). Install them with: bash .ci/install-validators.sh`,
    );
  }
  return validators;
}

export interface Finding {
  file: string;
  /** error / warning / info / style, in the tool's words. */
  level: string;
  rule: string;
  line?: number;
  message: string;
}

export const formatFinding = (f: Finding) => `${f.file}${f.line ? `:${f.line}` : ''} [${f.level} ${f.rule}] ${f.message}`;

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function run(file: string, args: string[], cwd: string): Promise<Run> {
  return new Promise((resolve, reject) => {
    execFile(file, args, { cwd, maxBuffer: 64 * 1024 * 1024, timeout: 120_000, env: { ...process.env, NO_COLOR: '1' } }, (error, stdout, stderr) => {
      if (error && typeof error.code !== 'number') reject(new Error(`${path.basename(file)} did not run: ${error.message}\n${stderr}`));
      else resolve({ code: error ? (error.code as number) : 0, stdout, stderr });
    });
  });
}

const describe = (tool: string, r: Run) => `${tool} exited ${r.code}\nstdout: ${r.stdout.slice(0, 3000)}\nstderr: ${r.stderr.slice(0, 3000)}`;

function parseJson<T>(tool: string, r: Run): T {
  try {
    return JSON.parse(r.stdout) as T;
  } catch {
    throw new Error(`${tool} printed no JSON report: ${describe(tool, r)}`);
  }
}

/** cfn-lint's errors and warnings (its default rule set; informational rules are not enabled), one call for all. */
export async function cfnLint(cwd: string, files: string[]): Promise<Finding[]> {
  if (files.length === 0) return [];
  const r = await run(validators.cfnLint, ['--format', 'json', '--', ...files], cwd);
  const report = parseJson<{ Filename: string; Level: string; Rule: { Id: string }; Message: string; Location: { Start: { LineNumber: number } } }[]>('cfn-lint', r);
  // Exit status is a bit mask of the levels found (2 error, 4 warning, 8 info); anything else means it failed.
  if (r.code & ~(2 | 4 | 8) || (r.code !== 0 && report.length === 0)) throw new Error(describe('cfn-lint', r));
  return report.map((x) => ({ file: x.Filename, level: x.Level.toLowerCase(), rule: x.Rule.Id, line: x.Location?.Start?.LineNumber, message: x.Message }));
}

/** hadolint with an explicit (empty) configuration, so no config file on the machine changes what it reports. */
export async function hadolint(cwd: string, files: string[]): Promise<Finding[]> {
  if (files.length === 0) return [];
  const config = path.join(cwd, '.hadolint-validate.yaml');
  fs.writeFileSync(config, 'failure-threshold: info\nignored: []\n');
  const r = await run(validators.hadolint, ['--config', config, '--format', 'json', ...files], cwd);
  const report = parseJson<{ file: string; level: string; code: string; line: number; message: string }[]>('hadolint', r);
  if (r.code !== 0 && report.length === 0) throw new Error(describe('hadolint', r));
  return report.map((x) => ({ file: x.file, level: x.level, rule: x.code, line: x.line, message: x.message }));
}

/** actionlint, with shellcheck over the `run:` scripts (pyflakes is off: no workflow runs inline Python). */
export async function actionlint(cwd: string, files: string[]): Promise<Finding[]> {
  if (files.length === 0) return [];
  const r = await run(validators.actionlint, [`-shellcheck=${validators.shellcheck}`, '-pyflakes=', '-no-color', '-format', '{{json .}}', ...files], cwd);
  const report = parseJson<{ filepath: string; line: number; kind: string; message: string }[] | null>('actionlint', r) ?? [];
  if (r.code > 1 || (r.code !== 0 && report.length === 0)) throw new Error(describe('actionlint', r));
  return report.map((x) => ({ file: x.filepath, level: 'error', rule: x.kind, line: x.line, message: x.message }));
}

/**
 * kubernetes-validate --strict (additional properties are errors). It prints one line per resource: INFO when it
 * passed, ERROR when it did not, WARN when it found no schema for it. Anything but a pass is a finding, and a file
 * with no pass at all (nothing validated) is one too.
 */
export async function kubernetesValidate(cwd: string, files: string[]): Promise<Finding[]> {
  if (files.length === 0) return [];
  const r = await run(validators.kubernetesValidate, ['--strict', ...files], cwd);
  const findings: Finding[] = [];
  const passed = new Set<string>();
  const lines = `${r.stdout}\n${r.stderr}`.split('\n').filter((l) => l.trim() !== '');
  for (const line of lines) {
    const m = /^(INFO|WARN|WARNING|ERROR)\s+(\S+)\s+(.*)$/.exec(line);
    const file = m && files.includes(m[2]!) ? m[2]! : undefined;
    if (m && file && m[1] === 'INFO' && /\bpassed\b/.test(m[3]!)) passed.add(file);
    else if (m && file) findings.push({ file, level: m[1]!.toLowerCase(), rule: 'kubernetes-validate', message: m[3]! });
    else if (findings.length > 0) findings.at(-1)!.message += `\n${line}`;
    else throw new Error(`kubernetes-validate printed a line this test cannot attribute to a file: ${line}\n${describe('kubernetes-validate', r)}`);
  }
  for (const file of files) {
    if (!passed.has(file) && !findings.some((f) => f.file === file)) {
      findings.push({ file, level: 'error', rule: 'kubernetes-validate', message: 'no resource in this file was validated' });
    }
  }
  if (r.code !== 0 && findings.length === 0) throw new Error(describe('kubernetes-validate', r));
  return findings;
}

/** check-jsonschema against one of the schemas that ship inside it (`vendor.compose-spec`, `vendor.dependabot`). */
const builtinSchema = (schema: string) => async (cwd: string, files: string[]): Promise<Finding[]> => {
  if (files.length === 0) return [];
  const r = await run(validators.checkJsonschema, ['--builtin-schema', schema, '--output-format', 'json', ...files], cwd);
  const report = parseJson<{ status: string; errors: { filename: string; path: string; message: string }[]; parse_errors?: { filename: string; message: string }[] }>(
    'check-jsonschema',
    r,
  );
  const findings: Finding[] = [
    ...report.errors.map((e) => ({ file: e.filename, level: 'error', rule: e.path, message: e.message })),
    ...(report.parse_errors ?? []).map((e) => ({ file: e.filename, level: 'error', rule: 'parse', message: e.message })),
  ];
  if (r.code !== 0 && findings.length === 0) throw new Error(describe('check-jsonschema', r));
  return findings;
};

/** The Compose specification's schema. */
export const composeSchema = builtinSchema('vendor.compose-spec');
/** Dependabot's configuration schema (.github/dependabot.yml). */
export const dependabotSchema = builtinSchema('vendor.dependabot');
