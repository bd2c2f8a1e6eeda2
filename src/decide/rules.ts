/**
 * The article's selection logic as data ("Backend frameworks in 2026", shared/seeds/000_bc19e8e8c29351ec.txt).
 * Every rule quotes the sentence it comes from; reasons and warnings cite rules by their stable id.
 * Weights only order the rules against each other: the team's language outweighs everything else together,
 * because the article's strongest advice is "Start with the team".
 */
import type { DecisionInputs, TeamLanguage } from '../answers.js';
import type { FrameworkId, FrameworkRecord, Language } from '../frameworks/types.js';

export interface ScoringRule {
  id: string;
  /** The article's own words this rule encodes. */
  quote: string;
  when: (inputs: DecisionInputs) => boolean;
  /** Score change per framework; frameworks not named are untouched. */
  scores: (inputs: DecisionInputs) => Partial<Record<FrameworkId, number>>;
  /** Why it applies to these answers, in a few words. */
  because: (inputs: DecisionInputs) => string;
  /** The part of `quote` that fits these answers, when not all of it does (still the article's words). */
  cite?: (inputs: DecisionInputs) => string;
}

/** "A few hundred requests per second": below this the article calls framework speed irrelevant. */
export const FEW_HUNDRED_RPS = 1000;
/** Where "per-instance cost is a real constraint at scale" starts to bite. */
export const AT_SCALE_RPS = 10_000;
/** Where "maximum performance" is worth Rust's learning curve over Go's quick builds. */
export const MAXIMUM_PERFORMANCE_RPS = 50_000;
/** "Larger teams usually benefit from more opinion." */
export const LARGER_TEAM = 10;

/** The language a team knows, mapped to the language a starter is written in. */
export const STARTER_LANGUAGE: Record<Exclude<TeamLanguage, 'any'>, Language> = {
  typescript: 'typescript',
  javascript: 'typescript',
  python: 'python',
  go: 'go',
  rust: 'rust',
  java: 'java',
  kotlin: 'java',
};

export function teamStarterLanguage(inputs: DecisionInputs): Language | undefined {
  return inputs.language && inputs.language !== 'any' ? STARTER_LANGUAGE[inputs.language] : undefined;
}

const isLowRps = (i: DecisionInputs) => i.rps !== undefined && i.rps < FEW_HUNDRED_RPS;
const wantsThroughput = (i: DecisionInputs) =>
  !isLowRps(i) && (i.workload === 'high-volume' || (i.rps ?? 0) >= AT_SCALE_RPS);

