import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { DecisionInputs } from '../../src/answers.js';
import { decide, decisionJson } from '../../src/decide/decide.js';
import { formatDecision } from '../../src/decide/explain.js';
import { TEAM_LANGUAGES } from '../../src/answers.js';
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
    expect(Object.keys(json.ranking[0]!)).toEqual(['framework', 'score', 'reasons', 'against']);
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
    // The part a rule cites for a given team is its quote too.
    const cited = scoringRules(frameworks).flatMap((r) => (r.cite ? TEAM_LANGUAGES.map((language) => r.cite!({ language })) : []));
    const quotes = [...scoringRules(frameworks), ...noteRules, ...overrideWarnings].map((r) => r.quote).concat(cited);
    // And every quote a decision prints, in reasons and against lines, for a spread of answers.
    for (const language of TEAM_LANGUAGES) {
      for (const workload of ['crud', 'ai', 'high-volume', 'general'] as const) {
        const decision = decide({ language, workload, rps: 20_000, teamSize: 12, deploy: 'serverless' });
        for (const line of decision.ranking.flatMap((r) => [...r.reasons, ...r.against])) {
          const quote = /: "(.*)" \[[\w-]+\]$/.exec(line)?.[1];
          if (quote) quotes.push(quote);
        }
      }
    }
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

describe('the decision in words', () => {
  it('says when the flag chose it, not that no rule moved the scores', () => {
    const text = formatDecision(decide({ framework: 'django', language: 'typescript' }));
    expect(text).toMatch(/^Chosen: Django \(CRUD-heavy apps, admin, batteries included\)\nWhy: you chose it \(--framework django\)\.\n/);
    expect(text).not.toMatch(/no rule of the article moved/);
    expect(text).toMatch(/Warning \[team-language\]: Django is python, but your team writes typescript/);
  });

  it('says when the top is a tie, and how it was broken', () => {
    const decision = decide({ language: 'any', workload: 'general' });
    expect(decision.tie).toEqual({
      frameworks: ['nestjs', 'fastify'],
      score: 10,
      text: "NestJS and Fastify tie at 10; the tie goes to NestJS, the first of them in the article's table.",
    });
    expect(formatDecision(decision)).toContain("Tie: NestJS and Fastify tie at 10; the tie goes to NestJS, the first of them in the article's table.");
    expect(decisionJson(decision).tie?.frameworks).toEqual(['nestjs', 'fastify']);
    expect(decide({ language: 'python', workload: 'ai' }).tie).toBeUndefined();
    // With no answers, the startup default applies: the same tie, and the reasons for both say so.
    const blank = decide({});
    expect(blank.tie?.frameworks).toEqual(['nestjs', 'fastify']);
    expect(formatDecision(blank)).toMatch(/^Why:\n {2}\+10 no team language yet: the article's startup default: "Whatever your founding engineers know best\./m);
  });

  it('quotes what fits the team: the TypeScript example only for a Node team', () => {
    const node = decide({ language: 'typescript' }).ranking[0]!.reasons.find((r) => r.endsWith('[team-language]'))!;
    expect(node).toContain('If everyone writes TypeScript');
    for (const language of ['python', 'kotlin', 'go', 'rust', 'java'] as const) {
      const reason = decide({ language }).ranking[0]!.reasons.find((r) => r.endsWith('[team-language]'))!;
      expect(reason, language).not.toContain('TypeScript');
      expect(reason).toContain('"Start with the team. Fighting your team\'s strengths to chase raw throughput rarely pays off."');
    }
    expect(decide({ language: 'python' }).ranking[0]!.reasons[0]).toMatch(/your team writes python, and the article's first rule is the team's language/);
  });

  it('gives every framework in the ranking at least one line for or against it, in text and JSON', () => {
    for (const inputs of [{}, { language: 'python' as const, workload: 'ai' as const }, { language: 'go' as const, deploy: 'serverless' as const, rps: 300 }, { language: 'any' as const, workload: 'crud' as const, teamSize: 20 }]) {
      const decision = decide(inputs);
      const json = decisionJson(decision);
      for (const row of json.ranking) expect(row.reasons.length + row.against.length, `${row.framework} for ${JSON.stringify(inputs)}`).toBeGreaterThan(0);
      const text = formatDecision(decision);
      for (const row of decision.ranking) expect(text).toMatch(new RegExp(`\\d\\. ${row.name}\\s+-?\\d+\\n {7}\\S`));
    }
    // Why FastAPI lost for a Go team: the team's language favoured the Go frameworks.
    const go = decide({ language: 'go' });
    expect(go.ranking.find((r) => r.framework === 'fastapi')!.against).toEqual([
      '0 your team writes go, and the article\'s first rule is the team\'s language, whichever it is, which favours Gin and Echo: "Start with the team. Fighting your team\'s strengths to chase raw throughput rarely pays off." [team-language]',
    ]);
  });

  it('team size counts whatever opinion was asked for: a larger team adds to structure', () => {
    const small = decide({ language: 'typescript', style: 'minimal', teamSize: 3 });
    const large = decide({ language: 'typescript', style: 'minimal', teamSize: 12 });
    expect(small.ranking.find((r) => r.framework === 'nestjs')!.score).toBe(100);
    expect(large.ranking.find((r) => r.framework === 'nestjs')!.reasons.some((r) => r.endsWith('[larger-teams]'))).toBe(true);
    expect(large.framework).toBe('fastify');
  });
});
