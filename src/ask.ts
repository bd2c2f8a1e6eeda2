/**
 * The only module that prompts. Each question is asked only when its flag is missing; Ctrl-C at any prompt is a
 * cancellation (exit 130, nothing written). The prompt library loads when a terminal session starts (`prompts()`):
 * the questions themselves are small and bundled into cli.cjs, so a non-interactive run loads no prompt code at all.
 */
import fs from 'node:fs';
import { TEAM_LANGUAGES, WORKLOADS, type DecisionInputs } from './answers.js';
import { decide, type Decision } from './decide/decide.js';
import { withoutQuote } from './decide/explain.js';
import { LARGER_TEAM } from './decide/rules.js';
import { cancelled } from './errors.js';
import { frameworks } from './frameworks/index.js';
import type { DeployTarget, FrameworkId } from './frameworks/types.js';
import { NameError, deriveNames } from './plan/names.js';
import { resolveTarget } from './target.js';
import { useStreams } from './output.js';

const LANGUAGE_LABELS: Record<(typeof TEAM_LANGUAGES)[number], string> = {
  typescript: 'TypeScript',
  javascript: 'JavaScript',
  python: 'Python',
  go: 'Go',
  rust: 'Rust',
  java: 'Java',
  kotlin: 'Kotlin',
  any: 'No preference yet',
};
const WORKLOAD_LABELS: Record<(typeof WORKLOADS)[number], string> = {
  crud: 'CRUD and dashboards',
  ai: 'AI: model serving and agents',
  'high-volume': 'Sustained high request volume',
  general: 'A general API',
};

type Clack = typeof import('@clack/prompts');

/** Loads the prompt library and returns the questions, asked with it. */
export async function prompts() {
  useStreams();
  return promptsWith(await import('@clack/prompts'));
}

export type Prompts = ReturnType<typeof promptsWith>;

function promptsWith(p: Clack) {
  function answer<T>(value: T | symbol): Exclude<T, symbol> {
    if (p.isCancel(value)) throw cancelled();
    return value as Exclude<T, symbol>;
  }

  /** A name or a path, checked as the command line checks it (the project's name is the path's last segment). */
  async function askProjectName(cwd: string): Promise<string> {
    return answer(
      await p.text({
        message: 'Project folder (a name or a path)',
        placeholder: 'my-api',
        defaultValue: 'my-api',
        validate: (value) => {
          try {
            deriveNames(resolveTarget(value || 'my-api', { cwd, exists: (dir) => fs.existsSync(dir) }).name);
            return undefined;
          } catch (error) {
            return error instanceof NameError ? error.message : String(error);
          }
        },
      }),
    );
  }

  /** Fills the decision inputs the flags left open. */
  async function askDecisionInputs(given: DecisionInputs): Promise<DecisionInputs> {
    const inputs = { ...given };
    inputs.language ??= answer(
      await p.select({
        message: 'Which language does your team already know?',
        options: TEAM_LANGUAGES.map((value) => ({ value, label: LANGUAGE_LABELS[value] })),
      }),
    );
    inputs.workload ??= answer(
      await p.select({
        message: 'What will it mostly do?',
        options: WORKLOADS.map((value) => ({ value, label: WORKLOAD_LABELS[value] })),
      }),
    );
    // Asked before the opinion question: "Larger teams usually benefit from more opinion" (rule larger-teams).
    // Each answer records the smallest team size it stands for.
    inputs.teamSize ??= answer(
      await p.select({
        message: 'How many engineers will work on it?',
        options: [
          { value: 1, label: 'Just me' },
          { value: 2, label: '2 to 9' },
          { value: LARGER_TEAM, label: `${LARGER_TEAM} or more`, hint: 'larger teams usually benefit from more opinion' },
        ],
      }),
    );
    inputs.style ??= answer(
      await p.select({
        message: 'How much opinion do you want from the framework?',
        options: [
          { value: 'opinionated' as const, label: 'Structure and conventions', hint: 'larger teams usually benefit' },
          { value: 'minimal' as const, label: 'Control and less ceremony' },
        ],
      }),
    );
    inputs.rps ??= answer(
      await p.select({
        message: 'Expected sustained load?',
        options: [
          { value: 100, label: 'A few hundred requests per second or less', hint: 'the database is the bottleneck' },
          { value: 2000, label: 'Thousands per second' },
          { value: 20000, label: 'Tens of thousands per second or more', hint: 'per-instance cost matters' },
        ],
      }),
    );
    inputs.deploy ??= await askDeploy();
    return inputs;
  }

  async function askDeploy(): Promise<DeployTarget> {
    return answer(
      await p.select({
        message: 'How will it run?',
        options: [
          { value: 'containers' as const, label: 'Long-lived containers', hint: 'Docker, Kubernetes' },
          { value: 'serverless' as const, label: 'Serverless', hint: 'AWS Lambda; cold starts matter' },
        ],
      }),
    );
  }

  /** Shows the recommendation and lets the user take it or pick another framework. */
  async function confirmFramework(decision: Decision, inputs: DecisionInputs): Promise<Decision> {
    const top = decision.ranking[0]!;
    p.note(
      [
        ...(top.reasons.length ? top.reasons : top.against).map((r) => `- ${r}`),
        ...(decision.tie ? ['', `Tie: ${decision.tie.text}`] : []),
        '',
        `Watch out for: ${decision.watchOutFor}`,
        ...decision.notes.map((n) => `Note: ${n.text}`),
      ].join('\n'),
      `Recommended: ${top.name}`,
    );
    const picked = answer(
      await p.select<FrameworkId>({
        message: 'Framework',
        initialValue: top.framework,
        options: decision.ranking.map((row) => ({
          value: row.framework,
          label: row.name,
          hint: `score ${row.score}${row.framework === top.framework ? ', recommended' : `: ${withoutQuote(row.against[0] ?? row.reasons[0] ?? '')}`}${frameworks.find((f) => f.id === row.framework)!.deployTargets.length === 0 ? ', no starter yet' : ''}`,
        })),
      }),
    );
    if (picked === top.framework) return decision;
    const overridden = decide({ ...inputs, framework: picked });
    for (const warning of overridden.warnings) p.log.warn(warning.text);
    return overridden;
  }

  const intro = (title: string) => p.intro(title);
  const outro = (message: string) => p.outro(message);
  const logStep = (message: string) => p.log.step(message);
  const logWarn = (message: string) => p.log.warn(message);
  const spinner = () => p.spinner();

  async function confirmTrust(file: string): Promise<boolean> {
    return answer(await p.confirm({ message: `Run the team plopfile ${file}? It is code, and runs with your permissions.`, initialValue: false }));
  }

  return { askProjectName, askDecisionInputs, askDeploy, confirmFramework, intro, outro, logStep, logWarn, spinner, confirmTrust };
}
