/**
 * A feature is an answer (`--database postgres`) plus template layers (`templates/<group>/features/<id>/...`). Its
 * record says what it needs beyond the framework's own: programs on the machine, the services a test run starts
 * beside the starter, and the environment the starter reads. Which frameworks offer it, and with which commands
 * (`migrate`), is in each framework record's `features`, so offering a feature to one more framework is data there
 * plus that framework's layer folders.
 */
import type { Toolchain } from '../frameworks/types.js';

export const FEATURE_IDS = ['postgres'] as const;
export type FeatureId = (typeof FEATURE_IDS)[number];

/** The `--database` answer: `none`, or the feature that provides that database. */
export const DATABASES = ['none', 'postgres'] as const satisfies readonly ('none' | FeatureId)[];
export type Database = (typeof DATABASES)[number];

/** A server a project with the feature talks to; the e2e harness starts one for each test run. */
export interface FeatureService {
  id: FeatureId;
  /** The major version the starters' compose files, CI services and the e2e harness all use. */
  major: number;
  /** The image compose and CI run it from. */
  image: string;
  /** The environment variable a starter reads the service's URL from. */
  urlEnv: string;
}

export interface FeatureRecord {
  id: FeatureId;
  name: string;
  /** Which answer selects it: `{ key: 'database', value: 'postgres' }` is `--database postgres`. */
  answer: { key: 'database'; value: Exclude<Database, 'none'> };
  /** What the project needs on the machine beyond the framework's toolchain (to run its own tests locally). */
  toolchain: readonly Toolchain[];
  /** The commands that make the service available before migrate and test (printed in the next steps). */
  setup: readonly string[];
  services: readonly FeatureService[];
}

/** What a framework says about a feature it offers: the commands it adds to the framework's own. */
export interface FrameworkFeature {
  commands: {
    /** Applies the migrations under version control to the database at the feature's URL. */
    migrate: string;
  };
  /**
   * `migrate` in exec form, as the project's own container image runs it (compose's one-shot migrate service, the
   * Kubernetes migration Job): images have no package manager's run scripts to rely on, some not even a shell.
   */
  imageMigrate: readonly string[];
  /** Where the migrations live in the project (the README names it); `migrations/` when unset. */
  migrations?: string;
}
