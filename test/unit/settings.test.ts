/**
 * The environment each starter reads (src/plan/settings.ts) against what it generates: `.env.example` and the
 * README's Configuration table list exactly the table's variables, every listed variable is read by the project's
 * code, and every variable the code reads is listed (or is one the platform sets, not the user).
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ProjectAnswers } from '../../src/answers.js';
import { decide } from '../../src/decide/decide.js';
import { featureSets, offeredFeatures } from '../../src/features/index.js';
import { frameworks } from '../../src/frameworks/index.js';
import type { DeployTarget, Ecosystem, FrameworkRecord } from '../../src/frameworks/types.js';
import type { FeatureId } from '../../src/features/types.js';
import { plan } from '../../src/plan/plan.js';
import { settingsFor } from '../../src/plan/settings.js';

/** Set by the platform or by the code itself, never by the user: not theirs to configure. */
const PLATFORM = new Set(['AWS_LAMBDA_FUNCTION_NAME', 'AWS_LAMBDA_RUNTIME_API', 'LAMBDA_TASK_ROOT', '_HANDLER', 'DJANGO_SETTINGS_MODULE']);

/** How code of each ecosystem reads a variable, by the file extensions (or names) it is read in; group 1 is the name. */
const READS: Record<Ecosystem, { extensions: string[]; files?: RegExp; patterns: RegExp[] }> = {
  node: { extensions: ['.ts'], patterns: [/process\.env\.([A-Z_][A-Z0-9_]*)/g, /\benv\.([A-Z_][A-Z0-9_]*)/g, /process\.env\[['"]([A-Z_][A-Z0-9_]*)['"]\]/g] },
  python: {
    extensions: ['.py'],
    patterns: [/environ(?:\.get\(|\[|\.setdefault\()\s*["']([A-Z_][A-Z0-9_]*)["']/g, /\.get\(\s*["']([A-Z_][A-Z0-9_]{2,})["']/g, /\benv_\w+\(\s*["']([A-Z_][A-Z0-9_]*)["']/g, /secret_key\(\s*["']([A-Z_][A-Z0-9_]*)["']/g, /validation_alias=["']([A-Z_][A-Z0-9_]*)["']/g],
  },
  go: { extensions: ['.go'], patterns: [/[gG]etenv\("([A-Z_][A-Z0-9_]*)"\)/g, /LookupEnv\("([A-Z_][A-Z0-9_]*)"\)/g] },
  rust: { extensions: ['.rs'], patterns: [/\bvar\("([A-Z_][A-Z0-9_]*)"\)/g] },
  // Spring's own settings files, not every YAML file (template.yaml's ${AWS::Region} is CloudFormation's).
  jvm: { extensions: ['.java', '.properties'], files: /^src\/main\/resources\/application[^/]*\.ya?ml$/, patterns: [/\$\{([A-Z_][A-Z0-9_]*)[:}]/g, /getenv\("([A-Z_][A-Z0-9_]*)"\)/g, /getProperty\("([A-Z_][A-Z0-9_]*)"\)/g] },
};

/** Documentation and bookkeeping: they name the variables, they do not read them. */
const NOT_CODE = /^(README\.md|AGENTS\.md|\.env\.example|\.create-backend-fit(\.pristine)?\.json)$/;

const combinations = frameworks.flatMap((framework) =>
  framework.deployTargets.flatMap((deploy: DeployTarget) => featureSets(offeredFeatures(framework)).map((features) => ({ framework, deploy, features }))),
);

function generate(framework: FrameworkRecord, deploy: DeployTarget, features: FeatureId[]): Map<string, string> {
  const answers: ProjectAnswers = {
    projectName: 'invoice-api', framework: framework.id, deploy, database: features.includes('postgres') ? 'postgres' : 'none', packageManager: 'npm', install: false, git: false,
  };
  return new Map(plan(decide(answers), answers).files.map((f) => [f.path, f.content.toString('utf8')]));
}

/** Each `NAME=` line of `.env.example`, set or commented out. */
const envExampleNames = (text: string) => [...text.matchAll(/^(?:# )?([A-Z_][A-Z0-9_]*)=/gm)].map((m) => m[1]);

describe('settings: .env.example, the README table and the code agree', () => {
  it.each(combinations.map((c) => [`${c.framework.id} ${c.deploy}${c.features.length ? ` + ${c.features.join(', ')}` : ''}`, c] as const))('%s', (_, { framework, deploy, features }) => {
    const files = generate(framework, deploy, features);
    const listed = settingsFor(framework, features).map((s) => s.name);

    expect(envExampleNames(files.get('.env.example') ?? '')).toEqual(listed);
    const readme = files.get('README.md') ?? '';
    const configuration = readme.slice(readme.indexOf('## Configuration'), readme.indexOf('\n## ', readme.indexOf('## Configuration') + 1));
    for (const name of listed) expect(configuration, `README's Configuration names ${name}`).toContain(`\`${name}\``);

    const code = [...files].filter(([file]) => !NOT_CODE.test(path.posix.basename(file)));
    for (const name of listed) expect(code.some(([, text]) => text.includes(name)), `some file of the project reads ${name}`).toBe(true);

    const { extensions, files: named, patterns } = READS[framework.ecosystem];
    const read = new Set(
      code
        .filter(([file]) => extensions.includes(path.posix.extname(file)) || named?.test(file))
        .flatMap(([, text]) => patterns.flatMap((pattern) => [...text.matchAll(pattern)].map((m) => m[1]!))),
    );
    const unlisted = [...read].filter((name) => !listed.includes(name) && !PLATFORM.has(name));
    expect(unlisted, 'variables the code reads that .env.example does not list').toEqual([]);
    // The scan sees the reads it must: PORT is read by every starter.
    expect(read.has('PORT')).toBe(true);
  });

  it('keeps .env out of git and out of the image, and .env.example in both views', () => {
    for (const { framework, deploy, features } of combinations) {
      const files = generate(framework, deploy, features);
      for (const ignore of ['.gitignore', '.dockerignore']) {
        const lines = (files.get(ignore) ?? '').split('\n');
        expect(lines, `${framework.id} ${deploy} ${ignore}`).toContain('.env');
        expect(lines.some((line) => line === '.env*' || line === '*.example')).toBe(false);
      }
    }
  });
});
