/**
 * Every config file any starter emits, checked by the real validators of its ecosystem (docs/contract.md,
 * "Checked by real validators"), for every framework record and every deploy target:
 * - SAM template.yaml: cfn-lint, no error and no warning (warnings flag what deploys but misbehaves or is about to
 *   stop working, e.g. a runtime near its deprecation; a starter should have none, and an exception would be listed
 *   here with its reason). Informational rules are not enabled.
 * - .github/workflows/*.yml: actionlint (with shellcheck over `run:`), no finding; ci.yml runs exactly the record's
 *   install, migrate (with a database) and test commands (what the README and `list --json` print).
 * - k8s/*.yaml: kubernetes-validate --strict, unknown fields are errors, a kind without a schema fails too.
 * - compose.yaml: check-jsonschema against the Compose specification's schema.
 * - .github/dependabot.yml: check-jsonschema against Dependabot's schema, listing the starter's ecosystems.
 * - Dockerfile: hadolint at its default threshold with no rule ignored, plus the project's own checks (multi-stage,
 *   pinned bases, non-root final user, COPY sources in the build context after .dockerignore, the final command runs
 *   what a build stage made).
 * The validators come from `.ci/install-validators.sh`; a missing one fails every test here, naming that script.
 * Each validator runs once over all starters (cfn-lint alone takes seconds to start) and findings are sorted back
 * to the starter whose describe() the test is in.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import YAML from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { commandProblem, copySourceProblems, healthcheckProblem, stageProblems, userProblem } from './dockerfile-checks.js';
import { parseDockerfile, type Dockerfile } from './dockerfile.js';
import { readSamFunction } from '../e2e/sam.js';
import { allStarters, generate, type Starter } from './starters.js';
import { commandsFor } from '../../src/plan/commands.js';
import { actionlint, cfnLint, composeSchema, dependabotSchema, formatFinding, hadolint, kubernetesValidate, requireValidators, type Finding } from './validators.js';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'cbf-validate-'));
afterAll(() => {
  if (!process.env.E2E_KEEP) fs.rmSync(root, { recursive: true, force: true });
});

/** Which generated files each validator reads, by project path. */
const KINDS = {
  sam: (p: string, text: string) => /\.ya?ml$/.test(p) && /^(AWSTemplateFormatVersion:|Transform:\s*AWS::Serverless)/m.test(text),
  workflow: (p: string) => /^\.github\/workflows\/[^/]+\.ya?ml$/.test(p),
  k8s: (p: string) => /^k8s\/.+\.ya?ml$/.test(p),
  compose: (p: string) => /^(docker-)?compose(\.[^/]+)?\.ya?ml$/.test(p),
  dependabot: (p: string) => p === '.github/dependabot.yml',
  dockerfile: (p: string) => /(^|\/)Dockerfile(\.[^/]+)?$/.test(p),
};
type Kind = keyof typeof KINDS;

interface Generated extends Starter {
  dir: string;
  files: Record<Kind, string[]>;
  error?: Error;
}

const generated: Generated[] = allStarters.map((starter) => {
  const dir = path.join(root, starter.slug);
  const files: Record<Kind, string[]> = { sam: [], workflow: [], k8s: [], compose: [], dependabot: [], dockerfile: [] };
  try {
    for (const file of generate(starter, dir).files) {
      const text = file.content.toString('utf8');
      for (const kind of Object.keys(KINDS) as Kind[]) if (KINDS[kind](file.path, text)) files[kind].push(file.path);
    }
    return { ...starter, dir, files };
  } catch (error) {
    return { ...starter, dir, files, error: error as Error };
  }
});

