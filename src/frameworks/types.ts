import type { FeatureId, FrameworkFeature } from '../features/types.js';

/**
 * One record per framework. Everything the tool knows about a framework that is not a template lives here:
 * the article's row for it, the traits the rules read, and how a generated project is installed, tested and run.
 * Help text, prompts, flag validation and `list --json` all derive from these records.
 */

export const FRAMEWORK_IDS = ['fastify', 'nestjs', 'fastapi', 'django', 'gin', 'echo', 'axum', 'spring-boot'] as const;
export type FrameworkId = (typeof FRAMEWORK_IDS)[number];

/** The language a starter is written in (what the team has to know). */
export type Language = 'typescript' | 'python' | 'go' | 'rust' | 'java';
/** Tool families that share a toolchain, a package manager and CI setup. */
export type Ecosystem = 'node' | 'python' | 'go' | 'rust' | 'jvm';

export const DEPLOY_TARGETS = ['containers', 'serverless'] as const;
export type DeployTarget = (typeof DEPLOY_TARGETS)[number];

export interface FrameworkCommands {
  /** Installs the generated project's dependencies (run in the project folder). */
  install: string;
  /** Runs the project's own tests with the ecosystem's usual command. */
  test: string;
  /**
   * Runs every linter, formatter check and type checker the project is configured with, after `install`; exits
   * non-zero on any finding. CI's Lint step runs it, and the generated code passes it for any accepted name.
   */
  lint: string;
  /** Starts the HTTP server; honours PORT. May build first where the ecosystem needs a build. */
  start: string;
  /**
   * Starts the deployable Lambda function the way the Lambda service runs it, for `serverless` projects, after
   * `install`. Reads AWS_LAMBDA_RUNTIME_API; `$_HANDLER` is the Handler named in template.yaml, and the command runs
   * in the folder its CodeUri names (LAMBDA_TASK_ROOT).
   */
  lambda: string;
}

/** A program the generated project needs on the machine, checked before bootstrap runs it. */
export interface Toolchain {
  /** As people call it: "Node.js", "a JDK". */
  name: string;
  command: string;
  versionArgs: string[];
  /** Finds the version in what `command versionArgs` prints (stdout or stderr); its first group is the version. */
  versionPattern: RegExp;
  /** The oldest version the starters work with ("24", "3.11", "1.88"). */
  minimum: string;
  /** How to get it, as the end of a sentence. */
  hint: string;
  /** The exact release the starters' CI and Dockerfiles install, where they install the tool themselves (uv). */
  pinned?: string;
}

/**
 * A program some of a starter's commands run that its toolchain does not bring: a linter, or what runs the function
 * locally the way Lambda does. Bootstrap does not need them, so nothing checks them; the README names each, and the
 * e2e suite runs the README's commands with only what the README names on PATH.
 */
export interface CommandTool {
  /** As people call it. */
  name: string;
  command: string;
  /** The starter's commands that run it; `lambda` exists only in serverless projects. */
  neededBy: readonly ('lint' | 'lambda')[];
  /** Where to get it, as the end of a sentence. */
  hint: string;
}

export interface FrameworkRecord {
  id: FrameworkId;
  name: string;
  language: Language;
  ecosystem: Ecosystem;
  /** The article's table row: where the framework shines and what to watch out for (its own words). */
  sweetSpot: string;
  watchOutFor: string;
  /** "NestJS, Django, and Spring give you structure and conventions; Fastify, Gin, and Axum give you control". */
  opinion: 'opinionated' | 'minimal';
  /** The port the server uses when PORT is unset (written in the starter's README). */
  defaultPort: number;
  deployTargets: readonly DeployTarget[];
  commands: FrameworkCommands;
  /**
   * The install after a change to the manifest (`add` brings a dependency in, a user kept their own lock): resolves
   * what the lock lacks and updates it, where `commands.install` installs exactly what the shipped lock says and fails
   * when it does not match the manifest. Absent: `commands.install` does both (the ecosystem has no locked mode).
   */
  relock?: string;
  toolchain: readonly Toolchain[];
  /** What its lint and Lambda commands run beyond the toolchain (make, the emulator, golangci-lint). */
  tools: readonly CommandTool[];
  /** The Handler template.yaml names (also shown in the README); `{{javaPackage}}`-style names are filled from the project names. The e2e suite reads it back from template.yaml. */
  lambdaHandler: string;
  /** Kubernetes resource requests and limits; runtimes differ by an order of magnitude (a JVM is not a Go binary). */
  resources: { cpuRequest: string; memoryRequest: string; memoryLimit: string };
  /**
   * Serves its OpenAPI document at /openapi.json, made by the framework's own tool; the e2e suite fuzzes the running
   * starter against it with Schemathesis (test/e2e/openapi.ts). Not yet every starter does (issue: OpenAPI for all).
   */
  openApi?: boolean;
  /** The features (src/features/) this framework has template layers for, and the commands each adds. */
  features?: Partial<Record<FeatureId, FrameworkFeature>>;
}
