/**
 * What a generated project keeps about its own generation: the answers and tool version (for replay), and the
 * pristine render (the base of a three-way merge when `update` brings newer templates in).
 */
import { isUtf8 } from 'node:buffer';
import type { ProjectAnswers } from '../answers.js';
import type { FrameworkRecord } from '../frameworks/types.js';
import { TOOL_NAME, TOOL_VERSION } from '../version.js';

export const RECORD_FILE = '.create-backend-fit.json';
export const PRISTINE_FILE = '.create-backend-fit.pristine.json';

export interface GenerationRecord {
  tool: string;
  version: string;
  answers: Omit<ProjectAnswers, 'install' | 'git'>;
}

/** Only declared answers are recorded; nothing from the environment, nothing secret, no timestamps. */
export function recordFile(answers: ProjectAnswers, framework: FrameworkRecord): string {
  const recorded: GenerationRecord = {
    tool: TOOL_NAME,
    version: TOOL_VERSION,
    answers: {
      projectName: answers.projectName,
      framework: framework.id,
      deploy: answers.deploy,
      database: answers.database === 'none' ? undefined : answers.database,
      language: answers.language,
      workload: answers.workload,
      style: answers.style,
      teamSize: answers.teamSize,
      rps: answers.rps,
      packageManager: answers.packageManager,
      goModule: answers.goModule,
      javaPackage: answers.javaPackage,
      templates: answers.templates,
      plopfile: answers.plopfile,
    },
  };
  return `${JSON.stringify(recorded, null, 2)}\n`;
}

export interface PristineFile {
  mode: number;
  text?: string;
  base64?: string;
}
export interface Pristine {
  version: string;
  files: Record<string, PristineFile>;
}

/** Stored as text when it is UTF-8 that survives a round trip through a string (isUtf8 says so without making one). */
const isText = (content: Buffer) => !content.includes(0) && isUtf8(content);

/** The render as the tool wrote it, before anyone edited it. */
export function pristineFile(files: { path: string; content: Buffer; mode: number }[]): string {
  const pristine: Pristine = {
    version: TOOL_VERSION,
    files: Object.fromEntries(
      files.map((f) => [f.path, isText(f.content) ? { mode: f.mode, text: f.content.toString('utf8') } : { mode: f.mode, base64: f.content.toString('base64') }]),
    ),
  };
  return `${JSON.stringify(pristine, null, 1)}\n`;
}

export function pristineContent(file: PristineFile): Buffer {
  return file.text !== undefined ? Buffer.from(file.text, 'utf8') : Buffer.from(file.base64 ?? '', 'base64');
}
