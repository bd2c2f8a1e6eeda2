/**
 * The entry point: argv -> command -> exit code. The only place that knows about exit codes, TTYs and signals.
 * Heavy modules load only for the command that needs them, so --help stays fast: prompts (@clack/prompts, loaded by ask.ts),
 * processes (execa, processes.ts), Handlebars (plan/handlebars.ts) and node-plop (customize/plopfile.ts). The rest
 * is small and bundled into this file: each extra file costs Node's module loader about half a millisecond.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { DecisionInputs, PackageManager, ProjectAnswers } from './answers.js';
import { PACKAGE_MANAGERS } from './answers.js';
import { helpText, parseArgs, type ParsedArgs } from './args.js';
import { decide, decideRecorded, decisionJson } from './decide/decide.js';
import { formatDecision } from './decide/explain.js';
import { cancelled, CliError, EXIT, usageError } from './errors.js';
import { frameworks } from './frameworks/index.js';
import type { FrameworkId } from './frameworks/types.js';
import { prompts, type Prompts } from './ask.js';
import { bootstrap, gitCommands } from './bootstrap.js';
import { ejectFiles } from './customize/eject.js';
import { findPlopfile, loadPlopfile } from './customize/plopfile.js';
import { recordWithFeature } from './customize/add.js';
import { readGenerationRecord, updateProject } from './customize/update.js';
import { readReplay } from './customize/replay.js';
import { beginRun, interrupt, onInterruptSay, wasInterrupted } from './interrupt.js';
import { endChildren } from './processes.js';
import { chosenFeatures, getFeature, offeredFeatures, unofferedFeature, type FeatureAnswers } from './features/index.js';
import { commandsFor, relockFor } from './plan/commands.js';
import { RECORD_FILE } from './plan/record.js';
import { TemplateError } from './plan/layers.js';
import { deriveNames, NameError, type NameOverrides } from './plan/names.js';
import { plan } from './plan/plan.js';
import { resolveTarget, type Target } from './target.js';
import { TOOL_NAME, TOOL_VERSION } from './version.js';
import { writer } from './output.js';
import { removePendingTempDirs, writePlan } from './write.js';

export interface Io {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  interactive: boolean;
  env: NodeJS.ProcessEnv;
  cwd: string;
}

const defaultIo = (): Io => ({
  stdout: writer(1, () => process.stdout),
  stderr: writer(2, () => process.stderr),
  // Asked only when a command could prompt (not with --yes or --json), and with isatty: node:tty loads Node's net
  // and stream modules, and process.stdin.isTTY would also build a stream for stdin (about 3 ms together).
  // getBuiltinModule: a synchronous load, on demand, from an ES module.
  get interactive() {
    const { isatty } = process.getBuiltinModule('node:tty') as typeof import('node:tty');
    return isatty(0) && isatty(1);
  },
  env: process.env,
  // Read when a command needs it: a run from a folder that was deleted meanwhile can still print --help.
  get cwd() {
    try {
      return process.cwd();
    } catch {
      throw new CliError('usage', 'The current folder no longer exists (it was deleted or moved): cd into an existing folder and run again.', EXIT.failed);
    }
  },
});

export async function main(argv: string[], io: Io = defaultIo()): Promise<number> {
  beginRun();
  const stopListening = exitOnInterrupt(io);
  try {
    const args = parseArgs(argv);
    if (args.options.help) return print(io, helpText(TOOL_NAME, TOOL_VERSION, args.command));
    if (args.options.version) return print(io, `${TOOL_VERSION}\n`);
    const interactive = !args.options.yes && !args.options.json && io.interactive;
    switch (args.command) {
      case 'list':
        return listCommand(args, io);
      case 'recommend':
        return await recommendCommand(args, io, interactive);
      case 'create':
        return await createCommand(args, io, interactive);
      case 'eject':
        return await ejectCommand(args, io);
      case 'update':
        return await updateCommand(args, io, interactive);
      case 'add':
        return await addCommand(args, io, interactive);
    }
  } catch (error) {
    // The interrupt handler prints the phase's message and exits 130; what the interrupt made fail says nothing more.
    if (wasInterrupted()) return EXIT.cancelled;
    if (error instanceof CliError) {
      io.stderr(`${error.phase === 'usage' ? 'Error' : `Error (${error.phase})`}: ${error.message}\n`);
      return error.exitCode;
    }
    // A bug of ours, in one line; the stack only when asked for (CBF_DEBUG=1).
    const detail = io.env.CBF_DEBUG ? `\n${(error as Error)?.stack ?? ''}` : '';
    io.stderr(`Internal error (a bug of create-backend-fit; set CBF_DEBUG=1 for details): ${String((error as Error)?.message ?? error).split('\n')[0]}${detail}\n`);
    return EXIT.failed;
  } finally {
    stopListening();
  }
}

/**
 * SIGINT or SIGTERM, in any phase (prompts, writing, git, install, the team's generators, update): every child
 * process group is ended (SIGTERM, then SIGKILL), every temporary folder removed, the phase's message printed, and
 * the exit code is 130. A second signal while that happens is ignored: ending the children takes at most 2 s.
 */
