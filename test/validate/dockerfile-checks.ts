/**
 * The project's own Dockerfile checks (docs/contract.md: multi-stage, small runtime image, non-root user, base
 * images pinned to a major version, a .dockerignore), each returning what is wrong in words a failure can show.
 */
import fs from 'node:fs';
import path from 'node:path';
import { buildContextFiles, isExcluded, parseDockerignore, patternRegex } from './dockerignore.js';
import { commandTargets, copyArgs, finalStage, isRemote, pinnedProblem, stageRef, type Dockerfile } from './dockerfile.js';

/** Fewer than two stages, or a base image that is `latest`, untagged or names no major version. */
export function stageProblems(file: Dockerfile): string[] {
  const problems: string[] = [];
  if (file.stages.length < 2) problems.push(`${file.stages.length} FROM instruction(s): not a multi-stage build`);
  for (const stage of file.stages) {
    if (stageRef(file, stage.base, stage.index) || stage.base === 'scratch') continue;
    const problem = pinnedProblem(stage.base);
    if (problem) problems.push(`line ${stage.from.line}: FROM ${problem}`);
  }
  return problems;
}

/** The final stage must say USER, and not root (by name or uid 0). */
export function userProblem(file: Dockerfile): string | undefined {
  const final = finalStage(file);
  if (!final.user) return 'the final stage sets no USER (so it runs as the base image user, root unless the image says otherwise)';
  const [user] = final.user.value.split(':');
  if (user === 'root' || user === '0' || user === '') return `line ${final.user.line}: USER ${final.user.value} is root`;
  return undefined;
}

/**
 * Every COPY/ADD source read from the build context (no --from) must be in the generated project and not left out
 * by .dockerignore. A wildcard may match nothing (BuildKit allows it), but must not match only excluded files.
 */
export function copySourceProblems(file: Dockerfile, projectDir: string): string[] {
  const problems: string[] = [];
  const ignoreFile = path.join(projectDir, '.dockerignore');
  if (!fs.existsSync(ignoreFile)) problems.push('the project has no .dockerignore');
  const ignore = fs.existsSync(ignoreFile) ? parseDockerignore(fs.readFileSync(ignoreFile, 'utf8')) : [];
  const context = buildContextFiles(projectDir);
  const onDisk = listFiles(projectDir);
  const inContext = (p: string) => p === '.' || context.some((f) => f === p || f.startsWith(`${p}/`));
  for (const stage of file.stages) {
    for (const instruction of stage.instructions) {
      if ((instruction.keyword !== 'COPY' && instruction.keyword !== 'ADD') || instruction.flags.from) continue;
      const { sources } = copyArgs(instruction, file.globalArgs);
      for (const source of sources) {
        if (instruction.keyword === 'ADD' && isRemote(source)) continue;
        const rel = path.posix.normalize(source.replace(/^\/+/, '')).replace(/\/+$/, '') || '.';
        const where = `line ${instruction.line}: ${instruction.keyword} ${source}`;
        if (/[*?[]/.test(rel)) {
          const re = patternRegex(rel);
          const matched = onDisk.filter((f) => ancestorsAndSelf(f).some((p) => re.test(p)));
          const sent = matched.filter((f) => inContext(f));
          if (matched.length > 0 && sent.length === 0) problems.push(`${where}: matches only files .dockerignore excludes (${matched.join(', ')})`);
          continue;
        }
        if (inContext(rel)) continue;
        if (fs.existsSync(path.join(projectDir, rel))) {
          problems.push(`${where}: in the project, but .dockerignore excludes ${isExcluded(ignore, rel) ? 'it' : 'everything in it'}`);
        } else {
          problems.push(`${where}: not in the generated project`);
        }
      }
    }
  }
  return problems;
}

/** The final stage must say how to probe it (HEALTHCHECK CMD ...), as shared/CONTRACT.md's probes do in Kubernetes. */
export function healthcheckProblem(file: Dockerfile): string | undefined {
  const checks = file.stages.at(-1)!.instructions.filter((i) => i.keyword === 'HEALTHCHECK');
  if (checks.length === 0) return 'the final stage has no HEALTHCHECK';
  const last = checks.at(-1)!;
  // Its options (--interval=10s ...) come before CMD; the reader splits flags off only for COPY and ADD.
  if (!/^(--[\w-]+=\S+\s+)*CMD\s/i.test(last.args)) return `line ${last.line}: HEALTHCHECK ${last.args} runs no probe`;
  return undefined;
}

/** The final CMD/ENTRYPOINT must run (or load) something a COPY --from of the final stage brought from a build stage. */
export function commandProblem(file: Dockerfile): string | undefined {
  const final = finalStage(file);
  if (final.argv.length === 0) return 'the final stage has no CMD or ENTRYPOINT';
  if (commandTargets(final).length > 0) return undefined;
  const copies = final.copiesFromStages.map((c) => `COPY --from=${c.from.name ?? c.from.index} ${c.sources.join(' ')} ${c.dest} (line ${c.line})`);
  return `${JSON.stringify(final.argv)} (in ${final.workdir}) runs nothing that these copies from a build stage put in the image: ${copies.join('; ') || 'there is no COPY --from'}`;
}

const ancestorsAndSelf = (rel: string) => rel.split('/').map((_, i, parts) => parts.slice(0, i + 1).join('/'));

/** Every file under dir, forward-slash relative paths. */
export function listFiles(dir: string, rel = ''): string[] {
  return fs.readdirSync(path.join(dir, rel), { withFileTypes: true }).flatMap((entry) => {
    const p = rel ? `${rel}/${entry.name}` : entry.name;
    return entry.isDirectory() ? listFiles(dir, p) : [p];
  });
}
