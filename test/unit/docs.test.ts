/**
 * The project states its starter contract in its own docs (docs/contract.md, shipped in the package), and what the
 * e2e suite checks is what that page says.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONTRACT_CASES } from '../e2e/contract.js';
import { REPO } from '../e2e/tools.js';

const read = (file: string) => fs.readFileSync(path.join(REPO, file), 'utf8');
const contract = read('docs/contract.md');

describe('docs/contract.md', () => {
  it('ships in the npm package, and the README links it (nothing links outside the repository)', () => {
    const manifest = JSON.parse(read('package.json'));
    expect(manifest.files).toContain('docs');
    expect(read('README.md')).toContain('](docs/contract.md)');
    const texts = [read('README.md'), ...fs.readdirSync(path.join(REPO, 'templates'), { recursive: true }).map(String).filter((f) => /\.(md|hbs)$/.test(f)).map((f) => read(`templates/${f}`))];
    for (const text of texts) expect(text).not.toMatch(/\.\.\/shared\/|shared\/CONTRACT/);
  });

  it('names every request the e2e suite checks, with the answer it expects', () => {
    const rows = contract.split('\n').filter((line) => line.startsWith('| `GET'));
    for (const { path: route, expect: want } of CONTRACT_CASES) {
      if (route === '/no/such/route') {
        expect(contract).toMatch(/\| a path it does not know \| `404` with a JSON body \|/);
        continue;
      }
      const row = rows.find((r) => r.includes(`\`GET ${route}\``) || r.includes(`\`${route}\``));
      expect(row, route).toBeDefined();
      if (want.kind === 'exact') expect(row).toContain(`\`${want.status}\``);
      else for (const status of want.statuses) expect(row).toContain(`\`${status}\``);
    }
    expect(contract).toContain('`{"id":42,"status":"paid"}`');
    expect(contract).toMatch(/exits with status 0 within\s+10 seconds/);
  });
});

describe("the README's tour", () => {
  it('says as many files as the tour\'s answers generate (the tour is a recorded run; a starter that grows makes it stale)', async () => {
    const { decide } = await import('../../src/decide/decide.js');
    const { plan } = await import('../../src/plan/plan.js');
    const said = /Created \/tmp\/tour\/billing-api: (\d+) files \(Fastify, containers\)\./.exec(read('README.md'));
    expect(said, 'the tour names the files it created').not.toBeNull();
    const answers = { projectName: 'billing-api', framework: 'fastify', deploy: 'containers', packageManager: 'npm', install: true, git: true } as const;
    expect(plan(decide(answers), answers).files.length).toBe(Number(said![1]));
  });
});
