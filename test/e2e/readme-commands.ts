/**
 * The commands a generated README prints, read back from it, so the e2e suite runs them as a user pastes them:
 * the "Run it" block (install, test, start), and the Lambda emulator line as the words a shell makes of it.
 */
import { execFileSync } from 'node:child_process';

export interface PrintedCommands {
  install: string;
  test: string;
  start: string;
  /** `aws-lambda-rie <these words>`, split as sh splits them; serverless starters only. */
  lambdaArgv?: string[];
}

export function readmeCommands(readme: string): PrintedCommands {
  const block = /^## Run it\n\n```sh\n([\s\S]*?)```/m.exec(readme);
  if (!block) throw new Error('the README has no "## Run it" block of sh commands');
  const lines = block[1]!.trim().split('\n');
  if (lines.length !== 3) throw new Error(`"## Run it" should hold install, test and start; it holds:\n${lines.join('\n')}`);
  const [install, test, start] = lines as [string, string, string];
  const rie = /^aws-lambda-rie (.+)$/m.exec(readme)?.[1];
  const lambdaArgv = rie === undefined ? undefined : execFileSync('sh', ['-c', `printf '%s\\0' ${rie}`], { encoding: 'utf8' }).split('\0').slice(0, -1);
  return { install, test, start, lambdaArgv };
}
