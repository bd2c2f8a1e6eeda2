/**
 * The command line as data: one table of options, from which parsing, validation messages and --help derive.
 * Pure: argv in, parsed command out, or a usage error that names the flag and lists the valid values.
 */
import { PACKAGE_MANAGERS, STYLES, TEAM_LANGUAGES, WORKLOADS } from './answers.js';
import { usageError } from './errors.js';
import { closest, editDistance, typoBudget } from './suggest.js';
import { DEPLOY_TARGETS, FRAMEWORK_IDS } from './frameworks/types.js';

export const COMMANDS = ['create', 'recommend', 'list', 'eject', 'update'] as const;
export type CommandName = (typeof COMMANDS)[number];

/** Which commands an option applies to: given to any other, it is a usage error, and only theirs show in its --help. */
type AppliesTo = readonly CommandName[];
type OptionSpec = { for: AppliesTo } & (
  | { kind: 'choice'; choices: readonly string[]; help: string }
  | { kind: 'integer'; min: number; help: string; placeholder: string }
  | { kind: 'string'; help: string; placeholder: string }
  | { kind: 'boolean'; help: string; negatable?: boolean; short?: string }
);

const CREATE: AppliesTo = ['create'];
const DECIDING: AppliesTo = ['create', 'recommend'];

export const OPTIONS = {
  framework: { for: DECIDING, kind: 'choice', choices: FRAMEWORK_IDS, help: 'skip the questions: use this framework' },
  deploy: { for: DECIDING, kind: 'choice', choices: ['containers', 'serverless'] as const satisfies typeof DEPLOY_TARGETS, help: 'long-lived containers (default) or serverless (AWS Lambda)' },
  language: { for: DECIDING, kind: 'choice', choices: TEAM_LANGUAGES, help: "the language your team already writes ('any' if none yet)" },
  workload: { for: DECIDING, kind: 'choice', choices: WORKLOADS, help: 'what the service mostly does' },
  style: { for: DECIDING, kind: 'choice', choices: STYLES, help: 'structure and conventions, or control and less ceremony' },
  'team-size': { for: DECIDING, kind: 'integer', min: 1, placeholder: 'N', help: 'how many engineers work on it' },
  rps: { for: DECIDING, kind: 'integer', min: 0, placeholder: 'N', help: 'expected sustained requests per second' },
  'package-manager': { for: CREATE, kind: 'choice', choices: PACKAGE_MANAGERS, help: 'for Node starters (default: the one that ran this tool)' },
  name: { for: CREATE, kind: 'string', placeholder: 'NAME', help: "the project's name (default: the folder's name, the last part of its path)" },
  'go-module': { for: CREATE, kind: 'string', placeholder: 'PATH', help: 'Go module path (default: example.com/<name>)' },
  'java-package': { for: CREATE, kind: 'string', placeholder: 'NAME', help: 'Java package (default: com.example.<name>)' },
  templates: { for: CREATE, kind: 'string', placeholder: 'DIR', help: "your templates, same layout as the built-in ones, layered over them" },
  plopfile: { for: CREATE, kind: 'string', placeholder: 'FILE', help: 'a plopfile whose helpers our templates can use and whose generators run after ours' },
  trust: { for: ['create', 'update'], kind: 'boolean', help: 'run the team plopfile without asking (needed when not interactive)' },
  answers: { for: CREATE, kind: 'string', placeholder: 'FILE', help: 'replay a recorded .create-backend-fit.json, without prompts' },
  install: { for: CREATE, kind: 'boolean', negatable: true, help: 'install dependencies (--no-install to skip)' },
  git: { for: CREATE, kind: 'boolean', negatable: true, help: 'git init and a first commit (--no-git to skip)' },
  yes: { for: ['create', 'recommend', 'update'], kind: 'boolean', short: 'y', help: 'no prompts: accept the recommendation and defaults' },
  'dry-run': { for: CREATE, kind: 'boolean', help: 'print the files it would write, write nothing' },
  json: { for: COMMANDS, kind: 'boolean', help: 'machine-readable output on stdout' },
  force: { for: ['create', 'eject'], kind: 'boolean', help: 'write into a folder that has files (never replaces or deletes one)' },
  help: { for: COMMANDS, kind: 'boolean', short: 'h', help: 'show this help' },
  version: { for: CREATE, kind: 'boolean', short: 'v', help: 'print the version' },
} as const satisfies Record<string, OptionSpec>;

export type OptionName = keyof typeof OPTIONS;
type ValueOf<S> = S extends { kind: 'choice'; choices: readonly (infer C)[] }
  ? C
  : S extends { kind: 'integer' }
    ? number
    : S extends { kind: 'string' }
      ? string
      : boolean;
