/**
 * The command line as data: one table of options, from which parsing, validation messages and --help derive.
 * Pure: argv in, parsed command out, or a usage error that names the flag and lists the valid values.
 */
import { PACKAGE_MANAGERS, STYLES, TEAM_LANGUAGES, WORKLOADS } from './answers.js';
import { usageError } from './errors.js';
import { DATABASES, features } from './features/index.js';
import { DEPLOY_TARGETS, FRAMEWORK_IDS } from './frameworks/types.js';

type OptionSpec =
  | { kind: 'choice'; choices: readonly string[]; help: string }
  | { kind: 'integer'; min: number; help: string; placeholder: string }
  | { kind: 'string'; help: string; placeholder: string }
  | { kind: 'boolean'; help: string; negatable?: boolean; short?: string };

export const OPTIONS = {
  framework: { kind: 'choice', choices: FRAMEWORK_IDS, help: 'skip the questions: use this framework' },
  deploy: { kind: 'choice', choices: ['containers', 'serverless'] as const satisfies typeof DEPLOY_TARGETS, help: 'long-lived containers (default) or serverless (AWS Lambda)' },
  database: { kind: 'choice', choices: DATABASES, help: 'a real database behind the invoice routes, with migrations (default: none)' },
  language: { kind: 'choice', choices: TEAM_LANGUAGES, help: "the language your team already writes ('any' if none yet)" },
  workload: { kind: 'choice', choices: WORKLOADS, help: 'what the service mostly does' },
  style: { kind: 'choice', choices: STYLES, help: 'structure and conventions, or control and less ceremony' },
  'team-size': { kind: 'integer', min: 1, placeholder: 'N', help: 'how many engineers work on it' },
  rps: { kind: 'integer', min: 0, placeholder: 'N', help: 'expected sustained requests per second' },
  'package-manager': { kind: 'choice', choices: PACKAGE_MANAGERS, help: 'for Node starters (default: the one that ran this tool)' },
  'go-module': { kind: 'string', placeholder: 'PATH', help: 'Go module path (default: example.com/<name>)' },
  'java-package': { kind: 'string', placeholder: 'NAME', help: 'Java package (default: com.example.<name>)' },
  templates: { kind: 'string', placeholder: 'DIR', help: "your templates, same layout as the built-in ones, layered over them" },
  plopfile: { kind: 'string', placeholder: 'FILE', help: 'a plopfile whose helpers our templates can use and whose generators run after ours' },
  trust: { kind: 'boolean', help: 'run the team plopfile without asking (needed when not interactive)' },
  answers: { kind: 'string', placeholder: 'FILE', help: 'replay a recorded .create-backend-fit.json, without prompts' },
  install: { kind: 'boolean', negatable: true, help: 'install dependencies (--no-install to skip)' },
  git: { kind: 'boolean', negatable: true, help: 'git init and a first commit (--no-git to skip)' },
  yes: { kind: 'boolean', short: 'y', help: 'no prompts: accept the recommendation and defaults' },
  'dry-run': { kind: 'boolean', help: 'print the files it would write, write nothing' },
  json: { kind: 'boolean', help: 'machine-readable output on stdout' },
  force: { kind: 'boolean', help: 'write into a folder that has files (never replaces or deletes one)' },
  help: { kind: 'boolean', short: 'h', help: 'show this help' },
  version: { kind: 'boolean', short: 'v', help: 'print the version' },
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

export const COMMANDS = ['create', 'recommend', 'list', 'eject', 'update', 'add'] as const;
export type CommandName = (typeof COMMANDS)[number];

export interface ParsedArgs {
  command: CommandName;
  dir?: string;
  /** For `eject`: the framework whose templates to copy. */
  framework?: string;
  /** For `add`: the answer that selects the feature (`add database postgres`). */
  addition?: AddedFeature;
  options: ParsedOptions;
}

/** How many positionals each subcommand takes after its name, and what they mean. */
const SUBCOMMANDS: Record<Exclude<CommandName, 'create'>, { max: number; usage: string }> = {
  recommend: { max: 0, usage: 'recommend [options]' },
  list: { max: 0, usage: 'list [--json]' },
  eject: { max: 2, usage: 'eject <framework> [dir]' },
  update: { max: 1, usage: 'update [dir]' },
  add: { max: 3, usage: `add ${features.map((f) => `${f.answer.key} ${f.answer.value}`).join('|')} [dir]` },
};

/** What `add` adds: one feature's answer, as the record keeps it. */
export type AddedFeature = (typeof features)[number]['answer'];

const SHORT = new Map<string, OptionName>(
  Object.entries(OPTIONS).flatMap(([name, spec]) => ('short' in spec && spec.short ? [[spec.short, name as OptionName]] : [])),
);

function closest(input: string, candidates: readonly string[]): string | undefined {
  return candidates.find((c) => c.startsWith(input.slice(0, 3)) || input.startsWith(c.slice(0, 3)));
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
      const hint = closest(name, Object.keys(OPTIONS));
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
    if (command === 'add') {
      const [key, value, dir] = positionals;
      const feature = features.find((f) => f.answer.key === key && f.answer.value === value);
      if (!feature) throw usageError(`Usage: ${usage}${key ? ` (got "${[key, value].filter(Boolean).join(' ')}")` : ''}.`);
      return { command, addition: feature.answer, dir, options: options as ParsedOptions };
    }
    return { command, dir: positionals[0], options: options as ParsedOptions };
  }
  if (positionals.length > 1) {
    throw usageError(`Expected one project folder, got ${positionals.length}: ${positionals.map((p) => `"${p}"`).join(' ')}. Quote a name with spaces.`);
  }
  return { command: 'create', dir: positionals[0], options: options as ParsedOptions };
}

function parseValue(name: string, spec: Exclude<OptionSpec, { kind: 'boolean' }>, value: string): unknown {
  switch (spec.kind) {
    case 'choice':
      if (!spec.choices.includes(value)) {
        throw usageError(`--${name} ${JSON.stringify(value)} is not valid. Valid values: ${spec.choices.join(', ')}.`);
      }
      return value;
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

export function helpText(toolName: string, version: string): string {
  const rows = Object.entries(OPTIONS as Record<string, OptionSpec>).map(([name, spec]) => {
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
  return `${toolName} ${version}: pick a backend framework the way the 2026 roundup says to, and get a starter that runs.

Usage:
  ${toolName} [dir] [options]     decide (unless --framework), generate into dir, install
  ${toolName} recommend [options] only the decision (--json for machine output)
  ${toolName} list [--json]       the frameworks and their commands
  ${toolName} eject <framework> [dir]   copy one framework's templates into dir, to customize with --templates
  ${toolName} update [dir]        re-render a generated project with today's templates, merging your edits
  ${toolName} add database postgres [dir]   add a feature to a generated project, merging your edits, then install

Options:
${lines.join('\n')}

Exit codes: 0 done, 1 failed (nothing of yours touched), 2 bad command line, 3 generated but git or install
failed (the retry command is printed), 130 interrupted.
`;
}
