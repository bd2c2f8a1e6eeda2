import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { DecisionInputs } from '../../src/answers.js';
import { decide, decisionJson } from '../../src/decide/decide.js';
import { noteRules, overrideWarnings, scoringRules } from '../../src/decide/rules.js';
import { frameworks } from '../../src/frameworks/index.js';
import { REPO } from '../e2e/tools.js';

const ARTICLE_FILE = path.join(REPO, '../shared/seeds/000_bc19e8e8c29351ec.txt');
const top = (inputs: DecisionInputs) => decide(inputs).framework;

describe('the article\'s scenarios', () => {
  it('starts with the team: a TypeScript team gets a Node framework whatever the workload', () => {
    for (const workload of ['crud', 'ai', 'high-volume', 'general'] as const) {
      expect(['nestjs', 'fastify']).toContain(top({ language: 'typescript', workload, rps: 20_000 }));
    }
  });

  it('JavaScript teams get a Node framework, which is TypeScript now', () => {
    const decision = decide({ language: 'javascript' });
    expect(['nestjs', 'fastify']).toContain(decision.framework);
    expect(decision.ranking[0]!.reasons.join(' ')).toMatch(/assume TypeScript by default/);
  });

  it('CRUD and dashboards favor Django or NestJS', () => {
    expect(top({ language: 'python', workload: 'crud' })).toBe('django');
    expect(top({ language: 'typescript', workload: 'crud' })).toBe('nestjs');
    expect(['django', 'nestjs']).toContain(top({ language: 'any', workload: 'crud' }));
  });

  it('model serving and agents favor FastAPI, also for a team with no language yet (FAQ)', () => {
    expect(top({ language: 'python', workload: 'ai' })).toBe('fastapi');
    expect(top({ language: 'any', workload: 'ai' })).toBe('fastapi');
  });

  it('a startup with no language ships fastest on NestJS or Fastify (FAQ)', () => {
    expect(['nestjs', 'fastify']).toContain(top({ language: 'any', workload: 'general', deploy: 'containers' }));
    expect(['nestjs', 'fastify']).toContain(top({}));
  });

  it('sustained high volume at scale favors Go, and Rust when maximum performance is needed (FAQ)', () => {
    expect(['gin', 'echo']).toContain(top({ language: 'any', workload: 'high-volume', rps: 20_000 }));
    expect(top({ language: 'any', workload: 'high-volume', rps: 100_000 })).toBe('axum');
  });

  it('a few hundred requests per second makes framework speed irrelevant', () => {
    const decision = decide({ language: 'any', workload: 'high-volume', rps: 300 });
    expect(['nestjs', 'fastify']).toContain(decision.framework);
    expect(decision.notes.map((n) => n.rule)).toEqual(expect.arrayContaining(['database-first', 'skip-benchmark-decisions']));
    const go = decision.ranking.find((r) => r.framework === 'gin')!;
    expect(go.reasons.some((r) => r.includes('[workload-high-volume]'))).toBe(false);
  });

  it('a Python team chasing throughput keeps Python: fighting the team rarely pays off', () => {
    expect(top({ language: 'python', workload: 'high-volume', rps: 100_000, deploy: 'serverless', style: 'minimal' })).toBe('fastapi');
  });

  it('weighs opinion: structure for larger teams, control when asked for', () => {
    expect(top({ language: 'typescript', teamSize: 25 })).toBe('nestjs');
    expect(top({ language: 'typescript', style: 'minimal' })).toBe('fastify');
    expect(top({ language: 'python', style: 'opinionated' })).toBe('django');
    expect(top({ language: 'go', style: 'minimal' })).toBe('gin');
  });

  it('cold-start sensitive serverless favors Go binaries or GraalVM native images', () => {
    expect(['gin', 'echo']).toContain(top({ language: 'any', workload: 'general', deploy: 'serverless' }));
    const java = decide({ language: 'java', deploy: 'serverless' });
    expect(java.framework).toBe('spring-boot');
    expect(java.ranking[0]!.reasons.join(' ')).toMatch(/GraalVM native images/);
    expect(decide({ deploy: 'containers' }).notes.map((n) => n.rule)).toContain('containers-forgive');
  });

  it('JVM teams, Kotlin included, get Spring Boot', () => {
    expect(top({ language: 'java' })).toBe('spring-boot');
    expect(top({ language: 'kotlin', workload: 'crud' })).toBe('spring-boot');
  });

  it('skips Rust for a small CRUD app', () => {
    const decision = decide({ language: 'any', workload: 'crud' });
    expect(decision.ranking.at(-1)!.framework).toBe('axum');
    const override = decide({ language: 'any', workload: 'crud', framework: 'axum' });
    expect(override.framework).toBe('axum');
    expect(override.chosenBy).toBe('override');
    expect(override.warnings.map((w) => w.rule)).toContain('skip-rust-small-crud');
  });

  it('warns when an override switches language to chase throughput at a few hundred requests per second', () => {
    const decision = decide({ language: 'typescript', rps: 300, framework: 'gin' });
    expect(decision.framework).toBe('gin');
    expect(decision.warnings.map((w) => w.rule)).toEqual(['team-language', 'few-hundred-rps', 'ranked-lower']);
    expect(decision.watchOutFor).toBe('Manual wiring; less magic');
  });

  it('an override that agrees with the article, or ties with its pick, carries no warning', () => {
    expect(decide({ language: 'python', workload: 'ai', framework: 'fastapi' }).warnings).toEqual([]);
    expect(decide({ framework: 'fastify' }).warnings).toEqual([]);
  });
});

