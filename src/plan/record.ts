/** The record of how a project was generated, so it can be generated again (replay) or updated later. */
import type { ProjectAnswers } from '../answers.js';
import type { FrameworkRecord } from '../frameworks/types.js';
import { TOOL_NAME, TOOL_VERSION } from '../version.js';

export const RECORD_FILE = '.create-backend-fit.json';

/** Only declared answers are recorded; nothing from the environment, nothing secret, no timestamps. */
export function recordFile(answers: ProjectAnswers, framework: FrameworkRecord): string {
  const recorded = {
    tool: TOOL_NAME,
    version: TOOL_VERSION,
    answers: {
      projectName: answers.projectName,
      framework: framework.id,
      deploy: answers.deploy,
      language: answers.language,
      workload: answers.workload,
      style: answers.style,
      teamSize: answers.teamSize,
      rps: answers.rps,
      packageManager: answers.packageManager,
      goModule: answers.goModule,
      javaPackage: answers.javaPackage,
    },
  };
  return `${JSON.stringify(recorded, null, 2)}\n`;
}