export function scoringRules(frameworks: readonly FrameworkRecord[]): ScoringRule[] {
  const inLanguage = (language: Language) => frameworks.filter((f) => f.language === language).map((f) => f.id);
  const each = (ids: FrameworkId[], points: number) => Object.fromEntries(ids.map((id) => [id, points]));
  const withOpinion = (opinion: FrameworkRecord['opinion']) =>
    frameworks.filter((f) => f.opinion === opinion).map((f) => f.id);

  return [
    {
      id: 'team-language',
      quote:
        "Start with the team. If everyone writes TypeScript, a Node framework removes a context switch and lets you share types front to back. Fighting your team's strengths to chase raw throughput rarely pays off.",
      when: (i) => teamStarterLanguage(i) !== undefined,
      scores: (i) => each(inLanguage(teamStarterLanguage(i)!), 100),
      because: (i) =>
        i.language === 'javascript'
          ? 'your team writes JavaScript, and "Node frameworks assume TypeScript by default now" (the starter is TypeScript)'
          : i.language === 'kotlin'
            ? 'your team is on the JVM (Kotlin); the starter is Java, which Spring Boot and Kotlin share'
            : i.language === 'typescript'
              ? 'your team writes typescript'
              : `your team writes ${i.language}, and the article's first rule is the team's language, whichever it is`,
      // The TypeScript example fits only a Node team; every other team gets the rule without it.
      cite: (i) =>
        teamStarterLanguage(i) === 'typescript'
          ? "Start with the team. If everyone writes TypeScript, a Node framework removes a context switch and lets you share types front to back. Fighting your team's strengths to chase raw throughput rarely pays off."
          : "Start with the team. Fighting your team's strengths to chase raw throughput rarely pays off.",
    },
    {
      id: 'startup-default',
      quote:
        'Whatever your founding engineers know best. For most, that is a Node framework like NestJS or Fastify, or FastAPI if the product is AI-heavy.',
      when: (i) => teamStarterLanguage(i) === undefined,
      scores: (i) => ({ nestjs: 10, fastify: 10, ...(i.workload === 'ai' ? { fastapi: 10 } : {}) }),
      because: () => 'no team language yet: the article\'s startup default',
    },
    {
      id: 'workload-crud',
      quote: 'CRUD and dashboards favor Django or NestJS.',
      when: (i) => i.workload === 'crud',
      scores: () => ({ django: 20, nestjs: 20 }),
      because: () => 'the workload is CRUD and dashboards',
    },
    {
      id: 'workload-ai',
      quote:
        'Model serving and agents favor FastAPI. It is async, typed, and sits in the Python ecosystem where most ML libraries live.',
      when: (i) => i.workload === 'ai',
      scores: () => ({ fastapi: 25 }),
      because: () => 'the workload is AI and model serving',
    },
    {
      id: 'workload-high-volume',
      quote: 'Sustained high request volume at low cost favors Go or Rust.',
      when: (i) => i.workload === 'high-volume' && !isLowRps(i),
      scores: () => each([...inLanguage('go'), ...inLanguage('rust')], 20),
      because: () => 'the workload is sustained high request volume',
    },
    {
      id: 'node-high-throughput',
      quote: 'High-throughput Node APIs with low overhead',
      when: (i) => i.workload === 'high-volume' && !isLowRps(i),
      scores: () => ({ fastify: 10 }),
      because: () => 'the workload is high volume, and Fastify is the low-overhead Node choice',
    },
    {
      id: 'at-scale',
      quote:
        'Go and Rust earn their keep when per-request latency or per-instance cost is a real constraint at scale: high-volume gateways, real-time systems, or services where you are paying for thousands of instances.',
      when: (i) => (i.rps ?? 0) >= AT_SCALE_RPS,
      scores: () => each([...inLanguage('go'), ...inLanguage('rust')], 10),
      because: (i) => `${i.rps} requests per second is load at scale`,
    },
    {
      id: 'go-for-quick-builds',
      quote: 'Use Go for simple, fast services where you want quick builds and easy deployment.',
      when: (i) => wantsThroughput(i) && (i.rps ?? 0) < MAXIMUM_PERFORMANCE_RPS,
      scores: () => each(inLanguage('go'), 5),
      because: () => 'fast services without a need for maximum performance',
    },
    {
      id: 'rust-for-maximum-performance',
      quote:
        'Use Rust when you need maximum performance and memory safety and can absorb the steeper learning curve.',
      when: (i) => wantsThroughput(i) && (i.rps ?? 0) >= MAXIMUM_PERFORMANCE_RPS,
      scores: () => each(inLanguage('rust'), 5),
      because: (i) => `${i.rps} requests per second asks for maximum performance`,
    },
    {
      id: 'few-hundred-rps',
      quote:
        'For a typical SaaS backend doing a few hundred requests per second, the difference between FastAPI and Axum disappears behind your database.',
      when: (i) => isLowRps(i),
      scores: () => ({}),
      because: (i) => `${i.rps} requests per second: framework speed will not be the bottleneck`,
    },
    {
      id: 'opinion-structure',
      quote: 'NestJS, Django, and Spring give you structure and conventions.',
      when: (i) => i.style === 'opinionated',
      scores: () => each(withOpinion('opinionated'), 15),
      because: () => 'the team wants opinion and structure',
    },
    {
      id: 'opinion-control',
      quote: 'Fastify, Gin, and Axum give you control and less ceremony.',
      when: (i) => i.style === 'minimal',
      scores: () => each(withOpinion('minimal'), 15),
      because: () => 'the team wants control and less ceremony',
    },
    {
      id: 'larger-teams',
      quote: 'Larger teams usually benefit from more opinion.',
      // Asked interactively; it adds to the opinion the team asked for rather than replacing it.
      when: (i) => (i.teamSize ?? 0) >= LARGER_TEAM,
      scores: () => each(withOpinion('opinionated'), 10),
      because: (i) => `a team of ${i.teamSize} engineers is a larger team`,
    },
    {
      id: 'serverless-cold-start',
      quote: 'Cold-start sensitive serverless favors Go binaries or GraalVM native images.',
      when: (i) => i.deploy === 'serverless',
      scores: () => ({ ...each(inLanguage('go'), 15), 'spring-boot': 5 }),
      because: () => 'it deploys to serverless, where cold start counts',
    },
    {
      id: 'skip-rust-small-crud',
      quote:
        'Skip Rust for a small CRUD app. The borrow checker and build times are a tax you only want to pay when performance is the product.',
      when: (i) => i.workload === 'crud',
      scores: () => each(inLanguage('rust'), -15),
      because: () => 'the workload is CRUD',
    },
  ];
}