/** Known-bad files each validator must flag, run in the same call: a validator that accepts anything fails here. */
const CANARY = '_canary';
const canaries: Record<Kind, { file: string; text: string; expect: RegExp }> = {
  sam: {
    file: 'template.yaml',
    text: 'AWSTemplateFormatVersion: "2010-09-09"\nTransform: AWS::Serverless-2016-10-31\nResources:\n  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n      CodeUri: .\n      Handler: index.handler\n      Runtime: nodejs4.3\n',
    expect: /nodejs4\.3/,
  },
  workflow: {
    file: '.github/workflows/ci.yml',
    text: 'on: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo $UNQUOTED\n      - uses: actions/checkout@v1\n',
    expect: /SC2086|too old/,
  },
  k8s: {
    file: 'k8s/deployment.yaml',
    text: 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: x\nspec:\n  selector:\n    matchLabels: {app: x}\n  template:\n    metadata:\n      labels: {app: x}\n    spec:\n      notAField: true\n      containers:\n        - name: x\n          image: x:1\n',
    expect: /notAField/,
  },
  compose: {
    file: 'compose.yaml',
    text: 'services:\n  api:\n    image: x:1\n    notAField: true\n',
    expect: /notAField/,
  },
  dependabot: {
    file: '.github/dependabot.yml',
    text: 'version: 2\nupdates:\n  - package-ecosystem: not-an-ecosystem\n    directory: /\n',
    expect: /not-an-ecosystem|schedule/,
  },
  dockerfile: {
    file: 'Dockerfile',
    text: 'FROM debian\nRUN cd /tmp && echo hi\n',
    expect: /DL3006|DL3003/,
  },
};
for (const { file, text } of Object.values(canaries)) {
  fs.mkdirSync(path.dirname(path.join(root, CANARY, file)), { recursive: true });
  fs.writeFileSync(path.join(root, CANARY, file), text);
}

const RUNNERS: Record<Kind, (cwd: string, files: string[]) => Promise<Finding[]>> = {
  sam: cfnLint,
  workflow: actionlint,
  k8s: kubernetesValidate,
  compose: composeSchema,
  dependabot: dependabotSchema,
  dockerfile: hadolint,
};

let results: Promise<Record<Kind, Finding[]>> | undefined;
/** Every validator once over every starter's files (and its canary), started by the first test that needs one. */
function allFindings(): Promise<Record<Kind, Finding[]>> {
  results ??= (async () => {
    requireValidators();
    const kinds = Object.keys(RUNNERS) as Kind[];
    const outcomes = await Promise.all(
      kinds.map((kind) => {
        const files = [...generated.flatMap((g) => g.files[kind].map((f) => `${g.slug}/${f}`)), `${CANARY}/${canaries[kind].file}`];
        return RUNNERS[kind](root, files);
      }),
    );
    return Object.fromEntries(kinds.map((kind, i) => [kind, outcomes[i]!])) as Record<Kind, Finding[]>;
  })();
  return results;
}

/** hadolint's default failure threshold is `info`: style findings do not fail it, everything above does. */
const counts = (kind: Kind, f: Finding) => kind !== 'dockerfile' || f.level !== 'style';

async function findingsFor(kind: Kind, prefix: string): Promise<string[]> {
  return (await allFindings())[kind].filter((f) => f.file.startsWith(`${prefix}/`) && counts(kind, f)).map(formatFinding);
}

describe('the validators', () => {
  it('are installed (by .ci/install-validators.sh) and each one flags a known-bad file', async () => {
    requireValidators();
    for (const kind of Object.keys(canaries) as Kind[]) {
      const found = await findingsFor(kind, CANARY);
      expect(found.join('\n'), `${kind} validator on its known-bad file`).toMatch(canaries[kind].expect);
    }
  });

  it('have every framework with a starter to check', () => {
    expect(allStarters.length).toBeGreaterThan(0);
    expect(allStarters.map((s) => s.label)).toEqual(expect.arrayContaining(['fastify/containers', 'fastify/serverless']));
  });
});

