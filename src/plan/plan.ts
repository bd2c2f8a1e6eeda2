/**
 * plan(): which files a generation writes, with their content, in memory. Pure apart from reading templates, so
 * --dry-run and --json can print it, and tests can assert on it without touching the disk.
 */
import fs from 'node:fs';
import path from 'node:path';
import type Handlebars from 'handlebars';
import type { ProjectAnswers } from '../answers.js';
import type { Decision } from '../decide/decide.js';
import { chosenFeatures, featureFlags, getFeature, unofferedFeature } from '../features/index.js';
import { getFramework } from '../frameworks/index.js';
import { LAYOUTS, type StarterLayout } from '../frameworks/layout.js';
import { git as gitToolchain } from '../frameworks/toolchains.js';
import type { CommandTool, DeployTarget, FrameworkRecord } from '../frameworks/types.js';
import { TOOL_NAME, TOOL_VERSION } from '../version.js';
import { commandsFor } from './commands.js';
import { createEngine, helpers as ourHelpers } from './helpers.js';
import { createRenderer, type CompiledTemplate, type Renderer } from './render.js';
import { dependabotEcosystems } from './dependabot.js';
import { defaultCompiledDir, loadCompiled } from './compiled.js';
import { BUILTIN_TEMPLATES, collectLayers, comparePaths, isLockLayer, layerNames, partialFiles, TemplateError, type TemplateFile } from './layers.js';
import { nameLock } from './locks.js';
import { PACKAGE_MANAGER_RELEASES, packageManagerField } from './package-managers.js';
import { deriveNames, type ProjectNames } from './names.js';
import { PRISTINE_FILE, pristineFile, recordFile, RECORD_FILE } from './record.js';
import { settingsFor } from './settings.js';
import { relativePathProblem } from '../project-paths.js';

export interface PlannedFile {
  /** Project-relative, forward slashes. */
  path: string;
  content: Buffer;
  mode: number;
}

export interface Plan {
  framework: FrameworkRecord;
  decision: Decision;
  answers: ProjectAnswers;
  names: ProjectNames;
  /** What every template saw; a team's plop generators get the same as their answers. */
  variables: ReturnType<typeof templateVariables>;
  files: PlannedFile[];
}

export interface PlanOptions {
  /** Helpers from a team plopfile, available to every template. */
  helpers?: Record<string, Handlebars.HelperDelegate>;
  /**
   * Folder of the built-in templates' precompiled layers; `false` compiles every template from templates/. Defaults
   * to the build's own (dist/compiled-templates) when running bundled, else false.
   */
  compiledTemplates?: string | false;
}

/** Files whose real name npm would drop or mangle when publishing are stored under another name. */
const STORED_NAMES: Record<string, string> = { gitignore: '.gitignore', npmrc: '.npmrc' };

export function plan(decision: Decision, answers: ProjectAnswers, options: PlanOptions = {}): Plan {
  const framework = getFramework(decision.framework);
  if (!framework.deployTargets.includes(answers.deploy)) {
    throw new TemplateError(
      framework.deployTargets.length === 0
        ? `${framework.name} has no starter yet.`
        : `${framework.name} has no ${answers.deploy} starter (it has: ${framework.deployTargets.join(', ')}).`,
    );
  }
  const unoffered = unofferedFeature(framework, answers);
  if (unoffered) throw new TemplateError(unoffered);
  const features = chosenFeatures(answers);
  const names = deriveNames(answers.projectName, { goModule: answers.goModule, javaPackage: answers.javaPackage });
  const variables = templateVariables(framework, decision, answers, names);

  // The team's folders (--templates) come last, so their files replace or add to the built-in ones.
  const roots = [BUILTIN_TEMPLATES, ...(answers.templates ?? [])];
  const compiledDir = options.compiledTemplates === undefined ? defaultCompiledDir() : options.compiledTemplates || undefined;
  const compiled = compiledDir ? loadCompiled(compiledDir, framework.id) : undefined;
  const partials = partialFiles(roots, framework, compiled);
  const templates = collectLayers(roots, layerNames(framework, answers.deploy, features, answers.packageManager), compiled);
  const render = renderers(partials, [...templates.values()], options.helpers, variables);

  const files: PlannedFile[] = [];
  for (const template of templates.values()) {
    const rendered = template.relPath.endsWith('.hbs');
    const target = targetPath(template.relPath, variables);
    let content: Buffer;
    if (rendered) {
      const text = renderTemplate(render, template);
      // An empty render is how a template says "not for these answers".
      if (text.trim() === '') continue;
      content = Buffer.from(text);
    } else {
      const stored = fs.readFileSync(template.absPath);
      // A lock a lock layer stores was resolved under a name of its own: the project's names go in (locks.ts).
      content = isLockLayer(template.layer) ? nameLock(target, stored, names) : stored;
    }
    files.push({ path: target, content, mode: template.mode & 0o111 ? 0o755 : 0o644 });
  }
  files.sort((a, b) => comparePaths(a.path, b.path));
  files.push(
    { path: PRISTINE_FILE, content: Buffer.from(pristineFile(files)), mode: 0o644 },
    { path: RECORD_FILE, content: Buffer.from(recordFile(answers, framework)), mode: 0o644 },
  );
  return { framework, decision, answers, names, variables, files };
}

