/**
 * Runs a Dockerfile's build stages without a Docker engine: each stage gets a scratch folder standing for its root
 * file system, WORKDIR/ENV/COPY are applied to it as Docker would (COPY takes only what .dockerignore lets into the
 * build context, so a step that needs a file the image would not have fails here too), and each RUN runs with
 * `sh -c` and the local toolchain standing in for the base image's. Absolute paths that belong to the image's own
 * layout (/app, /src, /opt/venv, /out, /workspace, ...) are mapped into the stage's folder; system folders (/usr,
 * /tmp, /dev, ...) are the machine's. RUN steps that install OS packages (apt-get, apk, ...) cannot work on a
 * machine that is not the image, and are skipped, by name; so are those that put a Node package manager on the image
 * (the e2e tools' copy of its pinned release runs instead).
 */
import fs from 'node:fs';
import path from 'node:path';
import { buildContextFiles, patternRegex } from './dockerignore.js';
import { applyEnv, copyArgs, DEFAULT_PATH, finalStage, neededStages, stageRef, substitute, type Dockerfile, type Instruction, type Stage } from './dockerfile.js';

/** Where the host's own folders are: never mapped into a stage's root. */
const SYSTEM_DIRS = new Set(['usr', 'bin', 'sbin', 'lib', 'lib32', 'lib64', 'libx32', 'etc', 'dev', 'proc', 'sys', 'tmp', 'var', 'run', 'root', 'home', 'nix', 'mnt', 'media', 'srv']);

/** An OS package manager at work: these need the image's distribution and root, not this machine. */
const OS_PACKAGE_INSTALL = /\b(apt-get|apt|aptitude|apk|yum|dnf|microdnf|zypper|tdnf)\s+(-\S+\s+)*(install|update|upgrade|add|dist-upgrade)\b|\bdpkg\s+-i\b|\brpm\s+-i/;

/**
 * A Node package manager put on the image (`corepack enable pnpm`, `npm install --global bun@1.4.4`): it would write
 * into the machine's Node installation, and the e2e tools folder's copy of the same pinned release (first on the
 * PATH the steps run with, test/e2e/tools.ts) stands in for it.
 */
const IMAGE_TOOL_SETUP = /^\s*(corepack\s+enable\b|npm\s+(install|i)\s+(-\S+\s+)*(--global|-g)\b)/;

/** Whether a RUN step is skipped here: it sets up the image itself rather than build the project. */
const skippedHere = (command: string) => OS_PACKAGE_INSTALL.test(command) || IMAGE_TOOL_SETUP.test(command);

export interface BuildStep {
  stage: Stage;
  instruction: Instruction;
  /** RUN steps skipped because they install OS packages or put a package manager on the image. */
  skipped: boolean;
}

/** The stages `docker build` would build for the final one (all but the last), in order, and their RUN steps. */
export function buildStages(file: Dockerfile): { stages: Stage[]; runs: BuildStep[] } {
  const stages = neededStages(file).slice(0, -1);
  const runs = stages.flatMap((stage) =>
    stage.instructions.filter((i) => i.keyword === 'RUN').map((instruction) => ({ stage, instruction, skipped: skippedHere(instruction.rest) })),
  );
  return { stages, runs };
}

export const stageLabel = (stage: Stage) => stage.name ?? String(stage.index);

/** A container path in a stage's root folder. */
export const inRoot = (root: string, containerPath: string) => path.join(root, path.posix.resolve('/', containerPath));

