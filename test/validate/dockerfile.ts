/**
 * A Dockerfile reader for the project's own checks (hadolint does the linting): instructions with their flags,
 * stages, and what the final stage copies and runs. Close enough to BuildKit's parser for what the starters use:
 * parser directives, `#` comments, line continuations (the escape character may be set by `# escape=`), JSON (exec)
 * and shell forms, `--flag=value` options, ARG/ENV substitution. Heredocs are refused loudly rather than misread.
 */
import path from 'node:path';

export interface Instruction {
  keyword: string;
  /** The text after the keyword, continuation lines joined. */
  args: string;
  /** `--name=value` options at the start of args (COPY --from, --chown, ...). */
  flags: Record<string, string>;
  /** args without the flags. */
  rest: string;
  line: number;
}

export interface Stage {
  index: number;
  name?: string;
  /** The image or earlier stage it starts from, ARGs substituted. */
  base: string;
  from: Instruction;
  instructions: Instruction[];
}

export interface Dockerfile {
  globalArgs: Record<string, string>;
  stages: Stage[];
}

/** What a Debian-based image sets PATH to unless it says otherwise (node, python, golang, rust, temurin). */
export const DEFAULT_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

export function parseDockerfile(text: string): Dockerfile {
  const lines = text.split(/\r?\n/);
  let escape = '\\';
  // Parser directives: `# key=value` lines at the very top.
  let i = 0;
  for (; i < lines.length; i++) {
    const m = /^#\s*([a-zA-Z]+)\s*=\s*(\S+)\s*$/.exec(lines[i]!);
    if (!m) break;
    if (m[1]!.toLowerCase() === 'escape') escape = m[2]!;
  }
  const instructions: Instruction[] = [];
  let current: { text: string; line: number } | undefined;
  for (; i < lines.length; i++) {
    const raw = lines[i]!;
    const trimmed = raw.trim();
    // Comment lines are dropped, also between continuation lines.
    if (trimmed.startsWith('#')) continue;
    if (current === undefined) {
      if (trimmed === '') continue;
      current = { text: '', line: i + 1 };
    }
    const continued = trimmed.endsWith(escape) && !trimmed.endsWith(escape + escape);
    current.text += (current.text ? ' ' : '') + (continued ? trimmed.slice(0, -escape.length).trim() : trimmed);
    if (!continued) {
      instructions.push(toInstruction(current.text, current.line));
      current = undefined;
    }
  }
  if (current) instructions.push(toInstruction(current.text, current.line));

  const globalArgs: Record<string, string> = {};
  const stages: Stage[] = [];
  for (const instruction of instructions) {
    if (instruction.keyword === 'FROM') {
      const words = instruction.rest.split(/\s+/);
      const base = substitute(words[0] ?? '', globalArgs);
      const name = words[1]?.toUpperCase() === 'AS' ? words[2]?.toLowerCase() : undefined;
      stages.push({ index: stages.length, name, base, from: instruction, instructions: [] });
    } else if (stages.length === 0) {
      if (instruction.keyword !== 'ARG') throw new Error(`Dockerfile line ${instruction.line}: ${instruction.keyword} before the first FROM`);
      Object.assign(globalArgs, parseArg(instruction.rest));
    } else {
      stages.at(-1)!.instructions.push(instruction);
    }
  }
  return { globalArgs, stages };
}

