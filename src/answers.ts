import type { Database } from './features/types.js';
import type { DeployTarget, FrameworkId } from './frameworks/types.js';

/** What the team says about itself; `any` means "no language yet" (the article's startup case). */
export const TEAM_LANGUAGES = ['typescript', 'javascript', 'python', 'go', 'rust', 'java', 'kotlin', 'any'] as const;
export type TeamLanguage = (typeof TEAM_LANGUAGES)[number];

export const WORKLOADS = ['crud', 'ai', 'high-volume', 'general'] as const;
export type Workload = (typeof WORKLOADS)[number];

export const STYLES = ['opinionated', 'minimal'] as const;
export type Style = (typeof STYLES)[number];

export const PACKAGE_MANAGERS = ['npm', 'pnpm', 'yarn', 'bun'] as const;
export type PackageManager = (typeof PACKAGE_MANAGERS)[number];

/** The inputs of the selection logic. Unset fields are ones the user did not say; the rules treat them as neutral. */
export interface DecisionInputs {
  language?: TeamLanguage;
  workload?: Workload;
  style?: Style;
  teamSize?: number;
  rps?: number;
  deploy?: DeployTarget;
  /** A framework the user has already chosen (`--framework`): it wins, with warnings where the article disagrees. */
  framework?: FrameworkId;
}

/** Everything a generation needs beyond the decision. */
export interface ProjectAnswers extends DecisionInputs {
  projectName: string;
  deploy: DeployTarget;
  /** `--database`: a feature (src/features/) with its template layers; unset is `none`. */
  database?: Database;
  packageManager: PackageManager;
  install: boolean;
  git: boolean;
  /** Go module path override (`--go-module`). */
  goModule?: string;
  /** Java package override (`--java-package`). */
  javaPackage?: string;
  /** Team template folders layered over the built-in ones (`--templates`), as absolute paths. */
  templates?: string[];
  /** A team plopfile (`--plopfile`), as an absolute path. */
  plopfile?: string;
}