export type ParsedOptions = { -readonly [K in OptionName]?: ValueOf<(typeof OPTIONS)[K]> };

export interface ParsedArgs {
  command: CommandName;
  dir?: string;
  /** For `eject`: the framework whose templates to copy. */
  framework?: string;
  options: ParsedOptions;
}

/** How many positionals each subcommand takes after its name, what they mean, and what the command does. */
const SUBCOMMANDS: Record<Exclude<CommandName, 'create'>, { max: number; usage: string; summary: string }> = {
  recommend: { max: 0, usage: 'recommend [options]', summary: 'only the decision: the framework the article\'s rules pick, with the reasons for and against each' },
  list: { max: 0, usage: 'list [--json]', summary: 'the frameworks, their deploy targets and commands' },
  eject: { max: 2, usage: 'eject <framework> [dir]', summary: "copy one framework's templates into dir, to customize with --templates" },
  update: { max: 1, usage: 'update [dir]', summary: "re-render a generated project with today's templates, merging your edits" },
};
const SUBCOMMAND_NAMES = Object.keys(SUBCOMMANDS);
/** Words people type for help and version that would otherwise become a project of that name. */
const NOT_A_PROJECT: Record<string, string> = { help: '--help', version: '--version' };
const TOOL = 'create-backend-fit ';

const SHORT = new Map<string, OptionName>(
  Object.entries(OPTIONS).flatMap(([name, spec]) => ('short' in spec && spec.short ? [[spec.short, name as OptionName]] : [])),
);
/** Every spelling of a long option, for "did you mean": its name, and --no-<name> where it is negatable. */
const LONG_SPELLINGS = Object.entries(OPTIONS as Record<string, OptionSpec>).flatMap(([name, spec]) =>
  spec.kind === 'boolean' && spec.negatable ? [name, `no-${name}`] : [name],
);

/** A first word that looks like a command but is not one: a usage error, not a project of that name. */
function refuseNearCommand(word: string): void {
  if (/[\\/]/.test(word)) return;
  const meant = NOT_A_PROJECT[word.toLowerCase()] ?? SUBCOMMAND_NAMES.find((c) => editDistance(word.toLowerCase(), c) <= typoBudget(c));
  if (!meant) return;
  throw usageError(`"${word}" is not a command. Did you mean ${TOOL}${meant}? To make a project of that name, write it as a path: ./${word}`);
}

export function parseArgs(argv: readonly string[]): ParsedArgs {
  const options: Record<string, unknown> = {};
  const positionals: string[] = [];
  // Everything after `--` is a folder name, never a subcommand: `create-backend-fit -- list` makes ./list.
  let literalFrom = Infinity;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') {
      literalFrom = positionals.length;
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (!arg.startsWith('-') || arg === '-') {
      positionals.push(arg);
      continue;
    }
    let name: string;
    let inline: string | undefined;
    if (arg.startsWith('--')) {
      const eq = arg.indexOf('=');
      name = eq === -1 ? arg.slice(2) : arg.slice(2, eq);
      inline = eq === -1 ? undefined : arg.slice(eq + 1);
    } else {
      const short = SHORT.get(arg.slice(1));
      if (!short) throw usageError(`Unknown option ${arg}. Run with --help to see the options.`);
      name = short;
    }
    let negated = false;
    if (!(name in OPTIONS) && name.startsWith('no-')) {
      const base = name.slice(3);
      const spec = (OPTIONS as Record<string, OptionSpec>)[base];
      if (spec?.kind === 'boolean' && spec.negatable) {
        name = base;
        negated = true;
      }
    }
    const spec = (OPTIONS as Record<string, OptionSpec>)[name];
    if (!spec) {
      const hint = closest(name, LONG_SPELLINGS);
      throw usageError(`Unknown option --${name}.${hint ? ` Did you mean --${hint}?` : ''} Run with --help to see the options.`);
    }
    if (spec.kind === 'boolean') {
      if (inline !== undefined) throw usageError(`--${name} takes no value.`);
      options[name] = !negated;
      continue;
    }
    const value = inline ?? argv[++i];
    if (value === undefined || (inline === undefined && value.startsWith('--'))) {
      throw usageError(`--${name} needs a value${spec.kind === 'choice' ? `: one of ${spec.choices.join(', ')}` : ''}.`);
    }
    options[name] = parseValue(name, spec, value);
  }

  const first = positionals[0];
  if (literalFrom > 0 && first !== undefined && first in SUBCOMMANDS) {
    const command = positionals.shift() as Exclude<CommandName, 'create'>;
    checkOptionsApply(command, options);
    // `eject --help` shows eject's help, even without the framework it would need.
    if (options.help) return { command, dir: undefined, options: options as ParsedOptions };
    const { max, usage } = SUBCOMMANDS[command];
    if (positionals.length > max) {
      throw usageError(max === 0 ? `${command} takes no folder argument (got "${positionals[0]}").` : `Usage: ${usage}`);
    }
    if (command === 'eject') {
      const framework = positionals.shift();
      if (framework === undefined || !(FRAMEWORK_IDS as readonly string[]).includes(framework)) {
        throw usageError(`Usage: ${usage}, with a framework among ${FRAMEWORK_IDS.join(', ')}${framework ? ` (got "${framework}")` : ''}.`);
      }
      return { command, framework, dir: positionals[0], options: options as ParsedOptions };
    }
    return { command, dir: positionals[0], options: options as ParsedOptions };
  }
  if (literalFrom > 0 && first !== undefined) refuseNearCommand(first);
  checkOptionsApply('create', options);
  if (positionals.length > 1) {
    throw usageError(`Expected one project folder, got ${positionals.length}: ${positionals.map((p) => `"${p}"`).join(' ')}. Quote a name with spaces.`);
  }
  return { command: 'create', dir: positionals[0], options: options as ParsedOptions };
}