function toInstruction(text: string, line: number): Instruction {
  const m = /^(\S+)\s*(.*)$/s.exec(text)!;
  const keyword = m[1]!.toUpperCase();
  const args = m[2]!;
  if (/<<-?\s*["']?[A-Za-z_]/.test(args) && ['RUN', 'COPY', 'ADD'].includes(keyword)) {
    throw new Error(`Dockerfile line ${line}: heredocs are not supported by this checker; extend test/validate/dockerfile.ts`);
  }
  const flags: Record<string, string> = {};
  let rest = args;
  if (['COPY', 'ADD', 'RUN', 'FROM'].includes(keyword)) {
    for (;;) {
      const f = /^--([a-zA-Z-]+)(?:=(\S*))?\s*/.exec(rest);
      if (!f) break;
      flags[f[1]!] = f[2] ?? 'true';
      rest = rest.slice(f[0].length);
    }
  }
  return { keyword, args, flags, rest, line };
}

function parseArg(rest: string): Record<string, string> {
  const [name, ...value] = rest.split('=');
  return { [name!.trim()]: value.length > 0 ? unquote(value.join('=').trim()) : '' };
}

const unquote = (s: string) => words(s, {}).join(' ');

/** `$NAME`, `${NAME}`, `${NAME:-default}`, `${NAME:+alt}` against vars (unknown names are empty, as in Docker). */
export function substitute(text: string, vars: Record<string, string>): string {
  return text.replace(/\$(?:\{([A-Za-z_][A-Za-z0-9_]*)(?::([-+])([^}]*))?\}|([A-Za-z_][A-Za-z0-9_]*))/g, (_, braced, op, word, bare) => {
    const value = vars[braced ?? bare];
    if (op === '-') return value ? value : word;
    if (op === '+') return value ? word : '';
    return value ?? '';
  });
}

/** Splits shell-like words with quotes and backslashes, substituting variables outside single quotes. */
export function words(text: string, vars: Record<string, string>): string[] {
  const out: string[] = [];
  let word: string | undefined;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (/\s/.test(ch)) {
      if (word !== undefined) out.push(word);
      word = undefined;
    } else if (ch === "'") {
      const end = text.indexOf("'", i + 1);
      word = (word ?? '') + text.slice(i + 1, end === -1 ? undefined : end);
      i = end === -1 ? text.length : end;
    } else if (ch === '"') {
      let j = i + 1;
      let inner = '';
      for (; j < text.length && text[j] !== '"'; j++) inner += text[j] === '\\' && j + 1 < text.length ? text[++j] : text[j];
      word = (word ?? '') + substitute(inner, vars);
      i = j;
    } else if (ch === '\\' && i + 1 < text.length) {
      word = (word ?? '') + text[++i];
    } else if (ch === '$') {
      const m = /^\$(?:\{[^}]*\}|[A-Za-z_][A-Za-z0-9_]*)/.exec(text.slice(i));
      if (m) {
        word = (word ?? '') + substitute(m[0], vars);
        i += m[0].length - 1;
      } else word = (word ?? '') + ch;
    } else {
      word = (word ?? '') + ch;
    }
  }
  if (word !== undefined) out.push(word);
  return out;
}

/** ENV's `K=V K2="v 2"` form (or the legacy `K value`), applied to vars. */
export function applyEnv(rest: string, vars: Record<string, string>): void {
  if (!/^[A-Za-z_][A-Za-z0-9_]*=/.test(rest.trim())) {
    const m = /^(\S+)\s+(.*)$/s.exec(rest.trim());
    if (m) vars[m[1]!] = m[2]!;
    return;
  }
  for (const pair of words(rest, vars)) {
    const eq = pair.indexOf('=');
    if (eq > 0) vars[pair.slice(0, eq)] = pair.slice(eq + 1);
  }
}

/** Exec form (a JSON array) or shell form, as argv. */
export function commandArgv(rest: string): { argv: string[]; exec: boolean } {
  const trimmed = rest.trim();
  if (trimmed.startsWith('[')) {
    try {
      const parsed = JSON.parse(trimmed);
      if (Array.isArray(parsed) && parsed.every((x) => typeof x === 'string')) return { argv: parsed, exec: true };
    } catch {
      // Not valid JSON: Docker runs it in the shell form.
    }
  }
  return { argv: ['/bin/sh', '-c', trimmed], exec: false };
}

/** COPY/ADD sources and destination (JSON or whitespace form). */
export function copyArgs(instruction: Instruction, vars: Record<string, string>): { sources: string[]; dest: string } {
  const trimmed = instruction.rest.trim();
  let parts: string[];
  if (trimmed.startsWith('[')) parts = (JSON.parse(trimmed) as string[]).map((p) => substitute(p, vars));
  else parts = words(trimmed, vars);
  if (parts.length < 2) throw new Error(`Dockerfile line ${instruction.line}: ${instruction.keyword} needs a source and a destination`);
  return { sources: parts.slice(0, -1), dest: parts.at(-1)! };
}

export const isRemote = (source: string) => /^[a-z][a-z0-9+.-]*:\/\//i.test(source) || /^git@/.test(source);

