/**
 * The entry point: argv -> command -> exit code. The only place that knows about exit codes, TTYs and signals.
 * Heavy modules (prompts, templates, processes) load only for the command that needs them, so --help stays fast.
 */
import path from 'node:path';
import type { DecisionInputs, PackageManager, ProjectAnswers } from './answers.js';
import { PACKAGE_MANAGERS } from './answers.js';
import { helpText, parseArgs, type ParsedArgs } from './args.js';
import { decide, decisionJson, type Decision } from './decide/decide.js';
import { CliError, EXIT, usageError } from './errors.js';
import { frameworks } from './frameworks/index.js';
import { TOOL_NAME, TOOL_VERSION } from './version.js';

export interface Io {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  interactive: boolean;
  env: NodeJS.ProcessEnv;
  cwd: string;
}

const defaultIo = (): Io => ({
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  interactive: Boolean(process.stdin.isTTY && process.stdout.isTTY),
  env: process.env,
  cwd: process.cwd(),
});

export async function main(argv: string[], io: Io = defaultIo()): Promise<number> {
  try {
    const args = parseArgs(argv);
    if (args.options.help) return print(io, helpText(TOOL_NAME, TOOL_VERSION));
    if (args.options.version) return print(io, `${TOOL_VERSION}\n`);
    const interactive = io.interactive && !args.options.yes && !args.options.json;
    switch (args.command) {
      case 'list':
        return listCommand(args, io);
      case 'recommend':
        return await recommendCommand(args, io, interactive);
      case 'create':
        return await createCommand(args, io, interactive);
    }
  } catch (error) {
    if (error instanceof CliError) {
      io.stderr(`${error.phase === 'usage' ? 'Error' : `Error (${error.phase})`}: ${error.message}\n`);
      return error.exitCode;
    }
    io.stderr(`Internal error: ${(error as Error).stack ?? error}\n`);
    return EXIT.failed;
  }
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
    commands: f.commands,
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
  if (interactive && !inputs.framework) inputs = await (await import('./ask.js')).askDecisionInputs(inputs);
  const decision = decide(inputs);
  if (args.options.json) return print(io, `${JSON.stringify(decisionJson(decision), null, 2)}\n`);
  return print(io, formatDecision(decision));
}

export function formatDecision(decision: Decision): string {
  const chosen = decision.ranking.find((r) => r.framework === decision.framework)!;
  const lines = [
    `${decision.chosenBy === 'override' ? 'Chosen' : 'Recommended'}: ${chosen.name} (${decision.sweetSpot})`,
    ...(chosen.reasons.length ? ['Why:', ...chosen.reasons.map((r) => `  ${r}`)] : ['Why: no rule of the article moved the scores; it is the first in the article\'s table.']),
    `Watch out for: ${decision.watchOutFor}`,
    ...decision.warnings.map((w) => `Warning [${w.rule}]: ${w.text}`),
    ...decision.notes.map((n) => `Note [${n.rule}]: "${n.text}"`),
    'Ranking:',
    ...decision.ranking.map((r, i) => `  ${i + 1}. ${r.name.padEnd(12)} ${String(r.score).padStart(4)}`),
  ];
  return `${lines.join('\n')}\n`;
}

/** The package manager that ran us (`npm create`, `pnpm create`, ...), from npm_config_user_agent. */
export function detectPackageManager(env: NodeJS.ProcessEnv): PackageManager | undefined {
  const name = env.npm_config_user_agent?.split(' ')[0]?.split('/')[0];
  return PACKAGE_MANAGERS.find((pm) => pm === name);
}