/** An option given to a command that does not take it would be silently ignored: say so, and what the command takes. */
function checkOptionsApply(command: CommandName, options: Record<string, unknown>): void {
  for (const name of Object.keys(options)) {
    const spec = (OPTIONS as Record<string, OptionSpec>)[name]!;
    if (spec.for.includes(command)) continue;
    throw usageError(
      `--${name} does not apply to ${command === 'create' ? 'making a project' : command} (it is for ${spec.for.join(', ')}). See ${TOOL}${command === 'create' ? '' : `${command} `}--help for its options.`,
    );
  }
}

function parseValue(name: string, spec: Exclude<OptionSpec, { kind: 'boolean' }>, value: string): unknown {
  switch (spec.kind) {
    case 'choice': {
      // Values are matched as people type them: FastAPI, Spring-Boot, PNPM.
      const exact = spec.choices.find((c) => c === value.trim().toLowerCase());
      if (exact) return exact;
      const hint = closest(value.trim(), spec.choices);
      throw usageError(`--${name} ${JSON.stringify(value)} is not valid.${hint ? ` Did you mean ${hint}?` : ''} Valid values: ${spec.choices.join(', ')}.`);
    }
    case 'integer': {
      if (!/^\d+$/.test(value.trim()) || Number(value) < spec.min || !Number.isSafeInteger(Number(value))) {
        throw usageError(`--${name} ${JSON.stringify(value)} is not valid: give a whole number, ${spec.min} or more.`);
      }
      return Number(value);
    }
    case 'string':
      if (value.trim() === '') throw usageError(`--${name} needs a non-empty value.`);
      return value;
  }
}

/** The help of one command: its usage and only the options it takes (the top-level help is `create`'s). */
export function helpText(toolName: string, version: string, command: CommandName = 'create'): string {
  const rows = Object.entries(OPTIONS as Record<string, OptionSpec>)
    .filter(([, spec]) => spec.for.includes(command))
    .map(([name, spec]) => {
      const flag =
        spec.kind === 'choice'
          ? `--${name} ${spec.choices.join('|')}`
          : spec.kind === 'boolean'
            ? `${'short' in spec && spec.short ? `-${spec.short}, ` : ''}--${name}`
            : `--${name} ${spec.placeholder}`;
      return [flag, spec.help] as const;
    });
  const width = Math.min(60, Math.max(...rows.map(([flag]) => flag.length)) + 2);
  const lines = rows.map(([flag, help]) => (flag.length + 2 > width ? `  ${flag}\n  ${' '.repeat(width)}${help}` : `  ${flag.padEnd(width)}${help}`));
  if (command !== 'create') {
    const { usage, summary } = SUBCOMMANDS[command];
    return `Usage: ${toolName} ${usage}\n\n${summary[0]!.toUpperCase()}${summary.slice(1)}.\n\nOptions:\n${lines.join('\n')}\n`;
  }
  return `${toolName} ${version}: pick a backend framework the way the 2026 roundup says to, and get a starter that runs.

Usage:
  ${toolName} [dir] [options]     decide (unless --framework), generate into dir (a name or a path; . for here), install
  ${toolName} recommend [options] only the decision (--json for machine output)
  ${toolName} list [--json]       the frameworks and their commands
  ${toolName} eject <framework> [dir]   copy one framework's templates into dir, to customize with --templates
  ${toolName} update [dir]        re-render a generated project with today's templates, merging your edits
  ${toolName} <command> --help    that command's options only

Options:
${lines.join('\n')}

Exit codes: 0 done, 1 failed (nothing of yours touched), 2 bad command line, 3 generated but git or install
failed (the retry command is printed), 130 interrupted.
`;
}