/** The stage a name or index refers to, if it is one of this file's stages (else it is an image). */
export function stageRef(file: Dockerfile, ref: string, before: number): Stage | undefined {
  const lower = ref.toLowerCase();
  return file.stages.find((s) => s.index < before && (s.name === lower || String(s.index) === ref));
}

/** The stages the final one needs (FROM <stage> and COPY --from=<stage>, transitively): what `docker build` builds. */
export function neededStages(file: Dockerfile): Stage[] {
  const needed = new Set<number>();
  const visit = (stage: Stage) => {
    if (needed.has(stage.index)) return;
    needed.add(stage.index);
    const parent = stageRef(file, stage.base, stage.index);
    if (parent) visit(parent);
    for (const instruction of stage.instructions) {
      const from = instruction.flags.from;
      if ((instruction.keyword === 'COPY' || instruction.keyword === 'ADD' || instruction.keyword === 'RUN') && from) {
        const source = stageRef(file, from, stage.index);
        if (source) visit(source);
      }
    }
  };
  visit(file.stages.at(-1)!);
  return file.stages.filter((s) => needed.has(s.index));
}

/** A base image reference split into repository, tag and digest. */
export function imageRef(ref: string): { repository: string; tag?: string; digest?: string } {
  const [nameAndTag, digest] = ref.split('@');
  const slash = nameAndTag!.lastIndexOf('/');
  const colon = nameAndTag!.lastIndexOf(':');
  if (colon > slash) return { repository: nameAndTag!.slice(0, colon), tag: nameAndTag!.slice(colon + 1), digest };
  return { repository: nameAndTag!, digest };
}

/**
 * Whether a base image is pinned to a major version: a digest, or a tag with a version number in it
 * (`node:24-bookworm-slim`, `python:3.13-slim`, `rust:1-bookworm`), or, for images that carry the version in their
 * name and a variant in the tag (distroless: `gcr.io/distroless/cc-debian12:nonroot`), a numbered repository with a
 * tag that is not `latest`. `latest` and no tag at all are never pinned.
 */
export function pinnedProblem(ref: string): string | undefined {
  const { repository, tag, digest } = imageRef(ref);
  if (ref.includes('$')) return `${ref}: an unresolved variable in the base image`;
  if (tag === 'latest') return `${ref}: the tag is "latest"`;
  if (digest) return undefined;
  if (tag === undefined) return `${ref}: no tag (Docker pulls "latest")`;
  if (/\d/.test(tag)) return undefined;
  if (/\d+$/.test(repository.split('/').at(-1)!)) return undefined;
  return `${ref}: the tag "${tag}" names no major version`;
}

/** What the final stage sets up: working directories, environment, user, copies from other stages, command. */
export interface FinalStage {
  stage: Stage;
  env: Record<string, string>;
  workdir: string;
  user?: { value: string; line: number };
  /** COPY --from=<stage> of the final stage, destinations absolute. */
  copiesFromStages: { from: Stage; sources: string[]; dest: string; destIsDir: boolean; line: number }[];
  argv: string[];
  execForm: boolean;
}

export function finalStage(file: Dockerfile): FinalStage {
  const stage = file.stages.at(-1)!;
  const env: Record<string, string> = { PATH: DEFAULT_PATH };
  let workdir = '/';
  let user: FinalStage['user'];
  const copiesFromStages: FinalStage['copiesFromStages'] = [];
  let entrypoint: ReturnType<typeof commandArgv> | undefined;
  let cmd: ReturnType<typeof commandArgv> | undefined;
  // A stage built FROM another stage inherits its workdir, env and command.
  const parent = stageRef(file, stage.base, stage.index);
  const instructions = [...(parent ? ancestry(file, parent) : []), ...stage.instructions];
  for (const instruction of instructions) {
    const vars = { ...file.globalArgs, ...env };
    switch (instruction.keyword) {
      case 'ENV':
        applyEnv(instruction.rest, env);
        break;
      case 'WORKDIR':
        workdir = path.posix.resolve(workdir, substitute(instruction.rest.trim(), vars));
        break;
      case 'USER':
        user = { value: substitute(instruction.rest.trim(), vars), line: instruction.line };
        break;
      case 'ENTRYPOINT':
        entrypoint = commandArgv(instruction.rest);
        cmd = undefined; // ENTRYPOINT resets an inherited CMD
        break;
      case 'CMD':
        cmd = commandArgv(instruction.rest);
        break;
      case 'COPY':
      case 'ADD': {
        const from = instruction.flags.from && stageRef(file, instruction.flags.from, stage.index);
        if (!from) break;
        const { sources, dest } = copyArgs(instruction, vars);
        const absDest = path.posix.resolve(workdir, dest);
        copiesFromStages.push({ from, sources, dest: absDest, destIsDir: dest.endsWith('/') || sources.length > 1, line: instruction.line });
        break;
      }
    }
  }
  let argv: string[];
  let execForm: boolean;
  if (entrypoint) {
    argv = entrypoint.exec ? [...entrypoint.argv, ...(cmd?.exec ? cmd.argv : [])] : entrypoint.argv;
    execForm = entrypoint.exec;
  } else {
    argv = cmd?.argv ?? [];
    execForm = cmd?.exec ?? false;
  }
  return { stage, env, workdir, user, copiesFromStages, argv, execForm };
}