/** Absolute paths of the image's own layout in a command or value, mapped into root. */
export function mapPaths(text: string, root: string): string {
  return text.replace(/(^|[\s=:"'(<>|;&,])\/([A-Za-z0-9_.-]+)/g, (whole, before: string, first: string) =>
    SYSTEM_DIRS.has(first) ? whole : `${before}${root}/${first}`,
  );
}

export type RunStep = (command: string, cwd: string, env: NodeJS.ProcessEnv, step: BuildStep) => Promise<void>;

/**
 * Builds every needed stage into `scratch/<stage>` and returns those roots by stage index. `run` executes one RUN
 * (and throws when it fails); `env` is the machine's toolchain environment the commands start from.
 */
export async function runBuildStages(file: Dockerfile, projectDir: string, scratch: string, env: NodeJS.ProcessEnv, run: RunStep): Promise<Map<number, string>> {
  const { stages } = buildStages(file);
  const roots = new Map<number, string>();
  const context = buildContextFiles(projectDir);
  for (const stage of stages) {
    const root = path.join(scratch, `stage-${stage.index}-${stageLabel(stage)}`);
    fs.rmSync(root, { recursive: true, force: true });
    const parent = stageRef(file, stage.base, stage.index);
    if (parent) fs.cpSync(roots.get(parent.index)!, root, { recursive: true, verbatimSymlinks: true });
    fs.mkdirSync(root, { recursive: true });
    roots.set(stage.index, root);

    const imageEnv: Record<string, string> = { PATH: DEFAULT_PATH };
    const args: Record<string, string> = { ...file.globalArgs };
    let workdir = '/';
    for (const instruction of stage.instructions) {
      const vars = { ...args, ...imageEnv };
      switch (instruction.keyword) {
        case 'ARG': {
          const [name, ...value] = instruction.rest.split('=');
          args[name!.trim()] = value.length > 0 ? value.join('=').trim() : (args[name!.trim()] ?? '');
          break;
        }
        case 'ENV':
          applyEnv(instruction.rest, imageEnv);
          break;
        case 'WORKDIR':
          workdir = path.posix.resolve(workdir, substitute(instruction.rest.trim(), vars));
          fs.mkdirSync(inRoot(root, workdir), { recursive: true });
          break;
        case 'COPY':
        case 'ADD': {
          const { sources, dest } = copyArgs(instruction, vars);
          const from = instruction.flags.from ? stageRef(file, instruction.flags.from, stage.index) : undefined;
          if (instruction.flags.from && !from) throw new Error(`line ${instruction.line}: COPY --from=${instruction.flags.from} (an image) is not supported here`);
          const target = inRoot(root, path.posix.resolve(workdir, dest));
          const destIsDir = dest.endsWith('/') || sources.length > 1;
          for (const source of sources) {
            if (from) copyFromStage(inRoot(roots.get(from.index)!, source), target, destIsDir, instruction);
            else copyFromContext(projectDir, context, source, target, destIsDir, instruction);
          }
          break;
        }
        case 'RUN': {
          const step: BuildStep = { stage, instruction, skipped: skippedHere(instruction.rest) };
          if (step.skipped) break;
          fs.mkdirSync(inRoot(root, workdir), { recursive: true });
          await run(mapPaths(instruction.rest, root), inRoot(root, workdir), stepEnv(env, imageEnv, args, root), step);
          break;
        }
      }
    }
  }
  return roots;
}

/** The machine's environment, with the stage's ENV and ARGs on top (their image paths mapped into its root). */
function stepEnv(env: NodeJS.ProcessEnv, imageEnv: Record<string, string>, args: Record<string, string>, root: string): NodeJS.ProcessEnv {
  const out: NodeJS.ProcessEnv = { ...env };
  for (const [name, value] of Object.entries({ ...args, ...imageEnv })) {
    if (name === 'PATH') {
      // Folders the image adds come first, mapped; the image's standard ones are the machine's PATH.
      const added = value.split(':').filter((dir) => dir && !DEFAULT_PATH.split(':').includes(dir));
      out.PATH = [...added.map((dir) => mapPaths(dir, root)), env.PATH].join(path.delimiter);
    } else {
      out[name] = mapPaths(value, root);
    }
  }
  return out;
}

function copyFromStage(source: string, target: string, destIsDir: boolean, instruction: Instruction): void {
  if (!fs.existsSync(source)) throw new Error(`line ${instruction.line}: ${instruction.args}: ${source} does not exist in that stage`);
  if (fs.statSync(source).isDirectory()) {
    fs.mkdirSync(target, { recursive: true });
    fs.cpSync(source, target, { recursive: true, verbatimSymlinks: true });
  } else {
    const dest = destIsDir || isDir(target) ? path.join(target, path.basename(source)) : target;
    fs.mkdirSync(path.dirname(dest), { recursive: true });
    fs.cpSync(source, dest, { verbatimSymlinks: true });
  }
}

/** COPY from the build context: only files .dockerignore lets through; a folder's contents go into the target. */
function copyFromContext(projectDir: string, context: string[], source: string, target: string, destIsDir: boolean, instruction: Instruction): void {
  const rel = path.posix.normalize(source.replace(/^\/+/, '')).replace(/\/+$/, '') || '.';
  let matches: string[];
  if (/[*?[]/.test(rel)) {
    // Each match is copied as if it were named; a wildcard that matches nothing copies nothing (BuildKit allows it).
    const re = patternRegex(rel);
    const entries = new Set(context.flatMap((f) => f.split('/').map((_, i, parts) => parts.slice(0, i + 1).join('/'))));
    matches = [...entries].filter((e) => re.test(e));
    matches = matches.filter((m) => !matches.some((other) => other !== m && m.startsWith(`${other}/`)));
    destIsDir = destIsDir || matches.length > 1;
  } else {
    matches = [rel];
  }
  for (const match of matches) {
    const isFile = context.includes(match);
    const inside = match === '.' ? context : context.filter((f) => f.startsWith(`${match}/`));
    if (!isFile && inside.length === 0) throw new Error(`line ${instruction.line}: ${instruction.args}: ${match} is not in the build context`);
    if (isFile) {
      const dest = destIsDir || isDir(target) ? path.join(target, path.basename(match)) : target;
      fs.mkdirSync(path.dirname(dest), { recursive: true });
      fs.copyFileSync(path.join(projectDir, match), dest);
      fs.chmodSync(dest, fs.statSync(path.join(projectDir, match)).mode);
    } else {
      for (const file of inside) {
        const dest = path.join(target, match === '.' ? file : file.slice(match.length + 1));
        fs.mkdirSync(path.dirname(dest), { recursive: true });
        fs.copyFileSync(path.join(projectDir, file), dest);
        fs.chmodSync(dest, fs.statSync(path.join(projectDir, file)).mode);
      }
    }
  }
}

const isDir = (p: string) => fs.statSync(p, { throwIfNoEntry: false })?.isDirectory() ?? false;

/** What the final stage takes from the build stages: each COPY --from source, as a path in that stage's root. */
export function finalCopies(file: Dockerfile): { stage: Stage; source: string; line: number }[] {
  const final = finalStage(file);
  return final.copiesFromStages.flatMap((copy) => copy.sources.map((source) => ({ stage: copy.from, source: path.posix.resolve('/', source), line: copy.line })));
}