/** The options every template is compiled with, at run time here or at build time (src/build/precompile-templates.ts). */
export const COMPILE_OPTIONS = { noEscape: true, strict: true } as const;

/**
 * How templates render: a built-in one by its compiled function (src/plan/render.ts), a team's (and every one when
 * running from src/, where nothing is compiled) by Handlebars, whose compiler loads only then. Partials cross over
 * both ways: Handlebars calls a built-in one as a function partial, a compiled template renders a team's through
 * Handlebars.
 */
function renderers(partials: Map<string, string | CompiledTemplate>, templates: TemplateFile[], helpers: PlanOptions['helpers'], variables: object) {
  const needsHandlebars = [...partials.values()].some((p) => typeof p === 'string') || templates.some((t) => !t.render && t.relPath.endsWith('.hbs'));
  const engine = needsHandlebars ? createEngine(helpers) : undefined;
  const teamPartials = new Map<string, HandlebarsTemplateDelegate>();
  const renderer: Renderer = createRenderer({ ...ourHelpers, ...helpers } as Parameters<typeof createRenderer>[0], (name) => {
    const partial = partials.get(name);
    if (partial === undefined) return undefined;
    if (typeof partial !== 'string') return (context) => partial(context, renderer);
    return (context) => {
      if (!teamPartials.has(name)) teamPartials.set(name, engine!.compile(partial, COMPILE_OPTIONS));
      return teamPartials.get(name)!(context);
    };
  }, variables);
  if (engine) {
    for (const [name, partial] of partials) engine.registerPartial(name, typeof partial === 'string' ? partial : (context: unknown) => partial(context, renderer));
  }
  return (template: TemplateFile): string =>
    template.render ? template.render(variables, renderer) : engine!.compile(fs.readFileSync(template.absPath, 'utf8'), COMPILE_OPTIONS)(variables);
}

function renderTemplate(render: (template: TemplateFile) => string, template: TemplateFile): string {
  try {
    return render(template);
  } catch (error) {
    throw new TemplateError(`${template.absPath}: ${(error as Error).message.replace(/\s*\n\s*/g, ' ')}`);
  }
}

/** templates/ path -> project path: drop `.hbs`, restore stored dotfile names, fill `__name__` segments. */
export function targetPath(relPath: string, variables: Record<string, unknown>): string {
  const parts = relPath.replace(/\.hbs$/, '').split('/');
  const base = parts.pop()!;
  parts.push(STORED_NAMES[base] ?? base);
  // Only names of string variables are filled, so Python's __init__.py and __main__.py stay as they are.
  const filled = parts.join('/').replace(/__([A-Za-z]+)__/g, (whole, name: string) => {
    const value = variables[name];
    if (value === undefined || typeof value === 'object') return whole;
    if (typeof value !== 'string' || value === '') throw new TemplateError(`${relPath}: path variable "${name}" is empty`);
    return value;
  });
  const normal = path.posix.normalize(filled);
  if (path.posix.isAbsolute(normal) || normal.split('/').includes('..') || normal === '.') {
    throw new TemplateError(`${relPath} would be written outside the project folder (${filled}).`);
  }
  const problem = relativePathProblem(normal);
  if (problem) throw new TemplateError(`${relPath} cannot be written: its path ${normal} ${problem}.`);
  return normal;
}

/**
 * The record's Handler, which may name the project's own package (e.g. a Java class `{{javaPackage}}.Handler`).
 * Filled by substitution: a Handler is one identifier path, and loading Handlebars' compiler for it would undo the
 * precompiled templates.
 */
export function lambdaHandlerFor(framework: FrameworkRecord, names: ProjectNames): string {
  return framework.lambdaHandler.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, name: string) => {
    const value = (names as unknown as Record<string, unknown>)[name];
    if (typeof value !== 'string') throw new TemplateError(`${framework.id}: the Handler "${framework.lambdaHandler}" names "${name}", which is not a project name.`);
    return value;
  });
}

/** What each of a record's commands does, in AGENTS.md's words. */
/** Which of the commands a CommandTool can be needed by exist in a project of each deploy target. */
const COMMANDS_OF_DEPLOY: Record<DeployTarget, readonly CommandTool['neededBy'][number][]> = {
  containers: ['lint'],
  serverless: ['lint', 'lambda'],
};
/** How the README says what a tool is for. */
const TOOL_USES: Record<CommandTool['neededBy'][number], string> = {
  lint: 'the linters',
  lambda: 'running the function locally as Lambda runs it',
};