function ancestry(file: Dockerfile, stage: Stage): Instruction[] {
  const parent = stageRef(file, stage.base, stage.index);
  return [...(parent ? ancestry(file, parent) : []), ...stage.instructions];
}

/** A path in the final image that the final command runs or loads, and the build-stage file it was copied from. */
export interface CommandTarget {
  /** Why this path is what the command runs (e.g. "argv[0] `python` on PATH"). */
  role: string;
  /** The path in the final image. */
  finalPath: string;
  /** Where the copies that provide it come from: the stage and the path in that stage's file system. */
  sources: { stage: Stage; path: string }[];
}

/**
 * What the final command runs that the build stages made: argv[0] (through PATH when it has no slash), path-like
 * arguments and a Java main class (as a .class under the working directory), each kept when a COPY --from puts it
 * in the final image. Empty when the command only runs what the base image has.
 */
export function commandTargets(final: FinalStage): CommandTarget[] {
  const candidates: { role: string; finalPath: string }[] = [];
  const [program, ...args] = final.argv;
  if (program !== undefined) {
    if (program.includes('/')) candidates.push({ role: `the program ${program}`, finalPath: path.posix.resolve(final.workdir, program) });
    else {
      // The first PATH folder that a copy from a build stage fills is where the program is found.
      for (const dir of (final.env.PATH ?? DEFAULT_PATH).split(':').filter(Boolean)) {
        candidates.push({ role: `the program ${program} (found on PATH in ${dir})`, finalPath: path.posix.join(dir, program) });
      }
    }
  }
  for (const arg of args) {
    if (arg.startsWith('-')) continue;
    if (arg.includes('/') || /\.(m?js|cjs|jar|py|sh|war)$/.test(arg)) {
      candidates.push({ role: `the file ${arg} the command names`, finalPath: path.posix.resolve(final.workdir, arg) });
    } else if (/^([a-z_][a-z0-9_]*\.)+[A-Z][A-Za-z0-9_$]*$/.test(arg)) {
      candidates.push({ role: `the main class ${arg}`, finalPath: path.posix.join(final.workdir, `${arg.replace(/\./g, '/')}.class`) });
    }
  }
  const targets: CommandTarget[] = [];
  for (const candidate of candidates) {
    const sources: CommandTarget['sources'] = [];
    for (const copy of final.copiesFromStages) {
      const dest = copy.dest.replace(/\/$/, '');
      for (const source of copy.sources) {
        // COPY --from paths are relative to the root of the stage they come from.
        const src = path.posix.resolve('/', source);
        if (candidate.finalPath === dest && !copy.destIsDir) {
          sources.push({ stage: copy.from, path: src });
        } else if (candidate.finalPath.startsWith(dest + '/')) {
          const rel = candidate.finalPath.slice(dest.length + 1);
          // A folder's contents land below the destination; a file copied into a folder keeps its name.
          sources.push({ stage: copy.from, path: path.posix.join(src, rel) });
          if (rel === path.posix.basename(src)) sources.push({ stage: copy.from, path: src });
        }
      }
    }
    if (sources.length > 0) targets.push({ ...candidate, sources });
  }
  return targets;
}
