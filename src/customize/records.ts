/**
 * Reading a project's records back: `.create-backend-fit.json` (the answers, for --answers and update) and
 * `.create-backend-fit.pristine.json` (the render update merges against). Both are files anyone can edit, so they
 * are untrusted input, validated like flags: a value the command line would refuse is refused here too, and every
 * path must stay inside the project. A bad record is one line that names the file and the field (exit 2).
 */
import fs from 'node:fs';
import path from 'node:path';
import { OPTIONS } from '../args.js';
import { recordError } from '../errors.js';
import { deriveNames, NameError } from '../plan/names.js';
import type { GenerationRecord, Pristine, PristineFile } from '../plan/record.js';
import { relativePathProblem } from '../project-paths.js';

type Answers = GenerationRecord['answers'];

/** Reads a JSON file that must be a regular file (a link could point at anything), with one-line errors. */
export function readRecordJson(file: string, shown: string, missing: () => Error): unknown {
  const stat = fs.lstatSync(file, { throwIfNoEntry: false });
  if (!stat) throw missing();
  if (stat.isSymbolicLink()) throw recordError(shown, '', 'is a symbolic link; a record must be a plain file.');
  if (!stat.isFile()) throw recordError(shown, '', 'is not a file.');
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw recordError(shown, '', `cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}).`);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw recordError(shown, '', `is not valid JSON (${(error as Error).message.split('\n')[0]}).`);
  }
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Which option of the command line validates each recorded answer. */
const ANSWER_OPTIONS = {
  framework: 'framework',
  deploy: 'deploy',
  database: 'database',
  language: 'language',
  workload: 'workload',
  style: 'style',
  teamSize: 'team-size',
  rps: 'rps',
  packageManager: 'package-manager',
} as const satisfies Partial<Record<keyof Answers, keyof typeof OPTIONS>>;

function checkAnswer(shown: string, field: string, option: keyof typeof OPTIONS, value: unknown): void {
  const spec = OPTIONS[option] as { kind: string; choices?: readonly string[]; min?: number };
  const where = `answers.${field}`;
  if (spec.kind === 'choice' && !(typeof value === 'string' && spec.choices!.includes(value))) {
    throw recordError(shown, where, `is ${JSON.stringify(value)}, not one of ${spec.choices!.join(', ')}.`);
  }
  if (spec.kind === 'integer' && !(typeof value === 'number' && Number.isSafeInteger(value) && value >= spec.min!)) {
    throw recordError(shown, where, `is ${JSON.stringify(value)}, not a whole number of ${spec.min} or more.`);
  }
}

/**
 * The answers of a record, validated. `shown` is how the file is named in messages. Fields this version does not
 * know are kept as they are (a newer version may have written them); null means "not answered".
 */
export function validateAnswers(raw: unknown, shown: string): Partial<Answers> {
  if (!isObject(raw)) throw recordError(shown, '', 'is not a record of create-backend-fit: it must be a JSON object.');
  const answers = raw.answers;
  if (!isObject(answers)) throw recordError(shown, 'answers', answers === undefined ? 'is missing.' : 'must be an object.');
  const out: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(answers)) if (value !== null && value !== undefined) out[field] = value;
  for (const [field, option] of Object.entries(ANSWER_OPTIONS)) if (out[field] !== undefined) checkAnswer(shown, field, option, out[field]);
  for (const field of ['projectName', 'goModule', 'javaPackage', 'plopfile'] as const) {
    if (out[field] !== undefined && (typeof out[field] !== 'string' || out[field] === '')) throw recordError(shown, `answers.${field}`, 'must be a non-empty string.');
  }
  if (out.templates !== undefined) {
    if (!Array.isArray(out.templates) || out.templates.some((t) => typeof t !== 'string' || !path.isAbsolute(t))) {
      throw recordError(shown, 'answers.templates', 'must be a list of absolute folder paths.');
    }
  }
  if (out.plopfile !== undefined && !path.isAbsolute(out.plopfile as string)) throw recordError(shown, 'answers.plopfile', 'must be an absolute file path.');
  if (out.projectName !== undefined) {
    // One field at a time, so the message names the field that is wrong.
    const name = out.projectName as string;
    const steps: [string, () => unknown][] = [
      ['projectName', () => deriveNames(name)],
      ['goModule', () => out.goModule !== undefined && deriveNames(name, { goModule: out.goModule as string })],
      ['javaPackage', () => out.javaPackage !== undefined && deriveNames(name, { javaPackage: out.javaPackage as string })],
    ];
    for (const [field, check] of steps) {
      try {
        check();
      } catch (error) {
        if (error instanceof NameError) throw recordError(shown, `answers.${field}`, error.message);
        throw error;
      }
    }
  }
  return out as Partial<Answers>;
}

/** A project's own record, for update: all of validateAnswers, and the answers update cannot do without. */
export function validateGenerationRecord(raw: unknown, shown: string): GenerationRecord {
  const answers = validateAnswers(raw, shown);
  const record = raw as Record<string, unknown>;
  if (typeof record.version !== 'string') throw recordError(shown, 'version', 'must be the version string of the tool that wrote it.');
  for (const field of ['projectName', 'framework', 'deploy'] as const) if (answers[field] === undefined) throw recordError(shown, `answers.${field}`, 'is missing.');
  return { tool: String(record.tool ?? ''), version: record.version, answers: { packageManager: 'npm', ...answers } as Answers };
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** The pristine render, validated: every path relative and inside the project, every entry one text or one base64. */
export function validatePristine(raw: unknown, shown: string): Pristine {
  if (!isObject(raw)) throw recordError(shown, '', 'must be a JSON object.');
  if (typeof raw.version !== 'string') throw recordError(shown, 'version', 'must be a version string.');
  if (!isObject(raw.files)) throw recordError(shown, 'files', 'must be an object of path -> file.');
  const files: Record<string, PristineFile> = {};
  for (const [rel, entry] of Object.entries(raw.files)) {
    const field = `files[${JSON.stringify(rel)}]`;
    const problem = relativePathProblem(rel);
    if (problem) throw recordError(shown, field, `${problem}.`);
    if (path.posix.normalize(rel) !== rel) throw recordError(shown, field, 'is not a normal path.');
    if (!isObject(entry)) throw recordError(shown, field, 'must be an object with mode and text or base64.');
    const { mode, text, base64 } = entry;
    if (typeof mode !== 'number' || !Number.isInteger(mode) || mode < 0 || mode > 0o777) throw recordError(shown, `${field}.mode`, 'must be a file mode from 0 to 0o777.');
    if ((text === undefined) === (base64 === undefined)) throw recordError(shown, field, 'must have exactly one of text and base64.');
    if (text !== undefined && typeof text !== 'string') throw recordError(shown, `${field}.text`, 'must be a string.');
    if (base64 !== undefined && !(typeof base64 === 'string' && BASE64.test(base64))) throw recordError(shown, `${field}.base64`, 'must be base64 text.');
    files[rel] = text !== undefined ? { mode, text: text as string } : { mode, base64: base64 as string };
  }
  return { version: raw.version, files };
}