const COMMAND_LABELS: Record<string, string> = {
  install: 'Install the dependencies',
  test: 'Run the tests',
  start: 'Start the server (reads PORT)',
  lint: 'Lint',
  migrate: 'Apply the database migrations',
};

function fillLayout(layout: StarterLayout, names: ProjectNames): StarterLayout {
  const fill = (p: string) => p.replace(/\{\{(\w+)\}\}/g, (_, name: string) => String((names as unknown as Record<string, string>)[name]));
  return { routes: fill(layout.routes), tests: fill(layout.tests), ...(layout.registry ? { registry: fill(layout.registry) } : {}) };
}

/** Every field present (the templates compile in strict mode, where a missing one throws), absent ones undefined. */
function nodePackageManager(pm: ProjectAnswers['packageManager']) {
  const { version, lockFile, imageSetup, prune } = PACKAGE_MANAGER_RELEASES[pm];
  return { version, lockFile, imageSetup, prune, field: packageManagerField(pm) };
}

/** What every template sees. */
export function templateVariables(framework: FrameworkRecord, decision: Decision, answers: ProjectAnswers, names: ProjectNames) {
  const chosen = decision.ranking.find((r) => r.framework === framework.id);
  const features = chosenFeatures(answers);
  return {
    ...names,
    framework: {
      id: framework.id,
      name: framework.name,
      language: framework.language,
      ecosystem: framework.ecosystem,
      sweetSpot: framework.sweetSpot,
      watchOutFor: framework.watchOutFor,
    },
    deploy: answers.deploy,
    isServerless: answers.deploy === 'serverless',
    isContainers: answers.deploy === 'containers',
    port: framework.defaultPort,
    /** Serves /openapi.json and 405 for a method a path does not serve (the README's contract says so). */
    openApi: framework.openApi === true,
    lambdaHandler: lambdaHandlerFor(framework, names),
    k8s: framework.resources,
    ciSetupPartial: `ci-setup-${framework.ecosystem}`,
    /** .github/dependabot.yml's package ecosystems. */
    dependabot: dependabotEcosystems(framework.ecosystem, answers.packageManager),
    packageManager: answers.packageManager,
    /** The Node package manager's release, lock file, image setup and prune (package-managers.ts); Node projects only. */
    pm: framework.ecosystem === 'node' ? nodePackageManager(answers.packageManager) : undefined,
    commands: commandsFor(framework, answers.packageManager, features),
    /** `{{#if features.postgres}}`: the few lines a feature changes in a shared file. */
    features: featureFlags(features),
    database: answers.database ?? 'none',
    /** The environment variables the project reads (`.env.example`, the README's Configuration table). */
    settings: settingsFor(framework, features),
    /** The chosen features' data (`{{json feature.postgres.imageMigrate}}`, `feature.postgres.service.image`); none when not chosen. */
    feature: Object.fromEntries(features.map((id) => [id, { migrations: 'migrations/', ...framework.features![id]!, service: getFeature(id).services[0]! }])),
    decision: {
      chosenBy: decision.chosenBy,
      reasons: chosen?.reasons ?? [],
      tie: decision.chosenBy === 'rules' ? decision.tie?.text : undefined,
      warnings: decision.warnings.map((w) => w.text),
      notes: decision.notes.map((n) => n.text),
      watchOutFor: decision.watchOutFor,
    },
    tool: { name: TOOL_NAME, version: TOOL_VERSION },
    /** Every command of the project with what it does, for AGENTS.md (a command another layer adds shows up too). */
    commandList: Object.entries(commandsFor(framework, answers.packageManager, features))
      // The Lambda command runs under the emulator: AGENTS.md shows it in the README's emulator line instead.
      .filter(([what]) => what !== 'lambda')
      .map(([what, command]) => ({ what: COMMAND_LABELS[what] ?? what, command })),
    layout: fillLayout(Object.assign({}, LAYOUTS[framework.id], ...features.map((id) => LAYOUTS[framework.id].features?.[id])), names),
    /** What the machine needs, oldest versions included (the README's list, and the manifests' version fields by command). */
    toolchains: [...framework.toolchain, gitToolchain].map(({ name, command, minimum }) => ({ name, command, minimum })),
    minimum: Object.fromEntries(framework.toolchain.map((t) => [t.command, t.minimum])),
    /** The exact releases the Dockerfile and CI install of a toolchain they install themselves (`{{pinned.uv}}`). */
    pinned: Object.fromEntries(framework.toolchain.filter((t) => t.pinned).map((t) => [t.command, t.pinned])),
    /** The programs the project's lint and Lambda commands run beyond the toolchain (README, AGENTS.md). */
    tools: framework.tools
      .filter((tool) => tool.neededBy.some((command) => COMMANDS_OF_DEPLOY[answers.deploy].includes(command)))
      .map(({ name, command, neededBy, hint }) => ({ name, command, hint, neededBy: neededBy.map((c) => TOOL_USES[c]).join(' and ') })),
  };
}