for (const starter of generated) {
  describe(starter.label, () => {
    const read = (file: string) => fs.readFileSync(path.join(starter.dir, file), 'utf8');
    const generatedOk = () => {
      if (starter.error) throw new Error(`${starter.label} could not be generated: ${starter.error.message}`);
    };
    const expectClean = async (kind: Kind, tool: string) => {
      generatedOk();
      const found = await findingsFor(kind, starter.slug);
      expect(found, `${tool} on ${starter.label}:\n${found.join('\n')}`).toEqual([]);
    };

    it('has the config files its deploy target needs (so no check below passes on nothing)', () => {
      generatedOk();
      expect(starter.files.workflow).toContain('.github/workflows/ci.yml');
      expect(starter.files.dockerfile).toContain('Dockerfile');
      if (starter.deploy === 'serverless') expect(starter.files.sam).toContain('template.yaml');
      if (starter.deploy === 'containers') {
        expect(starter.files.compose).toContain('compose.yaml');
        expect(starter.files.k8s.length).toBeGreaterThan(0);
      }
      if (starter.database) {
        expect(starter.files.compose).toContain('compose.yaml');
        if (starter.deploy === 'containers') expect(starter.files.k8s).toContain('k8s/migrate-job.yaml');
      }
    });

    if (starter.deploy === 'serverless') {
      it('template.yaml: cfn-lint finds no error and no warning', () => expectClean('sam', 'cfn-lint'));
    }

    it('workflows: actionlint (with shellcheck) finds nothing', () => expectClean('workflow', 'actionlint'));

    it("ci.yml runs exactly the record's install, lint and test commands", () => {
      generatedOk();
      const workflow = YAML.parse(read('.github/workflows/ci.yml')) as { jobs: Record<string, { steps?: { run?: string }[] }> };
      const runs = (job: string) => (workflow.jobs[job]?.steps ?? []).map((step) => step.run).filter((run): run is string => run !== undefined);
      const commands = commandsFor(starter.framework, starter.packageManager ?? 'npm', starter.database ? [starter.database] : []);
      const migrate = starter.database ? [commands.migrate] : [];
      // Yarn's setup is a command (corepack), the other managers' are actions.
      const setup = starter.packageManager === 'yarn' ? ['corepack enable yarn'] : [];
      expect(runs('test')).toEqual([...setup, commands.install, commands.lint, ...migrate, commands.test]);
      // Serverless: a job builds what deploys, the Makefile target template.yaml names (as `sam build` runs it), and
      // validates template.yaml.
      if (starter.deploy === 'serverless') {
        const fn = readSamFunction(path.join(starter.dir, 'template.yaml'));
        expect(fn.buildMethod).toBe('makefile');
        expect(runs('function')).toEqual(expect.arrayContaining([`make build-${fn.logicalId} ARTIFACTS_DIR="$RUNNER_TEMP/${fn.logicalId}"`, 'pipx run cfn-lint==1.58.0 template.yaml']));
      } else {
        expect(workflow.jobs.function).toBeUndefined();
      }
    });

    if (starter.deploy === 'containers') {
      it('k8s manifests: kubernetes-validate --strict accepts every resource', () => expectClean('k8s', 'kubernetes-validate --strict'));
      it('compose.yaml: valid against the Compose specification schema', () => expectClean('compose', 'check-jsonschema (compose-spec)'));
    } else if (starter.database) {
      // Serverless with a database: a compose.yaml with the local database only.
      it('compose.yaml: valid against the Compose specification schema', () => expectClean('compose', 'check-jsonschema (compose-spec)'));
    }

    it('Dockerfile: hadolint finds nothing at its default threshold', () => expectClean('dockerfile', 'hadolint'));

    it(".github/dependabot.yml: valid against Dependabot's schema", () => expectClean('dependabot', 'check-jsonschema (dependabot)'));

    it('.github/dependabot.yml: watches the manifest the project has, its workflows and its Dockerfile', () => {
      generatedOk();
      const updates = (YAML.parse(read('.github/dependabot.yml')) as { updates: { 'package-ecosystem': string; directory: string }[] }).updates;
      // The manifest's ecosystem, read from the files the project has (not from the table that wrote the file).
      // Dependabot's npm covers pnpm and yarn; bun has its own.
      const manifests: [string, string][] = [['package.json', starter.packageManager === 'bun' ? 'bun' : 'npm'], ['uv.lock', 'uv'], ['go.mod', 'gomod'], ['Cargo.toml', 'cargo'], ['pom.xml', 'maven']];
      const expected = manifests.filter(([file]) => fs.existsSync(path.join(starter.dir, file))).map(([, ecosystem]) => ecosystem);
      expect(expected.length, 'one manifest').toBe(1);
      expect(updates.map((u) => u['package-ecosystem']).sort()).toEqual([...expected, 'docker', 'github-actions'].sort());
      expect(new Set(updates.map((u) => u.directory))).toEqual(new Set(['/']));
    });

    describe('Dockerfile', () => {
      const dockerfile = (): Dockerfile => (generatedOk(), parseDockerfile(read('Dockerfile')));

      it('is multi-stage, and every base image is pinned to a major version (no latest, no untagged image)', () => {
        expect(stageProblems(dockerfile())).toEqual([]);
      });

      it('runs the final stage as a non-root user', () => {
        expect(userProblem(dockerfile())).toBeUndefined();
      });

      it('copies only files the generated project has and .dockerignore lets into the build context', () => {
        expect(copySourceProblems(dockerfile(), starter.dir)).toEqual([]);
      });

      it('tells the container runtime how to probe it (a HEALTHCHECK in the final stage)', () => {
        expect(healthcheckProblem(dockerfile())).toBeUndefined();
      });

      it('ends with a command that runs what a build stage produced and the final stage copied', () => {
        expect(commandProblem(dockerfile())).toBeUndefined();
      });
    });
  });
}