/** Notes about the answers as a whole, shown beside the recommendation. */
export interface NoteRule {
  id: string;
  quote: string;
  when: (inputs: DecisionInputs) => boolean;
}

export const noteRules: NoteRule[] = [
  {
    id: 'containers-forgive',
    quote: 'Long-lived containers are forgiving of any choice.',
    when: (i) => i.deploy === 'containers',
  },
  {
    id: 'database-first',
    quote:
      'Spend the effort on query optimization and a good database choice before you reach for a faster framework.',
    when: (i) => isLowRps(i) && i.workload === 'high-volume',
  },
  {
    id: 'skip-benchmark-decisions',
    quote: 'Skip benchmark-driven decisions for normal apps. Team fit beats a few thousand requests per second.',
    when: (i) => isLowRps(i),
  },
];

/** Context a warning rule sees: the inputs, the framework the user forced, and what the rules would have picked. */
export interface OverrideContext {
  inputs: DecisionInputs;
  chosen: FrameworkRecord;
  recommended: FrameworkRecord;
  /** Scores by framework, so a tie with the top is not reported as going against the article. */
  scores: Record<FrameworkId, number>;
}

export interface WarningRule {
  id: string;
  quote: string;
  when: (ctx: OverrideContext) => boolean;
  message: (ctx: OverrideContext) => string;
}

/** Where a `--framework` override goes against the article. */
export const overrideWarnings: WarningRule[] = [
  {
    id: 'team-language',
    quote: "Start with the team. Fighting your team's strengths to chase raw throughput rarely pays off.",
    when: ({ inputs, chosen }) => {
      const team = teamStarterLanguage(inputs);
      return team !== undefined && chosen.language !== team;
    },
    message: ({ inputs, chosen }) => `${chosen.name} is ${chosen.language}, but your team writes ${inputs.language}.`,
  },
  {
    id: 'few-hundred-rps',
    quote:
      'For a typical SaaS backend doing a few hundred requests per second, the difference between FastAPI and Axum disappears behind your database.',
    when: ({ inputs, chosen }) => {
      const team = teamStarterLanguage(inputs);
      return isLowRps(inputs) && (chosen.language === 'go' || chosen.language === 'rust') && team !== chosen.language;
    },
    message: ({ inputs, chosen }) =>
      `Switching to ${chosen.language} for throughput at ${inputs.rps} requests per second buys nothing the database will let you see.`,
  },
  {
    id: 'skip-rust-small-crud',
    quote:
      'Skip Rust for a small CRUD app. The borrow checker and build times are a tax you only want to pay when performance is the product.',
    when: ({ inputs, chosen }) => inputs.workload === 'crud' && chosen.language === 'rust',
    message: ({ chosen }) => `${chosen.name} for a CRUD app pays Rust's tax where performance is not the product.`,
  },
  {
    id: 'ranked-lower',
    quote: 'Team fit beats a few thousand requests per second.',
    when: ({ chosen, recommended, scores }) => scores[chosen.id] < scores[recommended.id],
    message: ({ chosen, recommended }) =>
      `For these answers the article's rules put ${recommended.name} first, not ${chosen.name}.`,
  },
];
