/**
 * The built CLI renders the built-in templates from their precompiled form (src/build, src/plan/compiled.ts), tests
 * and src/ compile them at run time: both must give the same project, byte for byte, with or without a team's
 * overlay on top.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProjectAnswers } from '../../src/answers.js';
import { precompiledFrameworks } from '../../src/build/precompile-templates.js';
import { decide } from '../../src/decide/decide.js';
import { offeredFeatures, type Database } from '../../src/features/index.js';
import { frameworks } from '../../src/frameworks/index.js';
import type { DeployTarget, FrameworkId } from '../../src/frameworks/types.js';
import { compiledFileFor, compiledLayer, loadCompiled } from '../../src/plan/compiled.js';
import { BUILTIN_TEMPLATES, listLayer } from '../../src/plan/layers.js';
import { plan } from '../../src/plan/plan.js';

let compiledDir: string;
let scratch: string;

beforeAll(() => {
  scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'cbf-compiled-'));
  compiledDir = path.join(scratch, 'compiled-templates');
  fs.mkdirSync(compiledDir);
  for (const [framework, source] of precompiledFrameworks(BUILTIN_TEMPLATES, frameworks)) fs.writeFileSync(compiledFileFor(compiledDir, framework), source);
});
afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

function planBoth(framework: FrameworkId, deploy: DeployTarget, templates?: string[], database?: Database) {
  const answers: ProjectAnswers = { projectName: 'invoice-api', framework, deploy, database, packageManager: 'npm', install: false, git: false, templates };
  const decision = decide(answers);
  const asFiles = (p: ReturnType<typeof plan>) => p.files.map((f) => ({ path: f.path, mode: f.mode, content: f.content.toString('utf8') }));
  return {
    precompiled: asFiles(plan(decision, answers, { compiledTemplates: compiledDir })),
    compiledNow: asFiles(plan(decision, answers, { compiledTemplates: false })),
  };
}

describe('precompiled built-in templates', () => {
  it('list every layer folder a framework reads with the files, modes and templates that are on disk', () => {
    expect(fs.readdirSync(BUILTIN_TEMPLATES)).toEqual(expect.arrayContaining(['_shared', 'fastify', 'spring-boot']));
    for (const framework of frameworks) {
      const module = loadCompiled(compiledDir, framework.id);
      expect(module, `${framework.id}.cjs`).toBeDefined();
      for (const group of ['_shared', `_${framework.ecosystem}`, framework.id].filter((g) => fs.existsSync(path.join(BUILTIN_TEMPLATES, g)))) {
        // A level's own layer folders, and each of its features' (`fastify/features/postgres/base`).
        const dirs = (rel: string) => fs.readdirSync(path.join(BUILTIN_TEMPLATES, group, rel), { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name);
        const featureLayers = fs.existsSync(path.join(BUILTIN_TEMPLATES, group, 'features'))
          ? dirs('features').flatMap((feature) => dirs(`features/${feature}`).map((layer) => `features/${feature}/${layer}`))
          : [];
        if (group === framework.id) expect(featureLayers.length > 0, `${group}: feature layers`).toBe(offeredFeatures(framework).length > 0);
        // ... and its locks' (`fastify/locks/containers+npm`), one layer per combination.
        const lockLayers = fs.existsSync(path.join(BUILTIN_TEMPLATES, group, 'locks')) ? dirs('locks').map((key) => `locks/${key}`) : [];
        for (const layer of [...dirs('').filter((d) => d !== 'features' && d !== 'locks'), ...featureLayers, ...lockLayers]) {
          const onDisk = listLayer(path.join(BUILTIN_TEMPLATES, group, layer));
          const compiled = compiledLayer(module!, BUILTIN_TEMPLATES, `${group}/${layer}`);
          expect(compiled.map((f) => [f.relPath, f.mode]).sort(), `${framework.id}: ${group}/${layer}`).toEqual(onDisk.map((f) => [f.relPath, f.mode]).sort());
          for (const file of compiled) expect(Boolean(file.spec), `${group}/${layer}/${file.relPath}`).toBe(file.relPath.endsWith('.hbs'));
        }
      }
    }
  });

  const starters = frameworks.flatMap((f) => f.deployTargets.map((deploy) => ({ f, deploy })));
  it('cover all eight frameworks', () => {
    expect(new Set(starters.map((s) => s.f.id)).size).toBe(8);
  });
  for (const { f, deploy } of starters) {
    it(`render ${f.id} (${deploy}) exactly as templates compiled at run time do`, () => {
      const { precompiled, compiledNow } = planBoth(f.id, deploy);
      expect(precompiled.length).toBeGreaterThan(5);
      expect(precompiled).toEqual(compiledNow);
    });
    for (const feature of offeredFeatures(f)) {
      it(`render ${f.id} (${deploy}) with ${feature} exactly as templates compiled at run time do, with the feature's files`, () => {
        const { precompiled, compiledNow } = planBoth(f.id, deploy, undefined, feature);
        expect(precompiled).toEqual(compiledNow);
        const without = new Set(planBoth(f.id, deploy).precompiled.map((file) => file.path));
        expect(precompiled.filter((file) => !without.has(file.path)).length, 'files only the feature adds').toBeGreaterThan(0);
      });
    }
  }

  it('mix with a team overlay: its templates and partials compile at run time and win over the built-in ones', () => {
    const team = path.join(scratch, 'team');
    const put = (rel: string, text: string) => {
      fs.mkdirSync(path.dirname(path.join(team, rel)), { recursive: true });
      fs.writeFileSync(path.join(team, rel), text);
    };
    put('_shared/base/docs/OWNERS.md.hbs', 'Owners of {{title}}: {{json npmName}}\n');
    put('fastify/partials/readme-notes.hbs', 'Team notes for {{framework.name}}.\n');
    const { precompiled, compiledNow } = planBoth('fastify', 'containers', [team]);
    expect(precompiled).toEqual(compiledNow);
    const byPath = new Map(precompiled.map((f) => [f.path, f.content]));
    expect(byPath.get('docs/OWNERS.md')).toBe('Owners of invoice-api: "invoice-api"\n');
    expect(byPath.get('README.md')).toContain('Team notes for Fastify.');
  });
});
