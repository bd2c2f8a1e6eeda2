/**
 * AGENTS.md and README.md of every starter come from the same records and partials; these checks hold them to
 * saying the same: the commands, the toolchains, the contract, where a route's code lives.
 */
import { describe, expect, it } from 'vitest';
import type { PackageManager, ProjectAnswers } from '../../src/answers.js';
import { decide } from '../../src/decide/decide.js';
import { chosenFeatures, offeredFeatures } from '../../src/features/index.js';
import { frameworks } from '../../src/frameworks/index.js';
import { git } from '../../src/frameworks/toolchains.js';
import type { DeployTarget, FrameworkRecord } from '../../src/frameworks/types.js';
import { commandsFor } from '../../src/plan/commands.js';
import { plan } from '../../src/plan/plan.js';

// With each database a framework offers too: a feature can move the routes (Axum's and Go's invoice handlers).
const starters = frameworks.flatMap((f) =>
  f.deployTargets.flatMap((deploy) => [undefined, ...offeredFeatures(f).map(() => 'postgres' as const)].map((database) => ({ f, deploy, database }))),
);

function render(f: FrameworkRecord, deploy: DeployTarget, packageManager: PackageManager = 'npm', database?: 'postgres') {
  const answers: ProjectAnswers = { projectName: 'ledger-api', framework: f.id, deploy, database, packageManager, install: false, git: false };
  const files = new Map(plan(decide(answers), answers).files.map((x) => [x.path, x.content.toString()]));
  return { files, readme: files.get('README.md')!, agents: files.get('AGENTS.md')! };
}

/** The fenced sh blocks of a Markdown text, and its bullet lines. */
const shBlocks = (md: string) => [...md.matchAll(/```sh\n([\s\S]*?)```/g)].map((m) => m[1]!);
const paragraphWith = (md: string, start: string) => {
  const at = md.indexOf(start);
  return at === -1 ? undefined : md.slice(at, md.indexOf('\n\n', at));
};

describe('AGENTS.md', () => {
  for (const { f, deploy, database } of starters) {
    for (const pm of f.ecosystem === 'node' ? (['npm', 'pnpm'] as const) : (['npm'] as const)) {
      it(`${f.id} (${deploy}${database ? ` + ${database}` : ''}${f.ecosystem === 'node' ? `, ${pm}` : ''}): says what the README says, and what it names exists`, () => {
        const { files, readme, agents } = render(f, deploy, pm, database);
        expect(agents).toBeDefined();
        const commands = commandsFor(f, pm, chosenFeatures({ database }));

        // The README's "Run it" block is AGENTS.md's, word for word, and it is the record's install, test and start.
        // With a database, the database's lines and its migrate command come between the install and the tests.
        const run = database
          ? shBlocks(readme).find((b) => b.startsWith(`${commands.install}\n`) && b.includes(`\n${commands.migrate}\n`) && b.endsWith(`\n${commands.test}\n${commands.start}\n`))
          : `${commands.install}\n${commands.test}\n${commands.start}\n`;
        expect(run, 'the README\'s "Run it" block').toBeDefined();
        expect(shBlocks(readme)).toContain(run);
        expect(shBlocks(agents)).toContain(run);
        // Every other command of the record is listed, and nothing that is not one.
        const listed = [...agents.matchAll(/^- [^:\n]+: `(.+)`$/gm)].map((m) => m[1]);
        expect(listed.sort()).toEqual(Object.entries(commands).filter(([k]) => k !== 'lambda').map(([, v]) => v).sort());
        for (const command of Object.values(commands)) expect(command).not.toContain('`');
        // The serverless emulator line is the same in both.
        const emulator = shBlocks(readme).filter((b) => b.startsWith('aws-lambda-rie '));
        expect(emulator).toHaveLength(deploy === 'serverless' ? 1 : 0);
        for (const block of emulator) expect(shBlocks(agents)).toContain(block);

        // The toolchains: the same lines, from the records.
        for (const tool of [...f.toolchain, git]) {
          const line = `- ${tool.name} ${tool.minimum} or newer (\`${tool.command}\`)`;
          expect(readme).toContain(line);
          expect(agents).toContain(line);
        }
        // The programs the lint and Lambda commands run: named where this deploy target has those commands, only there.
        for (const tool of f.tools) {
          const named = `(\`${tool.command}\`), for `;
          const needed = tool.neededBy.includes('lint') || deploy === 'serverless';
          expect(readme.includes(named), `${tool.command} in the README`).toBe(needed);
          expect(agents.includes(named), `${tool.command} in AGENTS.md`).toBe(needed);
        }
        // The contract and the route's place: the same paragraphs.
        for (const start of ['The server listens on', '- `GET /invoices/', 'It logs one line per request', 'The invoice route is in']) {
          const inReadme = paragraphWith(readme, start);
          expect(inReadme, start).toBeDefined();
          expect(paragraphWith(agents, start)).toBe(inReadme);
        }

        // The files it points to are the starter's, and hold what it says they hold.
        const [, routes, tests] = /The invoice route is in `([^`]+)`[\s\S]*?tests in `([^`]+)`/.exec(agents)!;
        expect(files.get(routes!), routes).toMatch(/invoices/);
        expect(files.get(tests!), tests).toMatch(/\/invoices\//);
        const registry = /registered in `([^`]+)`/.exec(agents)?.[1];
        if (registry) expect(files.get(registry), registry).toMatch(/[Ii]nvoice/);
        for (const file of ['.create-backend-fit.json', '.create-backend-fit.pristine.json', '.github/workflows/ci.yml']) {
          expect(agents).toContain(file);
          expect(files.has(file), file).toBe(true);
        }
      });
    }
  }
});