/**
 * Once a command is done, a signal that lands while Node winds down ends the process with the command's own exit code
 * (the bin sets it as soon as main resolves): the work is complete, and dying of the signal would report a finished
 * update as killed. One listener at most, however often main runs in one process (the unit tests call it).
 */
const afterTheWork = () => process.exit();

function exitOnInterrupt(io: Io): () => void {
  let ending = false;
  const onSignal = () => {
    if (ending) return;
    ending = true;
    const message = interrupt();
    removePendingTempDirs();
    void endChildren().finally(() => {
      removePendingTempDirs();
      try {
        if (process.stdin.isTTY) process.stdin.setRawMode(false);
      } catch {
        // no terminal to restore
      }
      io.stderr(`\n${message}\n`);
      process.exit(EXIT.cancelled);
    });
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  process.off('SIGINT', afterTheWork);
  process.off('SIGTERM', afterTheWork);
  return () => {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    process.on('SIGINT', afterTheWork);
    process.on('SIGTERM', afterTheWork);
  };
}

function print(io: Io, text: string): number {
  io.stdout(text);
  return EXIT.ok;
}

function listCommand(args: ParsedArgs, io: Io): number {
  const rows = frameworks.map((f) => ({
    id: f.id,
    name: f.name,
    language: f.language,
    deployTargets: f.deployTargets,
    features: offeredFeatures(f),
    // With the commands the offered features add (`migrate`), which run only in a project that has the feature.
    commands: commandsFor(f, 'npm', offeredFeatures(f)),
    toolchain: f.toolchain.map(({ name, command, minimum }) => ({ name, command, minimum })),
    tools: f.tools.map(({ name, command, neededBy }) => ({ name, command, neededBy })),
    // Where a running starter serves its OpenAPI document, for the frameworks whose starters have one.
    ...(f.openApi && { openapi: '/openapi.json' }),
  }));
  if (args.options.json) return print(io, `${JSON.stringify(rows, null, 2)}\n`);
  const lines = frameworks.map(
    (f) =>
      `${f.id.padEnd(12)} ${f.name.padEnd(12)} ${f.language.padEnd(11)} ${(f.deployTargets.join(', ') || 'no starter yet').padEnd(23)} ${f.sweetSpot}`,
  );
  return print(io, `${'id'.padEnd(12)} ${'name'.padEnd(12)} ${'language'.padEnd(11)} ${'deploy'.padEnd(23)} sweet spot\n${lines.join('\n')}\n`);
}

function inputsFromFlags(args: ParsedArgs): DecisionInputs {
  const o = args.options;
  return {
    language: o.language,
    workload: o.workload,
    style: o.style,
    teamSize: o['team-size'],
    rps: o.rps,
    deploy: o.deploy,
    framework: o.framework,
  };
}

async function recommendCommand(args: ParsedArgs, io: Io, interactive: boolean): Promise<number> {
  let inputs = inputsFromFlags(args);
  if (interactive && !inputs.framework) inputs = await (await prompts()).askDecisionInputs(inputs);
  const decision = decide(inputs);
  if (args.options.json) return print(io, `${JSON.stringify(decisionJson(decision), null, 2)}\n`);
  return print(io, formatDecision(decision));
}

/** The package manager that ran us (`npm create`, `pnpm create`, ...), from npm_config_user_agent. */
export function detectPackageManager(env: NodeJS.ProcessEnv): PackageManager | undefined {
  const name = env.npm_config_user_agent?.split(' ')[0]?.split('/')[0];
  return PACKAGE_MANAGERS.find((pm) => pm === name);
}

async function createCommand(args: ParsedArgs, io: Io, interactive: boolean): Promise<number> {
  const o = args.options;
  const ask = interactive ? await prompts() : undefined;
  ask?.intro(`${TOOL_NAME} ${TOOL_VERSION}`);

  const replay = o.answers ? readReplay(path.resolve(io.cwd, o.answers), o.answers) : undefined;
  let typed = args.dir ?? replay?.projectName;
  if (typed === undefined) {
    if (!ask) throw usageError(`Missing the project folder: ${TOOL_NAME} <dir> [options].`);
    typed = await ask.askProjectName(io.cwd);
  }
  const where = projectTarget(typed, io.cwd, o.name, { goModule: o['go-module'], javaPackage: o['java-package'] });

  // Flags given now win over the recorded answers of a replay; a replay never prompts.
  let inputs = { ...(replay ? decisionInputsOf(replay) : {}), ...definedOnly(inputsFromFlags(args)) };
  if (replay) ask?.outro(`Replaying ${o.answers}`);
  if (ask && !replay && !inputs.framework) inputs = await ask.askDecisionInputs(inputs);
  else if (ask && !inputs.deploy) inputs = { ...inputs, deploy: await ask.askDeploy() };
  // Containers unless told otherwise: "Long-lived containers are forgiving of any choice."
  const deploy = inputs.deploy ?? 'containers';
  inputs = { ...inputs, deploy };
  let decision = replay?.framework && !o.framework ? decideRecorded(inputs, replay.framework) : decide(inputs);
  if (ask && !replay && !inputs.framework) decision = await ask.confirmFramework(decision, inputs);
  // Asked once the framework is known, and only of one that offers a database: no prompt leads to a usage error.
  let database = o.database ?? replay?.database;
  if (ask && !replay && database === undefined && offeredFeatures(frameworks.find((f) => f.id === decision.framework)!).includes('postgres')) {
    database = await ask.askDatabase();
  }
  requireOfferedFeatures(decision.framework, { database });
  const templates = (o.templates ? [path.resolve(io.cwd, o.templates)] : replay?.templates) ?? undefined;
  for (const dir of templates ?? []) {
    if (fs.statSync(dir, { throwIfNoEntry: false })?.isDirectory()) continue;
    throw usageError(o.templates ? `--templates ${dir}: no such folder.` : `${o.answers}: "answers.templates" names ${dir}, which is gone: pass --templates with its new place.`);
  }
  // A replay that brings a team's templates says so before it writes: they decide what lands in the project.
  if (replay?.templates && !o.templates && !o.json) io.stderr(`Using the templates folder${templates!.length > 1 ? 's' : ''} ${o.answers} names: ${templates!.join(', ')}\n`);

  const answers: ProjectAnswers = {
    ...inputs,
    framework: decision.framework,
    projectName: where.name,
    deploy,
    database: database === 'none' ? undefined : database,
    packageManager: o['package-manager'] ?? replay?.packageManager ?? detectPackageManager(io.env) ?? 'npm',
    install: o.install ?? true,
    git: o.git ?? true,
    goModule: o['go-module'] ?? replay?.goModule,
    javaPackage: o['java-package'] ?? replay?.javaPackage,
    templates,
  };
  const target = where.dir;

  const team = await loadTeamPlopfile(o.plopfile ? path.resolve(io.cwd, o.plopfile) : replay?.plopfile, templates ?? [], target, {
    trusted: Boolean(o.trust),
    ask,
    recordedIn: o.plopfile ? undefined : o.answers,
  });
  answers.plopfile = team?.file;

  let generated;
  try {
    generated = plan(decision, answers, { helpers: team?.plopfile.helpers });
  } catch (error) {
    if (error instanceof TemplateError) throw new CliError('render', error.message);
    throw error;
  }
  const report = {
    decision: decisionJson(decision),
    framework: decision.framework,
    deploy: answers.deploy,
    target,
    dryRun: Boolean(o['dry-run']),
    files: generated.files.map((f) => ({ path: f.path, bytes: f.content.length })),
    bootstrap: [] as unknown[],
  };
  const human = (text: string) => {
    if (!o.json) io.stdout(text);
  };

  if (o['dry-run']) {
    if (o.json) return print(io, `${JSON.stringify(report, null, 2)}\n`);
    human(formatDecision(decision));
    human(`Would write ${generated.files.length} files into ${target}:\n${generated.files.map((f) => `  ${f.path}`).join('\n')}\n`);
    return EXIT.ok;
  }

  // Every destination of the team's generators is known and checked before anything is written.
  const generators = team ? await team.plopfile.prepare(generated.variables) : undefined;
  const written = writePlan(generated.files, target, { force: Boolean(o.force) });
  onInterruptSay(`Interrupted. The project in ${target} is complete; nothing else was run.`);
  // Interactive runs showed the decision in the prompts already.
  if (!ask) human(formatDecision(decision));
  human(`\nCreated ${target}: ${written.written.length} files (${generated.framework.name}, ${answers.deploy}).\n`);
  if (team && generators) {
    onInterruptSay(`Interrupted while the team's generators ran: the project in ${target} is written, and what they changed so far stays.`);
    const changes = await generators.run({ userEntries: written.userEntries });
    human(`Team generators (${team.file}):\n${changes.map((c) => `  ${c}`).join('\n') || '  (no changes)'}\n`);
  }

  const commands = commandsFor(generated.framework, answers.packageManager, chosenFeatures(answers));
  const spin = ask?.spinner();
  const results = await bootstrap(generated.framework, target, {
    git: answers.git,
    install: answers.install,
    packageManager: answers.packageManager,
    userEntries: written.userEntries,
    progress: ({ step, phase, result }) => {
      const label = step === 'git' ? 'git init and first commit' : `installing dependencies (${result?.command ?? 'install'})`;
      if (phase === 'start') {
        const left = [...(step === 'install' ? [commands.install] : []), ...(answers.git ? [gitCommands(written.userEntries)] : [])];
        onInterruptSay(`Interrupted. The project in ${target} is complete; finish with: ${[...cdCommand(where), ...left].join(' && ')}`);
        if (spin) spin.start(label);
        else if (!o.json) io.stderr(`... ${label}\n`);
      } else if (spin) spin.stop(`${label}: ${result!.status}`);
    },
  });
  report.bootstrap = results;
  const failed = results.filter((r) => r.status === 'failed');
  for (const r of failed) io.stderr(`Warning (${r.step}): ${r.message}\n  Retry in the project folder: ${r.command}\n`);
  const git = results.find((r) => r.step === 'git');
  if (git && git.status !== 'failed' && git.message && git.message !== '--no-git' && !o.json) io.stderr(`Note (git): ${git.message}\n`);
  const next = [
    ...cdCommand(where),
    ...(results.find((r) => r.step === 'install')?.status === 'done' ? [] : [commands.install]),
    ...chosenFeatures(answers).flatMap((id) => getFeature(id).setup),
    ...(commands.migrate ? [commands.migrate] : []),
    commands.test,
    commands.start,
  ];
  if (o.json) io.stdout(`${JSON.stringify({ ...report, nextSteps: next }, null, 2)}\n`);
  human(`\nNext steps:\n${next.map((c) => `  ${c}`).join('\n')}\n`);
  ask?.outro('Done. See the project README for the image build and deploy commands.');
  return failed.length ? EXIT.bootstrap : EXIT.ok;
}

/** A feature the chosen framework has no starter for is a usage error that says which frameworks have one. */
function requireOfferedFeatures(framework: FrameworkId, answers: FeatureAnswers): void {
  const record = frameworks.find((f) => f.id === framework)!;
  const unoffered = unofferedFeature(record, answers);
  if (!unoffered) return;
  const wanted = chosenFeatures(answers);
  const offering = frameworks.filter((f) => wanted.every((id) => offeredFeatures(f).includes(id))).map((f) => f.id);
  throw usageError(`${unoffered} Frameworks that have one: ${offering.join(', ') || 'none yet'} (choose with --framework).`);
}

const definedOnly = <T extends object>(value: T): Partial<T> =>
  Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;

function decisionInputsOf(answers: Partial<ProjectAnswers>): DecisionInputs {
  const { language, workload, style, teamSize, rps, deploy, framework } = answers;
  return definedOnly({ language, workload, style, teamSize, rps, deploy, framework });
}

/** A team's plopfile runs the team's code: only with consent, a prompt or --trust, as copier asks for its tasks. */
async function loadTeamPlopfile(
  explicit: string | undefined,
  templates: string[],
  target: string,
  options: { trusted: boolean; ask?: Prompts; recordedIn?: string },
) {
  const file = findPlopfile(explicit, templates, options.recordedIn);
  if (!file) return undefined;
  if (!options.trusted) {
    if (!options.ask) throw usageError(`${file} would run a team's code: pass --trust to allow it (no prompt without a terminal).`);
    if (!(await options.ask.confirmTrust(file))) throw cancelled(`Not running ${file}: nothing was written.`);
  }
  return { file, plopfile: await loadPlopfile(file, target) };
}

async function ejectCommand(args: ParsedArgs, io: Io): Promise<number> {
  const framework = args.framework as FrameworkId;
  const target = path.resolve(io.cwd, args.dir ?? `${framework}-templates`);
  const files = ejectFiles(framework);
  const written = writePlan(files, target, { force: Boolean(args.options.force) });
  if (args.options.json) return print(io, `${JSON.stringify({ target, files: written.written }, null, 2)}\n`);
  return print(
    io,
    `Copied ${written.written.length} template files of ${framework} into ${target}.\nEdit them, then generate with: ${TOOL_NAME} my-api --framework ${framework} --templates ${path.relative(io.cwd, target) || '.'}\n`,
  );
}

async function updateCommand(args: ParsedArgs, io: Io, interactive: boolean): Promise<number> {
  const o = args.options;
  const dir = path.resolve(io.cwd, args.dir ?? '.');
  onInterruptSay('Interrupted: update changed nothing.');
  const record = readGenerationRecord(dir);
  const team = record.answers.plopfile
    ? await loadTeamPlopfile(record.answers.plopfile, [], dir, { trusted: Boolean(o.trust), ask: interactive ? await prompts() : undefined, recordedIn: RECORD_FILE })
    : undefined;
  const templates = o.templates ? [path.resolve(io.cwd, o.templates)] : undefined;
  const outcomes = await updateProject(dir, record, { helpers: team?.plopfile.helpers, dryRun: Boolean(o['dry-run']), templates });
  // The files are written, synchronously: a signal that landed meanwhile is handled only now, so from here on the
  // message must say the update is in.
  if (!o['dry-run']) onInterruptSay('Interrupted: the update was already applied (git diff shows what it changed).');
  const conflicts = outcomes.filter((outcome) => outcome.action === 'conflict');
  const code = conflicts.length > 0 && !o['dry-run'] ? EXIT.conflicts : EXIT.ok;
  if (o.json) {
    io.stdout(`${JSON.stringify({ target: dir, dryRun: Boolean(o['dry-run']), outcomes }, null, 2)}\n`);
    return code;
  }
  const changed = outcomes.filter((outcome) => outcome.action !== 'kept' || outcome.note);
  io.stdout(`${changed.map((c) => `  ${c.action.padEnd(8)} ${c.path}${c.note ? ` (${c.note})` : ''}`).join('\n') || '  nothing to update'}\n`);
  if (o['dry-run']) {
    io.stdout(`\nDry run: nothing was written.${conflicts.length ? ` ${conflicts.length} file(s) would get conflict markers.` : ''}\n`);
  } else if (conflicts.length > 0) {
    io.stdout(`\n${conflicts.length} file(s) have conflict markers: resolve them as any git conflict, then commit. git diff shows everything update changed.\n`);
  }
  return code;
}

/**
 * `add database postgres`: update with the feature's answer added (the same checks, the same three-way merge), then
 * the dependency install the feature needs.
 */
async function addCommand(args: ParsedArgs, io: Io, interactive: boolean): Promise<number> {
  const o = args.options;
  const dir = path.resolve(io.cwd, args.dir ?? '.');
  onInterruptSay('Interrupted: add changed nothing.');
  const record = recordWithFeature(readGenerationRecord(dir), args.addition!);
  const team = record.answers.plopfile
    ? await loadTeamPlopfile(record.answers.plopfile, [], dir, { trusted: Boolean(o.trust), ask: interactive ? await prompts() : undefined, recordedIn: RECORD_FILE })
    : undefined;
  const dryRun = Boolean(o['dry-run']);
  const outcomes = await updateProject(dir, record, { helpers: team?.plopfile.helpers, dryRun });
  const framework = frameworks.find((f) => f.id === record.answers.framework)!;
  const packageManager = record.answers.packageManager ?? 'npm';
  const conflicts = outcomes.filter((outcome) => outcome.action === 'conflict');
  const commands = commandsFor(framework, packageManager, chosenFeatures(record.answers));
  // Dependencies are installed only when every file merged cleanly: a manifest with conflict markers cannot install.
  const relock = relockFor(framework, packageManager);
  onInterruptSay(`Interrupted. The feature's files are in ${dir}; finish with: ${relock}`);
  // The install resolves again: the manifest has the feature's dependencies, which a lock of the user's own lacks.
  const results = await bootstrap(framework, dir, { git: false, install: (o.install ?? true) && !dryRun && conflicts.length === 0, packageManager, relock: true });
  const installed = results.find((r) => r.step === 'install')!;
  if (o.json) {
    io.stdout(`${JSON.stringify({ target: dir, added: args.addition, dryRun, outcomes, bootstrap: results }, null, 2)}\n`);
  } else {
    const changed = outcomes.filter((outcome) => outcome.action !== 'kept' || outcome.note);
    io.stdout(`${changed.map((c) => `  ${c.action.padEnd(8)} ${c.path}${c.note ? ` (${c.note})` : ''}`).join('\n') || '  nothing changed'}\n`);
    if (dryRun) {
      io.stdout(`\nDry run: nothing was written.${conflicts.length ? ` ${conflicts.length} file(s) would get conflict markers.` : ''}\n`);
    } else if (conflicts.length > 0) {
      io.stdout(`\n${conflicts.length} file(s) have conflict markers: resolve them as any git conflict, commit, then run ${relock}.\n`);
    } else if (installed.status === 'done') {
      const setup = chosenFeatures(record.answers).flatMap((id) => getFeature(id).setup);
      io.stdout(`\nAdded ${args.addition!.key} ${args.addition!.value}. Next steps:\n${[...setup, commands.migrate, commands.test].filter(Boolean).map((c) => `  ${c}`).join('\n')}\n`);
    }
  }
  if (installed.status === 'failed') {
    io.stderr(`Warning (install): ${installed.message}\n  Retry in the project folder: ${installed.command}\n`);
    return EXIT.bootstrap;
  }
  return conflicts.length > 0 && !dryRun ? EXIT.conflicts : EXIT.ok;
}

/** The target folder and project name from what the user typed; a name that breaks a rule is a usage error. */
export function projectTarget(typed: string, cwd: string, name: string | undefined, overrides: NameOverrides): Target {
  try {
    const where = resolveTarget(typed, { cwd, name, exists: (p) => fs.existsSync(p) });
    try {
      deriveNames(where.name, overrides);
    } catch (error) {
      // A name taken from an existing folder (often `.`) may not be one the rules accept: --name gives another.
      if (error instanceof NameError && name === undefined && where.exists) throw new NameError(`${error.message} Pass --name <name> to name the project.`);
      throw error;
    }
    return where;
  } catch (error) {
    if (error instanceof NameError) throw usageError(error.message);
    throw error;
  }
}

/** The `cd` that gets from the user's folder to the project ([] when the project is the current folder). */
export const cdCommand = (where: Target): string[] => (where.cd === undefined ? [] : [`cd ${shellQuote(where.cd)}`]);

/** A word the user can paste into a POSIX shell: single quotes expand nothing. */
export function shellQuote(word: string): string {
  return /^[\w.@%+=:,/-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}