describe('the decision', () => {
  it('ranks all eight frameworks, best first, each reason citing its rule', () => {
    const decision = decide({ language: 'go', workload: 'high-volume', rps: 5000, deploy: 'serverless' });
    expect(decision.ranking.map((r) => r.framework).sort()).toEqual(frameworks.map((f) => f.id).sort());
    const scores = decision.ranking.map((r) => r.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    const ruleIds = new Set(scoringRules(frameworks).map((r) => r.id));
    for (const row of decision.ranking) {
      for (const reason of row.reasons) expect(ruleIds.has(/\[([\w-]+)\]$/.exec(reason)![1]!)).toBe(true);
    }
  });

  it('is pure: the same answers give the same decision', () => {
    const inputs: DecisionInputs = { language: 'any', workload: 'ai', rps: 800, deploy: 'serverless', teamSize: 3 };
    expect(decide(inputs)).toEqual(decide({ ...inputs }));
  });

  it('prints the documented JSON shape', () => {
    const json = decisionJson(decide({ language: 'rust' }));
    expect(json.framework).toBe('axum');
    expect(json.watchOutFor).toBe('Steeper learning curve, longer build times');
    expect(Object.keys(json.ranking[0]!)).toEqual(['framework', 'score', 'reasons']);
  });
});

describe('the rules quote the article', () => {
  const article = () => {
    if (!fs.existsSync(ARTICLE_FILE)) throw new Error(`The source article is missing: ${ARTICLE_FILE} (shared/ sits beside the repo).`);
    return fs.readFileSync(ARTICLE_FILE, 'utf8').replace(/\s+/g, ' ').toLowerCase();
  };
  const fragments = (quote: string) =>
    quote
      .split(/(?<=[.;])\s+/)
      .map((f) => f.replace(/[.;]$/, '').trim().toLowerCase())
      .filter(Boolean);

  it('every quote of every rule, note and warning is the article\'s own words', () => {
    const text = article();
    const quotes = [...scoringRules(frameworks), ...noteRules, ...overrideWarnings].map((r) => r.quote);
    for (const quote of quotes) for (const fragment of fragments(quote)) expect(text, quote).toContain(fragment);
  });

  it('every framework\'s sweet spot and watch-out note is the article\'s table row', () => {
    const text = article();
    for (const f of frameworks) {
      expect(text).toContain(f.sweetSpot.toLowerCase());
      expect(text).toContain(f.watchOutFor.toLowerCase());
    }
  });
});
