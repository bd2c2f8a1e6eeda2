import type { DecisionInputs } from '../answers.js';
import { frameworks as catalog } from '../frameworks/index.js';
import type { FrameworkId, FrameworkRecord } from '../frameworks/types.js';
import { noteRules, overrideWarnings, scoringRules } from './rules.js';

export interface RankedFramework {
  framework: FrameworkId;
  name: string;
  score: number;
  /** One line per rule that moved this framework's score, quoting the article and citing the rule id. */
  reasons: string[];
  /**
   * Why it did not score more: one line per rule that applied and favoured others but not this one (or, when no
   * rule applied at all, a line saying so). With `reasons`, every framework has at least one line.
   */
  against: string[];
}

/** The top of the ranking shared by more than one framework, and how the first was picked among them. */
export interface Tie {
  frameworks: FrameworkId[];
  score: number;
  /** A sentence: which frameworks tied, and how the tie was broken. */
  text: string;
}

export interface Citation {
  rule: string;
  text: string;
}

export interface Decision {
  framework: FrameworkId;
  /** `rules` when the ranking picked it, `override` when the user did with --framework. */
  chosenBy: 'rules' | 'override';
  ranking: RankedFramework[];
  /** The article's "watch out for" note of the chosen framework. */
  watchOutFor: string;
  sweetSpot: string;
  /** Where the user's override goes against the article. */
  warnings: Citation[];
  /** The article's remarks on the answers as a whole. */
  notes: Citation[];
  /** Set when the rules left the top of the ranking tied (whoever then chose). */
  tie?: Tie;
}

const reasonLine = (because: string, points: number, quote: string, id: string) =>
  `${points > 0 ? '+' : ''}${points} ${because}: "${quote}" [${id}]`;

/** Ranks every framework by the article's rules. Pure: same inputs, same decision. */
export function decide(inputs: DecisionInputs, frameworks: readonly FrameworkRecord[] = catalog): Decision {
  const rows = new Map<FrameworkId, RankedFramework>(
    frameworks.map((f) => [f.id, { framework: f.id, name: f.name, score: 0, reasons: [], against: [] }]),
  );
  const nameOf = (id: FrameworkId) => rows.get(id)?.name ?? id;

  let applied = 0;
  for (const rule of scoringRules(frameworks)) {
    if (!rule.when(inputs)) continue;
    applied++;
    const because = rule.because(inputs);
    const quote = rule.cite?.(inputs) ?? rule.quote;
    const scores = Object.entries(rule.scores(inputs)).filter(([id, points]) => points !== 0 && rows.has(id as FrameworkId)) as [FrameworkId, number][];
    for (const [id, points] of scores) {
      const row = rows.get(id)!;
      row.score += points;
      row.reasons.push(reasonLine(because, points, quote, rule.id));
    }
    // What a framework missed is why it lost: the rules that rewarded others and not it.
    const favoured = scores.filter(([, points]) => points > 0).map(([id]) => id);
    if (favoured.length === 0) continue;
    for (const row of rows.values()) {
      if (favoured.includes(row.framework) || scores.some(([id]) => id === row.framework)) continue;
      row.against.push(`0 ${because}, which favours ${listNames(favoured.map(nameOf))}: "${quote}" [${rule.id}]`);
    }
  }
  for (const row of rows.values()) {
    if (row.reasons.length + row.against.length > 0) continue;
    row.against.push(
      applied === 0
        ? 'no rule of the article applies to these answers (none was given): every framework scores 0'
        : 'the rules that apply to these answers neither favour nor count against it',
    );
  }

  // Stable sort: ties keep the article's table order.
  const ranking = [...rows.values()].sort((a, b) => b.score - a.score);
  const tied = ranking.filter((r) => r.score === ranking[0]!.score);
  const tie: Tie | undefined =
    tied.length > 1
      ? {
          frameworks: tied.map((r) => r.framework),
          score: ranking[0]!.score,
          text: `${listNames(tied.map((r) => r.name))} tie at ${ranking[0]!.score}; the tie goes to ${tied[0]!.name}, the first of them in the article's table.`,
        }
      : undefined;
  const recommended = frameworks.find((f) => f.id === ranking[0]!.framework)!;
  const chosen = inputs.framework ? frameworks.find((f) => f.id === inputs.framework) : recommended;
  if (!chosen) throw new Error(`unknown framework ${inputs.framework}`);

  const scores = Object.fromEntries(ranking.map((r) => [r.framework, r.score])) as Record<FrameworkId, number>;
  const context = { inputs, chosen, recommended, scores };
  const warnings = inputs.framework
    ? overrideWarnings.filter((w) => w.when(context)).map((w) => ({ rule: w.id, text: `${w.message(context)} "${w.quote}"` }))
    : [];
  const notes = noteRules.filter((n) => n.when(inputs)).map((n) => ({ rule: n.id, text: n.quote }));

  return {
    framework: chosen.id,
    chosenBy: inputs.framework ? 'override' : 'rules',
    ranking,
    watchOutFor: chosen.watchOutFor,
    sweetSpot: chosen.sweetSpot,
    warnings,
    notes,
    ...(tie ? { tie } : {}),
  };
}

/** "A", "A and B", "A, B and C". */
export function listNames(names: string[]): string {
  return names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}

/**
 * The decision for a recorded project (replay, update): its framework is fixed, but it counts as the rules' pick
 * whenever today's rules still pick it, so a regenerated README does not claim the user overrode them.
 */
export function decideRecorded(inputs: DecisionInputs, framework: FrameworkId): Decision {
  const byRules = decide({ ...inputs, framework: undefined });
  return byRules.framework === framework ? byRules : decide({ ...inputs, framework });
}

/** The shape `recommend --json` prints. */
export function decisionJson(decision: Decision) {
  return {
    framework: decision.framework,
    chosenBy: decision.chosenBy,
    ranking: decision.ranking.map(({ framework, score, reasons, against }) => ({ framework, score, reasons, against })),
    ...(decision.tie ? { tie: decision.tie } : {}),
    watchOutFor: decision.watchOutFor,
    warnings: decision.warnings,
    notes: decision.notes,
  };
}