async function createCommand(args: ParsedArgs, io: Io, interactive: boolean): Promise<number> {
  const o = args.options;
  const ask = interactive ? await import('./ask.js') : undefined;
  ask?.intro(`${TOOL_NAME} ${TOOL_VERSION}`);

  let dir = args.dir;
  if (dir === undefined) {
    if (!ask) throw usageError(`Missing the project folder: ${TOOL_NAME} <dir> [options].`);
    dir = await ask.askProjectName();
  }
  const { deriveNames, NameError } = await import('./plan/names.js');
  try {
    deriveNames(dir, { goModule: o['go-module'], javaPackage: o['java-package'] });
  } catch (error) {
    if (error instanceof NameError) throw usageError(error.message);
    throw error;
  }

  let inputs = inputsFromFlags(args);
  if (ask && !inputs.framework) inputs = await ask.askDecisionInputs(inputs);
  else if (ask && !inputs.deploy) inputs = { ...inputs, deploy: (await ask.askDecisionInputs({ ...inputs, language: 'any', workload: 'general', style: 'minimal', rps: 0 })).deploy };
  let decision = decide(inputs);
  if (ask && !inputs.framework) decision = await ask.confirmFramework(decision, inputs);

  const answers: ProjectAnswers = {
    ...inputs,
    framework: decision.framework,
    projectName: dir,
    deploy: inputs.deploy ?? 'containers',
    packageManager: o['package-manager'] ?? detectPackageManager(io.env) ?? 'npm',
    install: o.install ?? true,
    git: o.git ?? true,
    goModule: o['go-module'],
    javaPackage: o['java-package'],
  };

  const { plan } = await import('./plan/plan.js');
  const { TemplateError } = await import('./plan/layers.js');
  let generated;
  try {
    generated = plan(decision, answers);
  } catch (error) {
    if (error instanceof TemplateError) throw new CliError('render', error.message);
    throw error;
  }
  const target = path.resolve(io.cwd, dir);
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

  const { writePlan, removePendingTempDirs } = await import('./write.js');
  const controller = new AbortController();
  const onSignal = () => {
    removePendingTempDirs();
    controller.abort();
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    const written = writePlan(generated.files, target, { force: Boolean(o.force) });
    if (controller.signal.aborted) throw new CliError('cancelled', `Interrupted. The project in ${target} is complete; nothing else was run.`);
    human(formatDecision(decision));
    human(`\nCreated ${target}: ${written.written.length} files (${generated.framework.name}, ${answers.deploy}).\n`);

    const { bootstrap } = await import('./bootstrap.js');
    const spin = ask?.spinner();
    const results = await bootstrap(generated.framework, target, {
      git: answers.git,
      install: answers.install,
      packageManager: answers.packageManager,
      signal: controller.signal,
      progress: ({ step, phase, result }) => {
        const label = step === 'git' ? 'git init and first commit' : `installing dependencies (${result?.command ?? 'install'})`;
        if (phase === 'start') spin ? spin.start(label) : !o.json && io.stderr(`... ${label}\n`);
        else if (spin) spin.stop(`${label}: ${result!.status}`);
      },
    });
    report.bootstrap = results;
    if (controller.signal.aborted) {
      throw new CliError('cancelled', `Interrupted. The project in ${target} is complete; finish with: cd ${JSON.stringify(dir)} && ${generated.framework.commands.install}`);
    }
    const failed = results.filter((r) => r.status === 'failed');
    for (const r of failed) io.stderr(`Warning (${r.step}): ${r.message}\n  Retry in the project folder: ${r.command}\n`);
    if (o.json) io.stdout(`${JSON.stringify(report, null, 2)}\n`);
    const { commandsFor } = await import('./plan/commands.js');
    const commands = commandsFor(generated.framework, answers.packageManager);
    const next = [
      `cd ${/^[\w.-]+$/.test(dir) ? dir : JSON.stringify(dir)}`,
      ...(results.find((r) => r.step === 'install')?.status === 'done' ? [] : [commands.install]),
      commands.test,
      commands.start,
    ];
    human(`\nNext steps:\n${next.map((c) => `  ${c}`).join('\n')}\n`);
    ask?.outro('Done. See the project README for the image build and deploy commands.');
    return failed.length ? EXIT.bootstrap : EXIT.ok;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}
