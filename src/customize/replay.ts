/**
 * `--answers FILE`: a recorded .create-backend-fit.json replayed without prompts. The file is untrusted input,
 * validated field by field (src/customize/records.ts); a bad value names the file and the field, not a flag the user
 * never typed.
 */
import type { ProjectAnswers } from '../answers.js';
import { recordError } from '../errors.js';
import { readRecordJson, validateAnswers } from './records.js';

/** The fields a replay takes from a record; the rest (install, git) are this run's flags. */
const REPLAYED = ['projectName', 'framework', 'deploy', 'database', 'language', 'workload', 'style', 'teamSize', 'rps', 'packageManager', 'goModule', 'javaPackage', 'templates', 'plopfile'] as const;

export function readReplay(file: string, shown: string): Partial<ProjectAnswers> {
  const raw = readRecordJson(file, shown, () => recordError(shown, '', 'no such file (--answers).'));
  const answers = validateAnswers(raw, shown) as Record<string, unknown>;
  return Object.fromEntries(REPLAYED.filter((field) => answers[field] !== undefined).map((field) => [field, answers[field]])) as Partial<ProjectAnswers>;
}
